import type { Db } from '../../db/client.js';
import {
  accountKey,
  type AgingItem,
  agingBuckets,
  claimBalance,
  type Itemization,
  type LedgerEntry,
  partyKey,
  patientBalance,
  receivableRows,
} from '../../domain/ledger/index.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { invalidCursor, notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ClaimsService } from '../claims/claims.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { PatientsService } from '../patients/patients.service.js';
import type { ClaimBalance, LedgerEntryView, PatientBalance, PatientStatement } from './balances.schemas.js';

export interface BalancesDeps {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  claims: ClaimsService;
  patients: PatientsService;
}

type DatedEntry = LedgerEntry & { effectiveDate: string; transactionKind: string };

/** Each claim's date of service, as its charge transaction carries it in the journal. */
function serviceDates(entries: readonly DatedEntry[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const e of entries) {
    if (e.transactionKind !== 'claim_charge' || !e.claimId) continue;
    const known = dates.get(e.claimId);
    if (!known || e.effectiveDate < known) dates.set(e.claimId, e.effectiveDate);
  }
  return dates;
}

/**
 * Each claim's first statement date: the journal date of the first transaction that made the patient owe on it
 * (a self-pay charge, or the payer decision moving responsibility to the patient).
 */
function firstPatientDates(entries: readonly DatedEntry[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const e of entries) {
    if (e.account.kind !== 'receivable' || e.account.party.kind !== 'patient' || e.amountCents <= 0) continue;
    const known = dates.get(e.account.claimId);
    if (!known || e.effectiveDate < known) dates.set(e.account.claimId, e.effectiveDate);
  }
  return dates;
}

/** What each (claim, party) owes, aged from a date per claim; credit balances are not aged. */
function aged(
  entries: readonly LedgerEntry[],
  side: 'patient' | 'coverage',
  dateOf: (claimId: string) => string | undefined,
  asOf: string,
) {
  const owed = new Map<string, { claimId: string; cents: number }>();
  for (const row of receivableRows(entries)) {
    if (row.party.kind !== side) continue;
    const key = `${row.claimId}|${row.party.kind === 'coverage' ? row.party.coverageId : ''}`;
    const item = owed.get(key) ?? { claimId: row.claimId, cents: 0 };
    item.cents += row.balanceCents;
    owed.set(key, item);
  }
  const items: AgingItem[] = [...owed.values()]
    .filter((o) => o.cents > 0)
    .map((o) => ({ amountCents: o.cents, date: dateOf(o.claimId) ?? asOf }));
  return agingBuckets(items, asOf);
}

function encodeEntryCursor(position: number, entryNumber: number): string {
  return Buffer.from(JSON.stringify({ p: position, n: entryNumber })).toString('base64url');
}

function decodeEntryCursor(cursor: string): { position: number; entryNumber: number } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; n?: unknown };
    if (!Number.isSafeInteger(v.p) || !Number.isSafeInteger(v.n)) throw new Error('shape');
    return { position: v.p as number, entryNumber: v.n as number };
  } catch {
    throw invalidCursor('The cursor is not one this API returned.', {
      path: 'cursor',
      code: 'invalid_cursor',
      message: 'Pass the nextCursor of a previous page unchanged.',
    });
  }
}

const itemizationView = ({ addsUp: _, ...item }: Itemization) => item;

const statementAmounts = (i: Itemization) => ({
  chargeCents: i.chargeCents,
  payerPaidCents: i.payerPaidCents,
  adjustmentCents: i.contractualCents + i.otherAdjustmentCents,
  deductibleCents: i.deductibleCents,
  coinsuranceCents: i.coinsuranceCents,
  copayCents: i.copayCents,
  patientPaidCents: i.patientPaidCents,
  writtenOffCents: i.writtenOffCents,
  insuranceBalanceCents: i.insuranceBalanceCents,
  patientBalanceCents: i.patientBalanceCents,
});

/**
 * Balances, ledgers and statements: reads of the journal, each figure a sum of entries (domain/ledger). Nothing
 * here is cached, so nothing can drift from the entries.
 */
export function createBalancesService({ db, clock, ledger, claims, patients }: BalancesDeps) {
  const today = (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone);

  async function patientOf(ctx: RequestContext, patientId: string) {
    const patient = await patients.lookup(db, ctx.orgId, patientId);
    if (!patient) throw notFound('patient', patientId);
    return patient;
  }

  return {
    async patientBalance(ctx: RequestContext, patientId: string, asOf?: string): Promise<PatientBalance> {
      await patientOf(ctx, patientId);
      const entries = await ledger.patientEntries(db, ctx.orgId, patientId);
      const date = asOf ?? today(ctx);
      const b = patientBalance(entries, patientId);
      const dos = serviceDates(entries);
      const billed = firstPatientDates(entries);
      await recordAudit(db, ctx, 'read', 'patient_balance', [patientId]);
      return {
        object: 'patient_balance',
        patientId,
        asOf: date,
        patientBalanceCents: b.patientBalanceCents,
        insuranceBalanceCents: b.insuranceBalanceCents,
        unappliedCreditCents: b.unappliedCreditCents,
        netPatientBalanceCents: b.netPatientBalanceCents,
        accountBalanceCents: b.accountBalanceCents,
        aging: {
          patient: {
            fromServiceDate: aged(entries, 'patient', (c) => dos.get(c), date),
            fromFirstStatementDate: aged(entries, 'patient', (c) => billed.get(c) ?? dos.get(c), date),
          },
          insurance: { fromServiceDate: aged(entries, 'coverage', (c) => dos.get(c), date) },
        },
      };
    },

    async claimBalance(ctx: RequestContext, claimId: string): Promise<ClaimBalance> {
      const [found] = await claims.summaries(db, ctx.orgId, [claimId]);
      if (!found) throw notFound('claim', claimId);
      const entries = await ledger.claimEntries(db, ctx.orgId, [claimId]);
      const balance = claimBalance(entries, claimId);
      const codeOf = new Map(found.lines.map((l) => [l.lineNumber, l.code]));
      await recordAudit(db, ctx, 'read', 'claim_balance', [claimId]);
      return {
        object: 'claim_balance',
        claimId,
        patientId: found.claim.patientId,
        status: found.claim.status,
        parties: balance.parties.map(({ party, balanceCents }) => ({
          party: party.kind,
          coverageId: party.kind === 'coverage' ? party.coverageId : null,
          payerId: party.kind === 'coverage' ? party.payerId : null,
          balanceCents,
        })),
        total: itemizationView(balance.total),
        lines: balance.lines.map(({ lineNumber, ...item }) => ({
          lineNumber,
          code: lineNumber === null ? null : (codeOf.get(lineNumber) ?? null),
          ...itemizationView(item),
        })),
      };
    },

    async ledger(ctx: RequestContext, patientId: string, query: { limit: number; cursor?: string | undefined }) {
      await patientOf(ctx, patientId);
      const after = query.cursor ? decodeEntryCursor(query.cursor) : null;
      const rows = await ledger.patientEntryPage(db, ctx.orgId, patientId, after, query.limit);
      const kept = rows.slice(0, query.limit);
      const last = kept.at(-1);
      await recordAudit(db, ctx, 'list', 'ledger_entry', [patientId]);
      return {
        object: 'list' as const,
        data: kept.map(
          ({ entry: e, transaction: t }): LedgerEntryView => ({
            object: 'ledger_entry',
            transactionId: t.id,
            entryNumber: e.entryNumber,
            kind: t.kind,
            reversal: t.reversal,
            reversesTransactionId: t.reversesId,
            sourceType: t.sourceType,
            sourceId: t.sourceId,
            effectiveDate: t.effectiveDate,
            account: accountKey(e.account),
            accountKind: e.account.kind,
            party: e.account.kind === 'receivable' ? partyKey(e.account.party) : null,
            payerId:
              e.account.kind === 'receivable' && e.account.party.kind === 'coverage' ? e.account.party.payerId : null,
            claimId: e.claimId,
            lineNumber: e.lineNumber,
            category: e.category,
            reasonCode: e.reasonCode,
            amountCents: e.amountCents,
            postedAt: t.createdAt.toISOString(),
          }),
        ),
        nextCursor:
          rows.length > query.limit && last
            ? encodeEntryCursor(last.transaction.position, last.entry.entryNumber)
            : null,
      };
    },

    async statement(ctx: RequestContext, patientId: string, asOf?: string): Promise<PatientStatement> {
      const patient = await patientOf(ctx, patientId);
      const entries = await ledger.patientEntries(db, ctx.orgId, patientId);
      const date = asOf ?? today(ctx);
      const b = patientBalance(entries, patientId);
      const claimIds = [
        ...new Set(entries.flatMap((e) => (e.account.kind === 'receivable' ? [e.account.claimId] : []))),
      ];
      const balances = new Map(claimIds.map((id) => [id, claimBalance(entries, id)]));
      const open = claimIds.filter((id) => balances.get(id)!.parties.length > 0);
      const found = await claims.summaries(db, ctx.orgId, open);
      const billed = firstPatientDates(entries);
      const dos = serviceDates(entries);
      await recordAudit(db, ctx, 'read', 'patient_statement', [patientId]);
      return {
        object: 'patient_statement',
        patientId,
        statementDate: date,
        patient: { firstName: patient.firstName, lastName: patient.lastName, address: patient.address ?? null },
        amountDueCents: Math.max(0, b.netPatientBalanceCents),
        patientBalanceCents: b.patientBalanceCents,
        unappliedCreditCents: b.unappliedCreditCents,
        insurancePendingCents: b.insuranceBalanceCents,
        visits: found.map(({ claim, lines }) => {
          const balance = balances.get(claim.id)!;
          const lineOf = new Map(lines.map((l) => [l.lineNumber, l]));
          return {
            claimId: claim.id,
            dateOfService: claim.dateOfService,
            payerId: claim.payerId,
            status: claim.status,
            ...statementAmounts(balance.total),
            lines: balance.lines.map((l) => ({
              lineNumber: l.lineNumber,
              code: l.lineNumber === null ? null : (lineOf.get(l.lineNumber)?.code ?? null),
              dateOfService: l.lineNumber === null ? null : (lineOf.get(l.lineNumber)?.dateOfService ?? null),
              ...statementAmounts(l),
            })),
          };
        }),
        aging: aged(entries, 'patient', (c) => billed.get(c) ?? dos.get(c), date),
      };
    },
  };
}
export type BalancesService = ReturnType<typeof createBalancesService>;
