import type { Cents } from '../money.js';
import type { Party } from './accounts.js';
import { allocate } from './allocation.js';
import type { LedgerEntry } from './journal.js';
import { LedgerError } from './ledger.errors.js';
import { receivableRows } from './receivables.js';

/**
 * What a party owes on one claim, line by line, taken by an amount (all of it by default) or by named lines: what a
 * write-off or a transfer of responsibility moves. Refuses when nothing is owed and nothing was asked for, or when
 * more is asked than is owed.
 */
export function allocateOnClaim(input: {
  entries: readonly LedgerEntry[];
  claimId: string;
  party: Party;
  amountCents?: Cents;
  allocations?: readonly { lineNumber: number | null; amountCents: Cents }[];
  /** 'write off', 'move': for the messages. */
  verb: string;
  what: string;
}) {
  const { claimId } = input;
  const rows = receivableRows(input.entries, { claimId, party: input.party })
    .filter((r) => r.balanceCents > 0)
    .map((r) => ({ claimId, lineNumber: r.lineNumber, openCents: r.balanceCents }));
  const owed = rows.reduce((sum, r) => sum + r.openCents, 0);
  if (owed === 0 && input.amountCents === undefined && !input.allocations) {
    throw new LedgerError('nothing_owed', `Nothing is owed on claim ${claimId} to ${input.verb}`);
  }
  const explicit = input.allocations?.map((a) => ({ ...a, claimId }));
  const amountCents = input.amountCents ?? (explicit ? explicit.reduce((s, a) => s + a.amountCents, 0) : owed);
  return allocate({
    rows,
    amountCents,
    explicit,
    allowExcess: false,
    overCode: 'amount_exceeds_balance',
    what: input.what,
  });
}
