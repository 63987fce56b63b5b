import type { Cents } from '../money.js';
import { type CoverageParty, receivable } from './accounts.js';
import { allocate, assertPositive } from './allocation.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';
import { LedgerError } from './ledger.errors.js';
import { receivableRows, unappliedCredit } from './receivables.js';

/**
 * Money paid back, always out of a credit: Cr refunds (the disbursements account, so cash stays what was
 * deposited), Dr the credit it comes from.
 */

/** Dr patient_credit / Cr refunds: unapplied credit paid back to the patient; never more than the credit. */
export function refundPatientCredit(input: {
  patientId: string;
  amountCents: Cents;
  entries: readonly LedgerEntry[];
}): JournalTransaction {
  const { patientId, amountCents } = input;
  assertPositive(amountCents, 'A refund');
  const credit = unappliedCredit(input.entries, patientId);
  if (amountCents > credit) {
    throw new LedgerError('credit_exceeded', `${amountCents} is more than the ${credit} of unapplied credit`, {
      amountCents,
      creditCents: credit,
    });
  }
  const entries = movement({ kind: 'patient_credit', patientId }, { kind: 'refunds' }, amountCents, {
    category: 'refund',
    lineNumber: null,
    patientId,
  });
  return journalTransaction('patient_refund', entries);
}

export interface PayerRefundInput {
  claimId: string;
  patientId: string;
  coverage: CoverageParty;
  amountCents: Cents;
  /** The claim's entries. */
  entries: readonly LedgerEntry[];
  /** Per line (null: claim level), each within the payer's credit balance on it; the rest goes in line order. */
  allocations?: readonly { lineNumber: number | null; amountCents: Cents }[];
  /**
   * A payer asking back more than its credit balance on the claim (an audit recoupment paid by check): the excess
   * posts on the claim-level row, so the claim owes again, from that payer, until re-billed or written off.
   */
  allowReopen?: boolean;
}

/**
 * Dr receivable(claim, coverage) / Cr refunds: an overpayment returned to the payer. A payer's credit balance on
 * a claim (its receivable below zero: it paid more than it owed) is what can be refunded; the refund brings that
 * receivable back toward zero.
 */
export function refundPayer(input: PayerRefundInput): JournalTransaction {
  const { claimId, coverage } = input;
  const rows = receivableRows(input.entries, { claimId, party: coverage })
    .filter((r) => r.balanceCents < 0)
    .map((r) => ({ claimId, lineNumber: r.lineNumber, openCents: 0 - r.balanceCents }));
  const { applied, excessCents } = allocate({
    rows,
    amountCents: input.amountCents,
    explicit: input.allocations?.map((a) => ({ ...a, claimId })),
    allowExcess: input.allowReopen === true,
    overCode: 'refund_exceeds_credit',
    what: 'A payer refund',
  });
  if (excessCents > 0) applied.push({ claimId, lineNumber: null, amountCents: excessCents });
  const entries = applied.flatMap((a) =>
    movement(receivable(claimId, coverage), { kind: 'refunds' }, a.amountCents, {
      category: 'refund',
      claimId,
      lineNumber: a.lineNumber,
      patientId: input.patientId,
    }),
  );
  return journalTransaction('payer_refund', entries);
}
