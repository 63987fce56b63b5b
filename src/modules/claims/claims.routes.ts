import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send, sendOk } from '../../lib/reply.js';
import { type ResponseCheck, responseSerializer } from '../../lib/response-serializer.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam } from '../../lib/schemas.js';
import {
  Claim,
  ClaimCorrectionCreate,
  ClaimHistory,
  ClaimList,
  ClaimListQuery,
  HoldBody,
  ScrubResult,
} from './claims.schemas.js';
import type { ClaimsService } from './claims.service.js';

const tags = ['claims'];
const params = idParam('clm', 'clm_01jd0example0000000000000');
const moveErrors = () => problems(400, 401, 403, 404, 409, 422);

export const claimsRoutes: FastifyPluginAsyncZod<{ claims: ClaimsService; responseCheck: ResponseCheck }> = async (
  app,
  { claims, responseCheck },
) => {
  app.get(
    '/v1/claims',
    {
      schema: {
        operationId: 'listClaims',
        tags,
        summary: 'List claims',
        security: secured('claims:read'),
        description:
          'Claims ordered by (updatedAt, id). Filter by status, patient, payer and date of service; sync with `updatedSince` and `nextCursor`.',
        querystring: ClaimListQuery,
        response: { 200: ClaimList, ...problems(400, 401, 403) },
      },
      // The sync path (a PM system catching up 100 claims a page): its views are built field by field (toClaim), so
      // production sends them as built; the test suite checks they are what the schema encodes (lib/response-serializer).
      serializerCompiler: responseSerializer(responseCheck),
    },
    async (req) => claims.list(req.ctx, req.query),
  );

  app.get(
    '/v1/claims/:id',
    {
      schema: {
        operationId: 'retrieveClaim',
        tags,
        summary: 'Retrieve a claim',
        security: secured('claims:read'),
        description: 'The claim with its lines, diagnoses, scrub issues and totals.',
        params,
        response: { 200: Claim, ...readErrors() },
      },
    },
    async (req, reply) => sendOk(reply, await claims.retrieve(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/claims/:id/history',
    {
      schema: {
        operationId: 'listClaimHistory',
        tags,
        summary: 'Claim status history',
        security: secured('claims:read'),
        description: 'Every status the claim has had, oldest first, with reasons, reason codes, actor and request id.',
        params,
        response: { 200: ClaimHistory, ...readErrors() },
      },
    },
    async (req) => claims.history(req.ctx, req.params.id),
  );

  app.post(
    '/v1/claims/:id/scrub',
    {
      schema: {
        operationId: 'scrubClaim',
        tags,
        summary: 'Scrub a claim (dry run)',
        security: secured('claims:read'),
        description:
          'Runs every claim edit against current data — codes, coverage, providers — and returns the issues. Changes nothing.',
        params,
        response: { 200: ScrubResult, ...readErrors() },
      },
    },
    async (req) => claims.scrub(req.ctx, req.params.id),
  );

  app.post(
    '/v1/claims/:id/hold',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'holdClaim',
        tags,
        summary: 'Put a claim on hold',
        security: secured('claims:write'),
        description:
          'Keeps a claim that has not been submitted out of submission. 409 with `currentStatus` when its status does not allow it.',
        params,
        headers: IdempotencyHeaders,
        body: HoldBody.optional(),
        response: { 200: Claim, ...moveErrors() },
      },
    },
    async (req, reply) => send(reply, await claims.hold(req.ctx, req.params.id, req.body?.reason)),
  );

  app.post(
    '/v1/claims/:id/release',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'releaseClaim',
        tags,
        summary: 'Release a held claim',
        security: secured('claims:write'),
        description:
          'Takes a claim off hold and rescrubs it: ready when clean, needs_attention with its issues otherwise. 409 when the claim is not on hold.',
        params,
        headers: IdempotencyHeaders,
        response: { 200: Claim, ...moveErrors() },
      },
    },
    async (req, reply) => send(reply, await claims.release(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/claims/:id/corrections',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createClaimCorrection',
        tags,
        summary: 'Replace or void an adjudicated claim',
        security: secured('claims:write'),
        description:
          'Builds a frequency 7 replacement (from the encounter as it is now) or frequency 8 void (a copy of the claim) ' +
          'for the same payer, carrying the payer claim control number of the latest adjudication (REF*F8), scrubbed ' +
          'into ready or needs_attention and submitted like any claim. The corrected claim becomes replaced / void, ' +
          'and each names the other (`correctsClaimId`, `correctedByClaimId`). 409 `claim_not_correctable` when the ' +
          'payer does not have the claim on file, 409 `claim_already_corrected`, 422 `payer_claim_number_missing`.',
        params,
        headers: IdempotencyHeaders,
        body: ClaimCorrectionCreate,
        response: { 201: Claim, ...moveErrors() },
      },
    },
    async (req, reply) => send(reply, await claims.correct(req.ctx, req.params.id, req.body)),
  );
};
