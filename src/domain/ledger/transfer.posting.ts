import type { Cents } from '../money.js';
import { type Party, receivable, sameParty } from './accounts.js';
import { allocateOnClaim } from './claim-allocation.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';
import { LedgerError } from './ledger.errors.js';

export interface TransferInput {
  claimId: string;
  patientId: string;
  from: Party;
  to: Party;
  /** The claim's entries. */
  entries: readonly LedgerEntry[];
  /** The claim the receiving party's receivable is on, when another one (a secondary claim); default claimId. */
  toClaimId?: string;
  /** Default: everything `from` owes on the claim. */
  amountCents?: Cents;
  /** Per line (null: claim level); what they leave of the amount goes in line order. */
  allocations?: readonly { lineNumber: number | null; amountCents: Cents }[];
}

/**
 * Dr receivable(to) / Cr receivable(from), per line, as other_patient_responsibility: a balance a payer's
 * decision did not move but that belongs to someone else now (a secondary's denial billed to the patient, a
 * coverage found terminated so the visit is self-pay, a claim the primary says is another payer's). Never more
 * than `from` owes on a line; `reverse` takes it back.
 */
export function transferBalance(input: TransferInput): JournalTransaction {
  const { claimId, from, to } = input;
  if (sameParty(from, to) && (input.toClaimId ?? claimId) === claimId) {
    throw new LedgerError('invalid_next_party', 'A balance moves to another party or claim');
  }
  const { applied } = allocateOnClaim({
    entries: input.entries,
    claimId,
    party: from,
    ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
    ...(input.allocations ? { allocations: input.allocations } : {}),
    verb: 'move',
    what: 'A transfer',
  });
  const target = receivable(input.toClaimId ?? claimId, to);
  const entries = applied.flatMap((a) =>
    movement(target, receivable(claimId, from), a.amountCents, {
      category: 'other_patient_responsibility',
      lineNumber: a.lineNumber,
      patientId: input.patientId,
    }),
  );
  return journalTransaction('responsibility_transfer', entries);
}
