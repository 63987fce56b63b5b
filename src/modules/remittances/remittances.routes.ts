import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send } from '../../lib/reply.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam, ListQuery } from '../../lib/schemas.js';
import { requireX12MediaType, X12_BODY_LIMIT, X12_MEDIA_TYPES, X12File } from '../../lib/x12-upload.js';
import {
  Adjudication,
  AdjudicationCreate,
  AdjudicationList,
  AdjudicationQuery,
  ClaimAdjudicationQuery,
  Remittance,
  RemittanceList,
} from './remittances.schemas.js';
import { type RemittancesService, textSource } from './remittances.service.js';

const tags = ['remittances'];

export const remittancesRoutes: FastifyPluginAsyncZod<{ remittances: RemittancesService }> = async (
  app,
  { remittances },
) => {
  app.post(
    '/v1/remittances',
    {
      bodyLimit: X12_BODY_LIMIT,
      preValidation: async (req) => requireX12MediaType(req.headers['content-type']),
      config: { idempotent: true },
      schema: {
        operationId: 'createRemittance',
        tags,
        summary: 'Post an 835 remittance file',
        security: secured('remittances:write'),
        description:
          'Takes the raw 835 (005010X221A1) file, up to 64 MiB (`npm run remittances:import` posts larger ones through the same code). The file is checked first — envelope, content and the three balancing levels (line, claim, file) — and refused whole if any fails (422 `remittance_unbalanced` names the claim and the difference in cents). Then, in one transaction, each payment (ST*835) becomes a remittance and each CLP an adjudication, matched to our claim by CLP01 and to its lines by REF*6R (else code, date and charge); the claims move to paid / partially_paid / denied / reversed. A CLP that matches no claim is kept as an unmatched adjudication. A payment already posted (same payer and TRN02 trace number) changes nothing: the answer is 200 with the first result.',
        consumes: [...X12_MEDIA_TYPES],
        headers: IdempotencyHeaders,
        body: X12File,
        response: { 200: RemittanceList, 201: RemittanceList, ...problems(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => send(reply, await remittances.post(req.ctx, textSource(req.body))),
  );

  app.get(
    '/v1/remittances',
    {
      schema: {
        operationId: 'listRemittances',
        tags,
        summary: 'List remittances',
        security: secured('remittances:read'),
        querystring: ListQuery,
        response: { 200: RemittanceList, ...problems(400, 401, 403) },
      },
    },
    async (req) => remittances.list(req.ctx, req.query),
  );

  app.get(
    '/v1/remittances/:id',
    {
      schema: {
        operationId: 'retrieveRemittance',
        tags,
        summary: 'Retrieve a remittance, with the claims it could not match',
        security: secured('remittances:read'),
        params: idParam('rmt', 'rmt_01jd0example0000000000000'),
        response: { 200: Remittance, ...readErrors() },
      },
    },
    async (req) => remittances.retrieve(req.ctx, req.params.id),
  );

  app.get(
    '/v1/adjudications',
    {
      schema: {
        operationId: 'listAdjudications',
        tags,
        summary: 'List adjudications (`matched=false`: the ones to follow up)',
        security: secured('remittances:read'),
        querystring: AdjudicationQuery,
        response: { 200: AdjudicationList, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const { matched, remittanceId, ...page } = req.query;
      return remittances.adjudications(
        req.ctx,
        { ...(matched === undefined ? {} : { matched }), ...(remittanceId ? { remittanceId } : {}) },
        page,
      );
    },
  );

  const claimParams = idParam('clm', 'clm_01jd0example0000000000000');

  app.get(
    '/v1/claims/:id/adjudications',
    {
      schema: {
        operationId: 'listClaimAdjudications',
        tags: ['claims', ...tags],
        summary: 'A claim’s adjudications, oldest first',
        security: secured('remittances:read'),
        params: claimParams,
        querystring: ClaimAdjudicationQuery,
        response: { 200: AdjudicationList, ...readErrors() },
      },
    },
    async (req) => remittances.claimAdjudications(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/v1/claims/:id/adjudications',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createClaimAdjudication',
        tags: ['claims', ...tags],
        summary: 'Post a payer decision as JSON (payers without EDI)',
        security: secured('remittances:write'),
        description:
          'The same shape and the same checks as an 835 CLP: it must balance (422 `adjudication_unbalanced`), its lines must be the claim’s (422 `adjudication_line_unknown`), and it moves the claim as an 835 would.',
        params: claimParams,
        headers: IdempotencyHeaders,
        body: AdjudicationCreate,
        response: { 201: Adjudication, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await remittances.createForClaim(req.ctx, req.params.id, req.body)),
  );
};
