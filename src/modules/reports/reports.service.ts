import type { Db } from '../../db/client.js';
import { run } from '../../db/sql.js';
import { AGING_BUCKETS } from '../../domain/ledger/aging.js';
import type { AdjustmentGroup } from '../../domain/remittance/adjudication.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { validationFailed } from '../../lib/platform.errors.js';
import {
  type AgingReport,
  type AgingReportQuery,
  type AgingTotals,
  type DenialReport,
  type DenialReportQuery,
  MAX_REPORT_MONTHS,
} from './reports.schemas.js';
import { agingByBilledDate, agingByServiceDate, denialsReport, reportSettings } from './reports.sql.js';

export interface ReportsDeps {
  db: Db;
  clock: Clock;
}

type Row = Record<string, unknown>;

/** A count or sum as the driver gives it (bigint and numeric arrive as text), checked to be whole and safe. */
function whole(value: unknown): number {
  const n = value === null || value === undefined ? 0 : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A report figure left the safe-integer range: ${String(value)}`);
  return n;
}

function agingOf(row: Row): AgingTotals {
  const buckets = AGING_BUCKETS.map((b, i) => ({
    ...b,
    amountCents: whole(row[`b${i}_cents`]),
    count: whole(row[`b${i}_count`]),
  }));
  return {
    buckets,
    totalCents: buckets.reduce((sum, b) => sum + b.amountCents, 0),
    count: buckets.reduce((sum, b) => sum + b.count, 0),
    creditCents: whole(row.credit_cents),
    creditCount: whole(row.credit_count),
  };
}

/** Σ of several groups' figures, bucket by bucket. */
function sumOf(groups: readonly AgingTotals[]): AgingTotals {
  const out = agingOf({});
  for (const g of groups) {
    g.buckets.forEach((b, i) => {
      out.buckets[i]!.amountCents += b.amountCents;
      out.buckets[i]!.count += b.count;
    });
    out.totalCents += g.totalCents;
    out.count += g.count;
    out.creditCents += g.creditCents;
    out.creditCount += g.creditCount;
  }
  return out;
}

/** 'YYYY-MM' moved by whole months. */
function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** The most frequent codes a group lists. */
const TOP_CODES = 10;

/**
 * Organization-wide reports: read models over the journal, the claims and the adjudications (reports.sql.ts reads
 * those tables directly, and writes nothing). Each report is one aggregate statement in a transaction of its own,
 * with the planner settings reports need (`report_settings`).
 */
export function createReportsService({ db, clock }: ReportsDeps) {
  const today = (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone);

  return {
    async aging(ctx: RequestContext, query: AgingReportQuery): Promise<AgingReport> {
      const asOf = query.asOf ?? today(ctx);
      const billed = query.basis === 'billed_date';
      const rows = await db.transaction(async (tx) => {
        // The billed-date pass hashes every receivable entry with its transaction: it gets the memory for it.
        await run(tx, reportSettings, { workMem: billed ? '64MB' : null });
        const statement = billed ? agingByBilledDate : agingByServiceDate;
        return run(tx, statement, { orgId: ctx.orgId, asOf });
      });
      const payers = rows
        .filter((r) => r.payer_id !== null)
        .map((r) => ({ payerId: String(r.payer_id), payerName: String(r.payer_name ?? r.payer_id), ...agingOf(r) }));
      const patientRow = rows.find((r) => r.payer_id === null);
      const insurance = sumOf(payers);
      const patient = patientRow ? agingOf(patientRow) : sumOf([]);
      return {
        object: 'aging_report',
        asOf,
        basis: query.basis,
        payers,
        insurance,
        patient,
        totalCents: insurance.totalCents + patient.totalCents,
      };
    },

    async denials(ctx: RequestContext, query: DenialReportQuery): Promise<DenialReport> {
      const to = query.to ?? today(ctx).slice(0, 7);
      const from = query.from ?? addMonths(to, -11);
      if (from > to) throw validationFailed([{ path: 'from', code: 'invalid_range', message: 'after `to`' }]);
      if (monthsBetween(from, to) >= MAX_REPORT_MONTHS) {
        throw validationFailed([
          { path: 'from', code: 'invalid_range', message: `at most ${MAX_REPORT_MONTHS} months before \`to\`` },
        ]);
      }
      const rows = await db.transaction(async (tx) => {
        await run(tx, reportSettings, { workMem: null });
        return run(tx, denialsReport, {
          orgId: ctx.orgId,
          timeZone: ctx.timeZone,
          from: `${from}-01`,
          until: `${addMonths(to, 1)}-01`,
        });
      });
      const figures = (r: Row) => ({ deniedCents: whole(r.denied_cents), count: whole(r.denials) });
      const at = (level: number) => rows.filter((r) => Number(r.level) === level);
      const total = at(15)[0];
      const codes = at(12);
      return {
        object: 'denial_report',
        from,
        to,
        timeZone: ctx.timeZone,
        rows: at(1)
          .map((r) => ({
            month: String(r.month),
            payerId: String(r.payer_id),
            payerName: String(r.payer_name ?? r.payer_id),
            group: r.grp as AdjustmentGroup,
            ...figures(r),
          }))
          .sort(
            (a, b) =>
              a.month.localeCompare(b.month) ||
              a.payerName.localeCompare(b.payerName) ||
              a.payerId.localeCompare(b.payerId) ||
              a.group.localeCompare(b.group),
          ),
        groups: at(13)
          .map((g) => ({
            group: g.grp as AdjustmentGroup,
            ...figures(g),
            topCodes: codes
              .filter((c) => c.grp === g.grp)
              .map((c) => ({ reasonCode: String(c.reason_code), ...figures(c) }))
              .sort(
                (a, b) =>
                  b.count - a.count || b.deniedCents - a.deniedCents || a.reasonCode.localeCompare(b.reasonCode),
              )
              .slice(0, TOP_CODES),
          }))
          .sort((a, b) => b.deniedCents - a.deniedCents || a.group.localeCompare(b.group)),
        totals: total ? figures(total) : { deniedCents: 0, count: 0 },
      };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
