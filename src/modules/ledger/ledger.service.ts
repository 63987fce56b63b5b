import type { DbOrTx } from '../../db/client.js';
import type { NewEvent } from '../../domain/events.js';
import {
  type ChargedLine,
  type CoverageParty,
  chargeClaim,
  journalTransaction,
  type LedgerEntry,
  type Party,
  partyKey,
  receivable,
} from '../../domain/ledger/index.js';
import type { Ids } from '../../lib/ids.js';
import {
  journalRows,
  type Posting,
  receivableGroupsOf,
  type StoredEntry,
  type StoredTransaction,
} from './ledger-rows.js';
import { ledgerRepository as repo } from './ledger.repository.js';

/** What charging a claim needs of it (a claim row with its lines fits). */
export interface ChargeableClaim {
  id: string;
  patientId: string;
  coverageId: string;
  payerId: string;
  dateOfService: string;
  lines: readonly ChargedLine[];
}

export interface PatientTotals {
  patientId: string;
  patientCents: number;
  insuranceCents: number;
  creditCents: number;
}

const coverageOf = (claim: Pick<ChargeableClaim, 'coverageId' | 'payerId'>): CoverageParty => ({
  kind: 'coverage',
  coverageId: claim.coverageId,
  payerId: claim.payerId,
});

/** Σ charge entries per receivable row (line and party) of one claim: what it bills now, after every re-charge. */
function netCharges(entries: readonly LedgerEntry[], claimId: string) {
  const rows = new Map<string, { party: Party; lineNumber: number | null; cents: number }>();
  for (const e of entries) {
    if (e.category !== 'charge' || e.account.kind !== 'receivable' || e.account.claimId !== claimId) continue;
    const key = `${partyKey(e.account.party)}|${e.lineNumber ?? ''}`;
    const row = rows.get(key) ?? { party: e.account.party, lineNumber: e.lineNumber, cents: 0 };
    row.cents += e.amountCents;
    rows.set(key, row);
  }
  return rows;
}

/**
 * The ledger module: the append-only journal of every business event that moves money, and the sums read from
 * it. Other modules post through it inside their own database transactions (a claim's charges with the claim,
 * an adjudication with the remittance); it never reads their tables.
 */
export function createLedgerService({ ids }: { ids: Ids }) {
  const identify = (postings: readonly Posting[]) =>
    postings.map((posting) => ({ id: posting.id ?? ids.next('journalTransaction'), posting }));

  /** The delta that makes a claim bill `desired` per line to `billTo`, from what its entries bill now. */
  function chargeDelta(entries: readonly LedgerEntry[], claim: ChargeableClaim, desired: readonly ChargedLine[]) {
    const billTo = coverageOf(claim);
    const current = netCharges(entries, claim.id);
    const target = new Map<string, { party: Party; lineNumber: number | null; cents: number }>();
    for (const line of desired) {
      target.set(`${partyKey(billTo)}|${line.lineNumber}`, {
        party: billTo,
        lineNumber: line.lineNumber,
        cents: line.chargeCents,
      });
    }
    const out: LedgerEntry[] = [];
    for (const key of new Set([...current.keys(), ...target.keys()])) {
      const now = current.get(key);
      const want = target.get(key);
      const delta = (want?.cents ?? 0) - (now?.cents ?? 0);
      if (delta === 0) continue;
      const { party, lineNumber } = (want ?? now)!;
      const context = { category: 'charge' as const, claimId: claim.id, lineNumber, patientId: claim.patientId };
      out.push(
        { account: receivable(claim.id, party), amountCents: delta, reasonCode: null, ...context },
        { account: { kind: 'charges' }, amountCents: -delta, reasonCode: null, ...context },
      );
    }
    return out;
  }

  const chargePosting = (claim: ChargeableClaim, entries: LedgerEntry[], reversal: boolean): Posting | null =>
    entries.length === 0
      ? null
      : {
          transaction: journalTransaction('claim_charge', entries, reversal),
          sourceType: 'claim',
          sourceId: claim.id,
          effectiveDate: claim.dateOfService,
          patientId: claim.patientId,
          claimId: claim.id,
        };

  const service = {
    /** An id for a posting whose id the caller needs before it is written. */
    newTransactionId: () => ids.next('journalTransaction'),

    /** Stores postings (each one journal transaction) in the caller's transaction; returns their ids in order. */
    async post(tx: DbOrTx, orgId: string, postings: readonly (Posting | null)[]): Promise<string[]> {
      const given = identify(postings.filter((p): p is Posting => p !== null));
      await repo.insert(tx, orgId, given);
      return given.map((g) => g.id);
    },

    /** The JSON parameters of `journalRowsInsert`, for a statement that writes postings with other rows. */
    rowValues(orgId: string, postings: readonly (Posting | null)[]) {
      const rows = identify(postings.filter((p): p is Posting => p !== null)).map(({ id, posting }) =>
        journalRows(orgId, id, posting),
      );
      return { journalTransactions: rows.map((r) => r.transaction), journalEntries: rows.flatMap((r) => r.entries) };
    },

    /** A new claim's charges, billed to its coverage (null for a claim of 0.00: nothing to post). */
    chargePosting(claim: ChargeableClaim): Posting | null {
      const transaction = chargeClaim({
        claimId: claim.id,
        patientId: claim.patientId,
        billTo: coverageOf(claim),
        lines: claim.lines,
      });
      return transaction ? chargePosting(claim, [...transaction.entries], false) : null;
    },

    /**
     * After a claim was rebuilt (its lines, charges or coverage changed before the payer saw it): one transaction
     * moving its charges to what it bills now, nothing when they are unchanged.
     */
    async recharge(tx: DbOrTx, orgId: string, claim: ChargeableClaim): Promise<void> {
      const entries = await repo.entriesOfClaims(tx, orgId, [claim.id]);
      await service.post(tx, orgId, [chargePosting(claim, chargeDelta(entries, claim, claim.lines), false)]);
    },

    /** A claim voided or replaced: its charges reversed, exactly what it still bills; nothing else moves. */
    async reverseCharges(tx: DbOrTx, orgId: string, claim: ChargeableClaim): Promise<void> {
      const entries = await repo.entriesOfClaims(tx, orgId, [claim.id]);
      await service.post(tx, orgId, [chargePosting(claim, chargeDelta(entries, claim, []), true)]);
    },

    /** Every entry about these claims, in posting order. */
    claimEntries: (tx: DbOrTx, orgId: string, claimIds: readonly string[]): Promise<StoredEntry[]> =>
      repo.entriesOfClaims(tx, orgId, claimIds),
    /**
     * The patient's own receivables and credit summed per claim, line and category (one entry per figure), read
     * in one statement: for the rules that read what the patient owes and holds (allocation, credit, refunds),
     * never the insurance side or the counter accounts.
     */
    patientSideEntries: (tx: DbOrTx, orgId: string, patientId: string): Promise<LedgerEntry[]> =>
      repo.patientSideOf(tx, orgId, patientId),
    /** Rows of `patientReceivableGroups` that a read model's statement returned, decoded the same way. */
    receivableGroups: receivableGroupsOf,
    /** The stored transactions about these claims, oldest first. */
    claimTransactions: (tx: DbOrTx, orgId: string, claimIds: readonly string[]): Promise<StoredTransaction[]> =>
      repo.transactionsOfClaims(tx, orgId, claimIds),
    /** The stored transactions these sources posted. */
    sourceTransactions: (tx: DbOrTx, orgId: string, sourceType: Posting['sourceType'], sourceIds: readonly string[]) =>
      repo.transactionsOfSources(tx, orgId, sourceType, sourceIds),
    /** A page of the entries naming a patient, after a (position, entry number) cursor, with their transactions. */
    patientEntryPage: (
      tx: DbOrTx,
      orgId: string,
      patientId: string,
      after: { position: number; entryNumber: number } | null,
      limit: number,
    ) => repo.patientEntryPage(tx, orgId, patientId, after, limit),
    /** Each patient's balances (patients without entries are absent). */
    patientTotals: (tx: DbOrTx, orgId: string, patientIds: readonly string[]): Promise<PatientTotals[]> =>
      repo.patientTotals(tx, orgId, patientIds),

    /** `balance.changed` for each patient, with the balances after the change (same transaction). */
    async balanceChangedEvents(tx: DbOrTx, orgId: string, patientIds: readonly string[]): Promise<NewEvent[]> {
      const unique = [...new Set(patientIds)].sort();
      const totals = new Map((await repo.patientTotals(tx, orgId, unique)).map((t) => [t.patientId, t]));
      return unique.map((patientId) => {
        const t = totals.get(patientId) ?? { patientCents: 0, insuranceCents: 0, creditCents: 0 };
        return {
          type: 'balance.changed' as const,
          data: {
            patientId,
            patientBalanceCents: t.patientCents,
            insuranceBalanceCents: t.insuranceCents,
            unappliedCreditCents: t.creditCents,
          },
        };
      });
    },
  };
  return service;
}
export type LedgerService = ReturnType<typeof createLedgerService>;
export type { Posting, SourceType, StoredEntry, StoredTransaction } from './ledger-rows.js';
