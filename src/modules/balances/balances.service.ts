import type { Db } from '../../db/client.js';
import {
  accountKey,
  claimBalance,
  type Itemization,
  type LedgerEntry,
  partyKey,
  patientPosition,
} from '../../domain/ledger/index.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { invalidCursor, notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ClaimsService } from '../claims/claims.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { PatientsService } from '../patients/patients.service.js';
import { balancesRepository as repo } from './balances.repository.js';
import type { ClaimBalance, LedgerEntryView, PatientBalance, PatientStatement } from './balances.schemas.js';

export interface BalancesDeps {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  claims: ClaimsService;
  patients: PatientsService;
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
      const rows = await repo.balance(db, ctx, patientId);
      if (!rows) throw notFound('patient', patientId);
      const date = asOf ?? today(ctx);
      const b = patientPosition(ledger.receivableGroups(patientId, rows).receivables, date);
      return {
        object: 'patient_balance',
        patientId,
        asOf: date,
        patientBalanceCents: b.patientBalanceCents,
        insuranceBalanceCents: b.insuranceBalanceCents,
        unappliedCreditCents: b.unappliedCreditCents,
        netPatientBalanceCents: b.netPatientBalanceCents,
        accountBalanceCents: b.accountBalanceCents,
        aging: b.aging,
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
      // Every figure of the statement from one read (one snapshot): the totals and each visit's lines agree.
      const read = await repo.statement(db, ctx, patientId);
      if (!read) throw notFound('patient', patientId);
      const date = asOf ?? today(ctx);
      const sums = ledger.receivableGroups(patientId, read.sums);
      const b = patientPosition(sums.receivables, date);
      // The read lists every claim with a figure not zero; the statement shows those on which some party owes.
      const open = new Set(b.openClaimIds);
      const found = read.visits.filter((v) => open.has(v.claimId));
      const byClaim = new Map<string, LedgerEntry[]>();
      for (const e of sums.entries) {
        if (e.claimId === null || e.account.kind !== 'receivable') continue;
        const list = byClaim.get(e.claimId);
        if (list) list.push(e);
        else byClaim.set(e.claimId, [e]);
      }
      return {
        object: 'patient_statement',
        patientId,
        statementDate: date,
        patient: read.patient as PatientStatement['patient'],
        amountDueCents: Math.max(0, b.netPatientBalanceCents),
        patientBalanceCents: b.patientBalanceCents,
        unappliedCreditCents: b.unappliedCreditCents,
        insurancePendingCents: b.insuranceBalanceCents,
        visits: found.map((visit) => {
          const balance = claimBalance(byClaim.get(visit.claimId) ?? [], visit.claimId);
          return {
            claimId: visit.claimId,
            dateOfService: visit.dateOfService,
            payerId: visit.payerId,
            status: visit.status,
            ...statementAmounts(balance.total),
            lines: balance.lines.map((l) => {
              const line = l.lineNumber === null ? undefined : visit.lines.get(l.lineNumber);
              return {
                lineNumber: l.lineNumber,
                code: line?.code ?? null,
                dateOfService: line?.dateOfService ?? null,
                ...statementAmounts(l),
              };
            }),
          };
        }),
        aging: b.aging.patient.fromFirstStatementDate,
      };
    },
  };
}
export type BalancesService = ReturnType<typeof createBalancesService>;
