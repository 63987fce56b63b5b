import type { Cents } from '../money.js';
import { type Party, receivable } from './accounts.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement, reverse } from './journal.js';
import { LedgerError } from './ledger.errors.js';

/** The parts of a claim line a charge needs (a `ClaimLine` fits). */
export interface ChargedLine {
  lineNumber: number;
  chargeCents: Cents;
}

export interface ClaimChargeInput {
  claimId: string;
  patientId: string;
  /** Who is billed first: the claim's primary coverage, or the patient for a self-pay claim. */
  billTo: Party;
  lines: readonly ChargedLine[];
}

/**
 * Claim creation: per line, Dr receivable(claim, billTo) / Cr charges. Only a claim that bills its services for
 * the first time posts charges (an original claim, or a replacement after the original's charges are reversed);
 * a secondary claim (COB) receives its balance from the primary's adjudication instead, so a visit's charges are
 * counted once. Lines of 0.00 post nothing; null when no line has a charge.
 */
export function chargeClaim(input: ClaimChargeInput): JournalTransaction | null {
  const entries: LedgerEntry[] = [];
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.chargeCents) || line.chargeCents < 0) {
      throw new LedgerError('invalid_amount', `Line ${line.lineNumber} charge must be whole cents ≥ 0`, {
        lineNumber: line.lineNumber,
        chargeCents: line.chargeCents,
      });
    }
    entries.push(
      ...movement(receivable(input.claimId, input.billTo), { kind: 'charges' }, line.chargeCents, {
        category: 'charge',
        claimId: input.claimId,
        lineNumber: line.lineNumber,
        patientId: input.patientId,
      }),
    );
  }
  return entries.length === 0 ? null : journalTransaction('claim_charge', entries);
}

/**
 * A claim voided or replaced (frequency 8 / 7): exactly the negation of its charge transaction, on the same
 * receivable and lines. It does not touch what was already paid, adjusted or moved to the patient: those stay
 * where they were posted. Until the payer's CLP02 22 reversal of its decision arrives, the claim shows a credit
 * balance with that payer equal to all it settled (paid + adjusted + moved on), and the patient's payments stay
 * applied to the responsibility the payer gave; once the reversal moves that responsibility back, what the
 * patient paid shows as a patient credit balance on the claim, which `moveOverpaymentToCredit` turns into
 * unapplied credit (for the replacement claim, or a refund).
 */
export function reverseClaimCharge(charge: JournalTransaction): JournalTransaction {
  if (charge.kind !== 'claim_charge' || charge.reversal) {
    throw new LedgerError('wrong_transaction_kind', 'Only a claim charge transaction is reversed as a void');
  }
  return reverse(charge);
}
