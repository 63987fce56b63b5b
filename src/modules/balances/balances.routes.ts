import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ResponseCheck, responseSerializer } from '../../lib/response-serializer.js';
import { problems, secured } from '../../lib/route.js';
import { idParam } from '../../lib/schemas.js';
import {
  BalanceQuery,
  ClaimBalance,
  LedgerEntryList,
  LedgerQuery,
  PatientBalance,
  PatientStatement,
} from './balances.schemas.js';
import type { BalancesService } from './balances.service.js';

const tags = ['balances'];
const patientParam = idParam('pat', 'pat_01jd8x7k2m3n4p5q6r7s8t9v0w');
const claimParam = idParam('clm', 'clm_01jd8x7k2m3n4p5q6r7s8t9v0w');

export const balancesRoutes: FastifyPluginAsyncZod<{
  balances: BalancesService;
  responseCheck: ResponseCheck;
}> = async (app, { balances, responseCheck }) => {
  // The balance and statement views are built field by field from sums (a statement of 25 visits is 44 kB of
  // figures): production sends them as built, the suite checks they are what the schemas encode.
  const serializerCompiler = responseSerializer(responseCheck);
  app.get(
    '/v1/patients/:id/balance',
    {
      schema: {
        operationId: 'retrievePatientBalance',
        tags,
        summary: 'Read a patient’s balances and aging',
        description:
          'Patient balance, insurance balance and unapplied credit, each the sum of the patient’s ledger entries, ' +
          'with aging buckets (0–30, 31–60, 61–90, 91–120, 120+ days) from the date of service and, for the patient ' +
          'side, from the first statement date.',
        security: secured('balances:read'),
        params: patientParam,
        querystring: BalanceQuery,
        response: { 200: PatientBalance, ...problems(400, 401, 403, 404) },
      },
      serializerCompiler,
    },
    async (req) => balances.patientBalance(req.ctx, req.params.id, req.query.asOf),
  );

  app.get(
    '/v1/patients/:id/ledger',
    {
      schema: {
        operationId: 'listPatientLedgerEntries',
        tags,
        summary: 'List a patient’s ledger entries',
        description:
          'Every journal entry naming the patient in posting order, each with its claim, line, category and the ' +
          'business event (source) that posted it. Entries are never changed: corrections are new entries.',
        security: secured('balances:read'),
        params: patientParam,
        querystring: LedgerQuery,
        response: { 200: LedgerEntryList, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => balances.ledger(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/v1/patients/:id/statement',
    {
      schema: {
        operationId: 'retrievePatientStatement',
        tags,
        summary: 'Read a patient statement',
        description:
          'What the patient owes, itemized per visit and line with payer payments and adjustments shown: the ' +
          'statement a practice-management system prints or mails. Visits with nothing owed by anyone are left out.',
        security: secured('balances:read'),
        params: patientParam,
        querystring: BalanceQuery,
        response: { 200: PatientStatement, ...problems(400, 401, 403, 404) },
      },
      serializerCompiler,
    },
    async (req) => balances.statement(req.ctx, req.params.id, req.query.asOf),
  );

  app.get(
    '/v1/claims/:id/balance',
    {
      schema: {
        operationId: 'retrieveClaimBalance',
        tags,
        summary: 'Read a claim’s balance, itemized per line',
        security: secured('balances:read'),
        params: claimParam,
        response: { 200: ClaimBalance, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => balances.claimBalance(req.ctx, req.params.id),
  );
};
