import {
  type CoverageParty,
  type JournalTransaction,
  type LedgerEntry,
  postAdjudication,
  isLedgerError,
  reverseAdjudication,
} from '../../domain/ledger/index.js';
import type { AdjudicationResult } from '../../domain/remittance/adjudication.js';
import type { Tx } from '../../db/client.js';
import type { LedgerService, Posting } from '../ledger/ledger.service.js';

/**
 * A batch of payer decisions as journal transactions (issue 10), one per adjudication: payer paid, CO
 * contractual, PR moved to the patient, OA/PI/CR adjustments (domain postAdjudication); a CLP02 22 reversal as
 * the exact opposite of the decision it takes back (the latest one of that payer on the claim not yet reversed,
 * whose payment it negates). The claims' journal is read once per batch and kept current as the batch posts, so
 * a claim answered twice in one file (a reversal, then its re-adjudication) sees its own first posting.
 */

interface Decision {
  id: string;
  transaction: JournalTransaction;
  coverageId: string;
  reversed: boolean;
}

interface ClaimJournal {
  entries: LedgerEntry[];
  decisions: Decision[];
}

export interface LedgerClaim {
  id: string;
  patientId: string;
  coverageId: string;
  payerId: string;
}

/** Why an adjudication moved nothing in the journal (a predetermination, a held denial, an unknown original). */
export type NotPosted = 'nothing_to_post' | 'no_original_to_reverse';

export async function createBatchLedger(tx: Tx, orgId: string, ledger: LedgerService, claimIds: readonly string[]) {
  const journals = new Map<string, ClaimJournal>();
  const journalOf = (claimId: string) => {
    let j = journals.get(claimId);
    if (!j) journals.set(claimId, (j = { entries: [], decisions: [] }));
    return j;
  };
  const stored = await ledger.claimTransactions(tx, orgId, claimIds);
  const reversedIds = new Set(stored.map((t) => t.reversesId).filter((id): id is string => id !== null));
  for (const t of stored) {
    const j = journalOf(t.claimId!);
    j.entries.push(...t.entries);
    if (t.kind === 'adjudication' && !t.reversal) {
      j.decisions.push({
        id: t.id,
        transaction: t,
        coverageId: coverageOfTransaction(t),
        reversed: reversedIds.has(t.id),
      });
    }
  }
  const postings: Posting[] = [];

  return {
    /** Plans the journal transaction of one decision; null (with the reason) when it moves nothing. */
    add(
      adjudicationId: string,
      claim: LedgerClaim,
      result: AdjudicationResult,
      lineNumbers: readonly (number | null)[],
      effectiveDate: string,
      /** COB: the next payer's claim, which takes the patient responsibility instead of the patient. */
      next?: { claimId: string; coverageId: string; payerId: string },
    ): NotPosted | null {
      const j = journalOf(claim.id);
      const coverage: CoverageParty = { kind: 'coverage', coverageId: claim.coverageId, payerId: claim.payerId };
      let transaction: JournalTransaction | null;
      let reversesId: string | null = null;
      if (result.statusCode === '22') {
        const original = [...j.decisions]
          .reverse()
          .find((d) => !d.reversed && d.coverageId === claim.coverageId && cashOf(d.transaction) === -result.paidCents);
        if (!original) return 'no_original_to_reverse';
        try {
          transaction = reverseAdjudication(original.transaction, result);
        } catch (err) {
          if (isLedgerError(err)) return 'no_original_to_reverse';
          throw err;
        }
        original.reversed = true;
        reversesId = original.id;
      } else {
        transaction = postAdjudication({
          claimId: claim.id,
          patientId: claim.patientId,
          coverage,
          result,
          lineNumbers,
          entries: j.entries,
          ...(next
            ? {
                responsibilityTo: { kind: 'coverage', coverageId: next.coverageId, payerId: next.payerId },
                responsibilityClaimId: next.claimId,
              }
            : {}),
        });
      }
      if (!transaction) return 'nothing_to_post';
      const id = ledger.newTransactionId();
      postings.push({
        id,
        transaction,
        sourceType: 'adjudication',
        sourceId: adjudicationId,
        effectiveDate,
        patientId: claim.patientId,
        claimId: claim.id,
        reversesId,
      });
      j.entries.push(...transaction.entries);
      if (!transaction.reversal) j.decisions.push({ id, transaction, coverageId: claim.coverageId, reversed: false });
      return null;
    },

    /** Every claim's entries as the batch leaves them (what settles a claim). */
    entriesOf: (claimId: string): readonly LedgerEntry[] => journals.get(claimId)?.entries ?? [],

    /** Writes the batch's journal transactions (one statement). */
    write: () => ledger.post(tx, orgId, postings),
  };
}

function cashOf(t: JournalTransaction): number {
  return t.entries.reduce((sum, e) => (e.account.kind === 'cash' ? sum + e.amountCents : sum), 0);
}

/** The coverage a decision relieved: the party of its receivable entries. */
function coverageOfTransaction(t: JournalTransaction): string {
  for (const e of t.entries) {
    if (e.account.kind === 'receivable' && e.account.party.kind === 'coverage') return e.account.party.coverageId;
  }
  return '';
}
