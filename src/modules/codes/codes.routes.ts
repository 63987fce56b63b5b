import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems, readErrors, secured } from '../../lib/route.js';
import {
  Code,
  CodeList,
  CodeParams,
  CodeSearchQuery,
  CodeSystemList,
  CodeSystemName,
  Mue,
  MueParams,
  MueQuery,
  PtpQuery,
  PtpResult,
  ValidateRequest,
  ValidateResponse,
} from './codes.schemas.js';
import type { CodesService } from './codes.service.js';

const tags = ['codes'];
const security = secured('codes:read');

export const codesRoutes: FastifyPluginAsyncZod<{ codes: CodesService }> = async (app, { codes }) => {
  app.get(
    '/v1/code-systems',
    {
      schema: {
        operationId: 'listCodeSystems',
        tags,
        summary: 'List code systems',
        security,
        description: 'Each code system with the releases loaded and its code counts.',
        response: { 200: CodeSystemList, ...problems(401, 403) },
      },
    },
    async (req) => codes.listSystems(req.ctx),
  );

  app.get(
    '/v1/codes/:system',
    {
      schema: {
        operationId: 'searchCodes',
        tags,
        summary: 'Search codes',
        security,
        description:
          'Search by code prefix (`E11`, `e116`, `G04`) or by words in the description (`type 2 diabetes`), valid on `validOn` (default today). Word searches are ranked so the most likely billable code comes first.',
        params: z.object({ system: CodeSystemName }),
        querystring: CodeSearchQuery,
        response: { 200: CodeList, ...problems(400, 401, 403) },
      },
    },
    async (req) => codes.search(req.ctx, req.params.system, req.query),
  );

  app.get(
    '/v1/codes/:system/:code',
    {
      schema: {
        operationId: 'retrieveCode',
        tags,
        summary: 'Retrieve a code',
        security,
        description:
          'One code (ICD-10-CM with or without its dot), as valid on `validOn`, with every stored version. 404 `code_not_found` if never loaded, `code_not_effective` if not valid on that date.',
        params: CodeParams,
        querystring: z.object({ validOn: z.iso.date().optional() }),
        response: { 200: Code, ...readErrors() },
      },
    },
    async (req) => codes.retrieve(req.params.system, req.params.code, req.query.validOn),
  );

  app.post(
    '/v1/codes/validate',
    {
      schema: {
        operationId: 'validateCodes',
        tags,
        summary: 'Validate codes',
        security,
        description:
          'Up to 1,000 codes with their dates of service; each answer says whether it is valid and billable, and why not (`unknown_code`, `not_billable_header`, `not_effective_on_date`, `terminated`). Read-only.',
        body: ValidateRequest,
        response: { 200: ValidateResponse, ...problems(400, 401, 403) },
      },
    },
    async (req) => codes.validate(req.body),
  );

  app.get(
    '/v1/edits/ptp',
    {
      schema: {
        operationId: 'listPtpEdits',
        tags,
        summary: 'NCCI pairs among codes',
        security,
        description:
          'The NCCI procedure-to-procedure edits in force on the date of service among the given codes, with their modifier indicator and the modifiers that bypass them.',
        querystring: PtpQuery,
        response: { 200: PtpResult, ...problems(400, 401, 403) },
      },
    },
    async (req) => codes.ptp(req.query.codes, req.query.dateOfService),
  );

  app.get(
    '/v1/edits/mue/:code',
    {
      schema: {
        operationId: 'retrieveMue',
        tags,
        summary: 'MUE limit of a code',
        security,
        description: 'The medically unlikely edit (most units per day) for a CPT/HCPCS code on the date of service.',
        params: MueParams,
        querystring: MueQuery,
        response: { 200: Mue, ...readErrors() },
      },
    },
    async (req) => codes.mue(req.params.code, req.query.dateOfService),
  );
};
