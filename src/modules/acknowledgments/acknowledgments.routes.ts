import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send } from '../../lib/reply.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam, ListQuery } from '../../lib/schemas.js';
import { requireX12MediaType, X12_BODY_LIMIT, X12_MEDIA_TYPES, X12File } from '../../lib/x12-upload.js';
import { Acknowledgment, AcknowledgmentList } from './acknowledgments.schemas.js';
import type { AcknowledgmentsService } from './acknowledgments.service.js';

const tags = ['acknowledgments'];
const params = idParam('ack', 'ack_01jd0example0000000000000');

export const acknowledgmentsRoutes: FastifyPluginAsyncZod<{ acknowledgments: AcknowledgmentsService }> = async (
  app,
  { acknowledgments },
) => {
  app.post(
    '/v1/acknowledgments',
    {
      bodyLimit: X12_BODY_LIMIT,
      preValidation: async (req) => requireX12MediaType(req.headers['content-type']),
      config: { idempotent: true },
      schema: {
        operationId: 'createAcknowledgment',
        tags,
        summary: 'Post a 999, 277CA or TA1 file',
        security: secured('submissions:write'),
        description:
          'Reads the file and applies it to the submissions and claims it answers, in one transaction. 999: each AK1 group is matched to a submission by GS06, each AK2 to a transaction set; a rejected set rejects its claims still `submitted` (IK5/IK3/IK4 codes in their history), an accepted one leaves them `submitted` and sets the submission’s status. 277CA: each claim is matched by TRN02 (our CLM01); accepted moves it to `accepted`, rejected to `rejected` (STC codes in its history), pending changes nothing. TA1 R rejects the interchange’s claims. What cannot apply (unknown numbers, a claim already paid) is kept in the result, never an error. The same file posted again answers the first result with 200. SE/GE/IEA count mismatches are warnings; any other envelope defect, a set that is not an acknowledgment, or a 999 and a 277CA in one file is a 400 and changes nothing.',
        headers: IdempotencyHeaders,
        consumes: [...X12_MEDIA_TYPES],
        body: X12File,
        response: {
          200: Acknowledgment,
          201: Acknowledgment,
          ...problems(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    async (req, reply) => send(reply, await acknowledgments.create(req.ctx, req.body)),
  );

  app.get(
    '/v1/acknowledgments',
    {
      schema: {
        operationId: 'listAcknowledgments',
        tags,
        summary: 'List acknowledgments',
        security: secured('submissions:read'),
        querystring: ListQuery,
        response: { 200: AcknowledgmentList, ...problems(400, 401, 403) },
      },
    },
    async (req) => acknowledgments.list(req.ctx, req.query),
  );

  app.get(
    '/v1/acknowledgments/:id',
    {
      schema: {
        operationId: 'retrieveAcknowledgment',
        tags,
        summary: 'Retrieve an acknowledgment',
        security: secured('submissions:read'),
        params,
        response: { 200: Acknowledgment, ...readErrors() },
      },
    },
    async (req) => acknowledgments.retrieve(req.ctx, req.params.id),
  );
};
