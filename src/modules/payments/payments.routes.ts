import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send } from '../../lib/reply.js';
import { problems, readErrors, secured } from '../../lib/route.js';
import { IdempotencyHeaders, idParam } from '../../lib/schemas.js';
import { adjustmentsRoutes } from './adjustments.routes.js';
import {
  CreditApplication,
  CreditApplicationCreate,
  Payment,
  PaymentCreate,
  PaymentList,
  PaymentListQuery,
} from './payments.schemas.js';
import type { PaymentsService } from './payments.service.js';

const tags = ['payments'];
const patientParam = idParam('pat', 'pat_01jd8x7k2m3n4p5q6r7s8t9v0w');

/** Patient payments and credit applications here; write-offs and refunds in adjustments.routes.ts. */
export const paymentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService }> = async (app, { payments }) => {
  app.post(
    '/v1/patients/:id/payments',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createPatientPayment',
        tags,
        summary: 'Post a patient payment',
        security: secured('payments:write'),
        description:
          'Applies the amount to what the patient owes: first to the named `allocations` (a claim line, or a claim ' +
          'whose open lines take it in line order), the rest to the oldest balances (date of service, claim, line). ' +
          'More than the patient owes is 422 `payment_exceeds_balance` unless `allowCredit` holds the rest as ' +
          'unapplied credit. An allocation to another patient’s claim is 422 `claim_of_another_patient`; a claim or ' +
          'patient your organization does not have is 404. One journal transaction, with `payment.posted` and ' +
          '`balance.changed`; claims it settles close (`claim.closed`). Bad input posts nothing.',
        params: patientParam,
        headers: IdempotencyHeaders,
        body: PaymentCreate,
        response: { 201: Payment, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await payments.createPayment(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/v1/patients/:id/payments',
    {
      schema: {
        operationId: 'listPatientPayments',
        tags,
        summary: 'List a patient’s payments',
        description: 'Oldest first; payments never change, so `updatedSince` filters on their creation time.',
        security: secured('balances:read'),
        params: patientParam,
        querystring: PaymentListQuery,
        response: { 200: PaymentList, ...readErrors() },
      },
    },
    async (req) => payments.listPayments(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/v1/payments/:id',
    {
      schema: {
        operationId: 'retrievePayment',
        tags,
        summary: 'Retrieve a patient payment, with what it was applied to',
        security: secured('balances:read'),
        params: idParam('pmt', 'pmt_01jd8x7k2m3n4p5q6r7s8t9v0w'),
        response: { 200: Payment, ...readErrors() },
      },
    },
    async (req) => payments.retrievePayment(req.ctx, req.params.id),
  );

  app.post(
    '/v1/patients/:id/credit-applications',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createCreditApplication',
        tags,
        summary: 'Apply a patient’s unapplied credit to balances',
        security: secured('payments:write'),
        description:
          'Moves unapplied credit onto what the patient owes, to the named allocations and then oldest first. More ' +
          'than the credit is 422 `credit_exceeded`; nothing owed is 422 `nothing_owed`. No money moves: one journal ' +
          'transaction from the credit to the receivables, with `balance.changed`.',
        params: patientParam,
        headers: IdempotencyHeaders,
        body: CreditApplicationCreate,
        response: { 201: CreditApplication, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await payments.applyCredit(req.ctx, req.params.id, req.body)),
  );

  await app.register(adjustmentsRoutes, { payments });
};
