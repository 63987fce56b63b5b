import type { AdjudicationResult } from '../remittance/adjudication.js';
import { PATIENT, receivable } from './accounts.js';
import { type AdjudicationPostingInput, planAdjudication } from './adjudication.plan.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement, reverse } from './journal.js';
import { LedgerError } from './ledger.errors.js';

/**
 * One payer decision on one claim as one journal transaction (the rules are `planAdjudication`'s), per row:
 * - payer paid: Dr cash / Cr receivable(claim, coverage);
 * - CO: Dr contractual / Cr receivable(claim, coverage); OA, PI, CR: Dr other_adjustments / Cr the same;
 * - PR: Dr receivable(next party) / Cr receivable(claim, coverage), as deductible / coinsurance / copay / other.
 * Null when the decision moves nothing (a predetermination, or a denial held on the payer's balance).
 */
export function postAdjudication(input: AdjudicationPostingInput): JournalTransaction | null {
  const plan = planAdjudication(input);
  const owedBy = receivable(input.claimId, input.coverage);
  const next = receivable(input.responsibilityClaimId ?? input.claimId, input.responsibilityTo ?? PATIENT);
  const entries: LedgerEntry[] = [];
  for (const row of plan.rows) {
    const context = { claimId: input.claimId, lineNumber: row.lineNumber, patientId: input.patientId };
    entries.push(...movement({ kind: 'cash' }, owedBy, row.paidCents, { ...context, category: 'payer_paid' }));
    for (const a of row.responsibility) {
      const reasonCode = `${a.group}-${a.reasonCode}`;
      entries.push(...movement(next, owedBy, a.postedCents, { ...context, category: a.category, reasonCode }));
    }
    for (const a of row.adjustments) {
      const account =
        a.category === 'contractual' ? { kind: 'contractual' as const } : { kind: 'other_adjustments' as const };
      const reasonCode = `${a.group}-${a.reasonCode}`;
      entries.push(...movement(account, owedBy, a.postedCents, { ...context, category: a.category, reasonCode }));
    }
  }
  return entries.length === 0 ? null : journalTransaction('adjudication', entries);
}

/** Σ cash of a transaction: for an adjudication, the CLP04 it posted. */
function cashOf(transaction: JournalTransaction): number {
  return transaction.entries.reduce((sum, e) => (e.account.kind === 'cash' ? sum + e.amountCents : sum), 0);
}

/**
 * 835 CLP02 22: the payer takes back a previous decision. Posted as the exact opposite of the transaction that
 * decision posted (so a held denial, a capped adjustment or a COB move is undone exactly as it was done), after
 * checking the reversal is that decision's: its CLP04 must be the negation of the cash the original posted.
 */
export function reverseAdjudication(original: JournalTransaction, reversal: AdjudicationResult): JournalTransaction {
  if (reversal.statusCode !== '22') {
    throw new LedgerError('not_a_reversal', `CLP02 ${reversal.statusCode} is not a reversal (22)`);
  }
  if (original.kind !== 'adjudication' || original.reversal) {
    throw new LedgerError('wrong_transaction_kind', 'A reversal reverses an adjudication transaction');
  }
  const posted = cashOf(original);
  if (reversal.paidCents !== 0 - posted) {
    throw new LedgerError(
      'reversal_mismatch',
      `The reversal takes back ${-reversal.paidCents}, the original paid ${posted}`,
      {
        originalPaidCents: posted,
        reversalPaidCents: reversal.paidCents,
      },
    );
  }
  return reverse(original);
}
