import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems, secured } from '../../lib/route.js';
import { AgingReport, AgingReportQuery, DenialReport, DenialReportQuery } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports }) => {
  app.get(
    '/v1/reports/aging',
    {
      schema: {
        operationId: 'retrieveAgingReport',
        tags,
        summary: 'Read the organization’s receivables by payer and age',
        description:
          'Every receivable (one claim, one party) with a balance as of `asOf` that is not zero — entries of transactions effective on or before it — grouped by payer (coverage receivables) and for the patient side, in aging buckets 0–30 / 31–60 / 61–90 / 91–120 / 120+ days from the date of service (`basis=service_date`) or from the day that party was first billed on the claim (`basis=billed_date`). Credit balances are reported apart (`creditCents`), never aged.',
        security: secured('balances:read'),
        querystring: AgingReportQuery,
        response: { 200: AgingReport, ...problems(400, 401, 403) },
      },
    },
    async (req) => reports.aging(req.ctx, req.query),
  );

  app.get(
    '/v1/reports/denials',
    {
      schema: {
        operationId: 'retrieveDenialReport',
        tags,
        summary: 'Read denied amounts and counts by CARC group, payer and month',
        description:
          'Payer decisions posted in the months `from`–`to` (default: the last 12 months, this one included; months of the organization’s time zone), their denials summed by month, payer and CARC group (CO, OA, PI, CR), with each group’s most frequent codes. A denial is a claim denied whole (CLP02 4 or 23, or nothing paid and nothing left to the patient) or a denied line (paid 0, no PR) of a claim that is not; reversals (CLP02 22), the decisions they take back, predeterminations and decisions that matched no claim are left out.',
        security: secured('balances:read'),
        querystring: DenialReportQuery,
        response: { 200: DenialReport, ...problems(400, 401, 403) },
      },
    },
    async (req) => reports.denials(req.ctx, req.query),
  );
};
