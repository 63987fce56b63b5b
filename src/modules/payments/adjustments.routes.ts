import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send } from '../../lib/reply.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam } from '../../lib/schemas.js';
import { Refund, RefundCreate, Writeoff, WriteoffCreate, WriteoffList } from './payments.schemas.js';
import type { PaymentsService } from './payments.service.js';

const tags = ['payments'];
const writeoffParam = idParam('wof', 'wof_01jd8x7k2m3n4p5q6r7s8t9v0w');

/** Write-offs and refunds: the postings that give up or pay back a balance. */
export const adjustmentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService }> = async (app, { payments }) => {
  app.post(
    '/v1/write-offs',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createWriteoff',
        tags,
        summary: 'Write off a claim balance',
        security: secured('payments:write'),
        description:
          'Gives up what one side (insurance: the claim’s coverage; patient) owes on a claim, for a reason: all of ' +
          'it by default, or `amountCents` spread over the lines in order, or one `lineNumber`. More than that side ' +
          'owes is 422 `writeoff_exceeds_balance` (or `allocation_exceeds_balance` for one line); nothing owed is ' +
          '422 `nothing_owed`. One journal transaction, with `writeoff.posted` and `balance.changed`; a claim left ' +
          'owing nothing closes (`claim.closed`). Reversible: POST /v1/write-offs/{id}/reversal.',
        headers: IdempotencyHeaders,
        body: WriteoffCreate,
        response: { 201: Writeoff, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await payments.createWriteoff(req.ctx, req.body)),
  );

  app.post(
    '/v1/write-offs/:id/reversal',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'reverseWriteoff',
        tags,
        summary: 'Reverse a write-off',
        security: secured('payments:write'),
        description:
          'A new write-off row naming the original (`reversesId`) and the exact opposite journal transaction: the ' +
          'balance owes again, and a closed claim reopens (`claim.reopened`). A write-off is reversed once: again is ' +
          '409 `writeoff_already_reversed`; a reversal itself cannot be reversed (409 `writeoff_is_reversal`).',
        params: writeoffParam,
        headers: IdempotencyHeaders,
        response: { 201: Writeoff, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await payments.reverseWriteoff(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/write-offs/:id',
    {
      schema: {
        operationId: 'retrieveWriteoff',
        tags,
        summary: 'Retrieve a write-off',
        security: secured('balances:read'),
        params: writeoffParam,
        response: { 200: Writeoff, ...readErrors() },
      },
    },
    async (req) => payments.retrieveWriteoff(req.ctx, req.params.id),
  );

  app.get(
    '/v1/claims/:id/write-offs',
    {
      schema: {
        operationId: 'listClaimWriteoffs',
        tags: ['claims', ...tags],
        summary: 'A claim’s write-offs and their reversals, oldest first',
        security: secured('balances:read'),
        params: idParam('clm', 'clm_01jd8x7k2m3n4p5q6r7s8t9v0w'),
        response: { 200: WriteoffList, ...readErrors() },
      },
    },
    async (req) => payments.claimWriteoffs(req.ctx, req.params.id),
  );

  app.post(
    '/v1/refunds',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createRefund',
        tags,
        summary: 'Refund a patient’s credit or a payer’s overpayment',
        security: secured('payments:write'),
        description:
          '`recipient: patient` pays back unapplied credit (more than the credit is 422 `credit_exceeded`). ' +
          '`recipient: payer` pays back a payer’s credit balance on `claimId` — what it paid beyond what it owed — ' +
          'for the claim’s coverage or `coverageId` (more than that balance is 422 `refund_exceeds_credit`). One ' +
          'journal transaction, with `refund.posted` and `balance.changed`.',
        headers: IdempotencyHeaders,
        body: RefundCreate,
        response: { 201: Refund, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await payments.createRefund(req.ctx, req.body)),
  );

  app.get(
    '/v1/refunds/:id',
    {
      schema: {
        operationId: 'retrieveRefund',
        tags,
        summary: 'Retrieve a refund',
        security: secured('balances:read'),
        params: idParam('rfd', 'rfd_01jd8x7k2m3n4p5q6r7s8t9v0w'),
        response: { 200: Refund, ...readErrors() },
      },
    },
    async (req) => payments.retrieveRefund(req.ctx, req.params.id),
  );
};
