import type { Cents } from '../money.js';
import { type Party, receivable, type WriteoffReason } from './accounts.js';
import { allocate } from './allocation.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';
import { LedgerError } from './ledger.errors.js';
import { receivableRows } from './receivables.js';

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
  const rows = receivableRows(input.entries, { claimId, party })
    .filter((r) => r.balanceCents > 0)
    .map((r) => ({ claimId, lineNumber: r.lineNumber, openCents: r.balanceCents }));
  const owed = rows.reduce((sum, r) => sum + r.openCents, 0);
  if (owed === 0 && input.amountCents === undefined && !input.allocations) {
    throw new LedgerError('nothing_owed', `Nothing is owed on claim ${claimId} to write off`);
  }
  const explicit = input.allocations?.map((a) => ({ ...a, claimId }));
  const amountCents = input.amountCents ?? (explicit ? explicit.reduce((s, a) => s + a.amountCents, 0) : owed);
  const { applied } = allocate({
    rows,
    amountCents,
    explicit,
    allowExcess: false,
    overCode: 'amount_exceeds_balance',
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
