import type { Cents } from '../money.js';
import { type Party, receivable, type WriteoffReason } from './accounts.js';
import { allocateOnClaim } from './claim-allocation.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';

export interface WriteoffInput {
  claimId: string;
  patientId: string;
  /** Insurance side (a coverage's receivable) or patient side. */
  party: Party;
  reason: WriteoffReason;
  /** The claim's entries. */
  entries: readonly LedgerEntry[];
  /** Default: everything the party owes on the claim. */
  amountCents?: Cents;
  /** Per line (null: claim level); what they leave of the amount goes in line order. */
  allocations?: readonly { lineNumber: number | null; amountCents: Cents }[];
}

/**
 * Dr writeoffs(reason) / Cr receivable(claim, party), per line: a balance given up (a small balance, charity, bad
 * debt, a timely-filing or other denial accepted). Never more than the party owes on a line; `reverse` takes it
 * back.
 */
export function postWriteoff(input: WriteoffInput): JournalTransaction {
  const { claimId, party } = input;
  const { applied } = allocateOnClaim({
    entries: input.entries,
    claimId,
    party: party,
    ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
    ...(input.allocations ? { allocations: input.allocations } : {}),
    verb: 'write off',
    what: 'A write-off',
  });
  const account = { kind: 'writeoffs' as const, reason: input.reason };
  const entries = applied.flatMap((a) =>
    movement(account, receivable(claimId, party), a.amountCents, {
      category: 'writeoff',
      claimId,
      lineNumber: a.lineNumber,
      patientId: input.patientId,
    }),
  );
  return journalTransaction('writeoff', entries);
}
