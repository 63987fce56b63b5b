import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { send } from '../../lib/reply.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam, ListQuery } from '../../lib/schemas.js';
import { Submission, SubmissionCreate, SubmissionList } from './submissions.schemas.js';
import type { SubmissionsService } from './submissions.service.js';

const tags = ['submissions'];
const params = idParam('sub', 'sub_01jd0example0000000000000');

export const submissionsRoutes: FastifyPluginAsyncZod<{ submissions: SubmissionsService }> = async (
  app,
  { submissions },
) => {
  app.post(
    '/v1/submissions',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createSubmission',
        tags,
        summary: 'Submit ready claims as 837P',
        security: secured('submissions:write'),
        description:
          'Rescrubs the claims, writes one 837P (005010X222A1) interchange per payer with fresh ISA13/GS06/ST02 control numbers, checks it (SNIP 1–3 and a re-read), stores it and moves the claims to `submitted`, all in one transaction. 409 when a claim is not ready, 422 when one fails the scrub or X12 settings are missing.',
        headers: IdempotencyHeaders,
        body: SubmissionCreate,
        response: { 201: SubmissionList, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await submissions.create(req.ctx, req.body)),
  );

  app.get(
    '/v1/submissions',
    {
      schema: {
        operationId: 'listSubmissions',
        tags,
        summary: 'List submissions',
        security: secured('submissions:read'),
        querystring: ListQuery,
        response: { 200: SubmissionList, ...problems(400, 401, 403) },
      },
    },
    async (req) => submissions.list(req.ctx, req.query),
  );

  app.get(
    '/v1/submissions/:id',
    {
      schema: {
        operationId: 'retrieveSubmission',
        tags,
        summary: 'Retrieve a submission',
        security: secured('submissions:read'),
        params,
        response: { 200: Submission, ...readErrors() },
      },
    },
    async (req) => submissions.retrieve(req.ctx, req.params.id),
  );

  app.get(
    '/v1/submissions/:id/x12',
    {
      schema: {
        operationId: 'downloadSubmissionFile',
        tags,
        summary: 'Download a submission’s 837P file',
        security: secured('submissions:read'),
        params,
        produces: ['application/edi-x12'],
        response: {
          200: { description: 'The interchange as sent.', content: { 'application/edi-x12': { schema: z.string() } } },
          ...readErrors(),
        },
      },
    },
    async (req, reply) => {
      const x12 = await submissions.x12(req.ctx, req.params.id);
      return reply.type('application/edi-x12').send(x12);
    },
  );
};
