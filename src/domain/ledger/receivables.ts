import type { Cents } from '../money.js';
import { type Account, accountKey, inNormalTerms, type Party, partyKey } from './accounts.js';
import type { LedgerEntry } from './journal.js';

/**
 * What is owed, read from entries: the balance of each receivable row (one claim, one line or claim level, one
 * party). The posting rules read these to validate and allocate; the reports read them to age.
 */

export interface ReceivableRow {
  claimId: string;
  /** null: the claim-level row (claim-level CAS, unmatched 835 lines). */
  lineNumber: number | null;
  party: Party;
  patientId: string | null;
  /** Σ entries: > 0 owed by the party, < 0 a credit balance (the party paid more than it owed). */
  balanceCents: Cents;
}

export interface RowFilter {
  claimId?: string;
  patientId?: string;
  party?: Party;
}

function rowKey(claimId: string, party: Party, lineNumber: number | null): string {
  return `${claimId}\u0000${partyKey(party)}\u0000${lineNumber ?? ''}`;
}

/** Claim-level row first, then lines in order. */
export function compareLines(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/**
 * Every receivable row the entries touch (zero balances included), in first-posted order of claim and party
 * and then line order. The running sums are checked: a total outside the safe range throws a RangeError.
 */
export function receivableRows(entries: readonly LedgerEntry[], filter: RowFilter = {}): ReceivableRow[] {
  const rows = new Map<string, ReceivableRow>();
  const order = new Map<string, number>();
  for (const entry of entries) {
    const { account } = entry;
    if (account.kind !== 'receivable') continue;
    if (filter.claimId !== undefined && account.claimId !== filter.claimId) continue;
    if (filter.patientId !== undefined && entry.patientId !== filter.patientId) continue;
    if (filter.party && partyKey(filter.party) !== partyKey(account.party)) continue;
    const key = rowKey(account.claimId, account.party, entry.lineNumber);
    const row = rows.get(key);
    if (row) {
      row.balanceCents += entry.amountCents;
      if (!Number.isSafeInteger(row.balanceCents)) throw new RangeError('A receivable leaves the safe-integer range');
    } else {
      const group = `${account.claimId}\u0000${partyKey(account.party)}`;
      if (!order.has(group)) order.set(group, order.size);
      rows.set(key, {
        claimId: account.claimId,
        lineNumber: entry.lineNumber,
        party: account.party,
        patientId: entry.patientId,
        balanceCents: entry.amountCents,
      });
    }
  }
  const groupOf = (r: ReceivableRow) => order.get(`${r.claimId}\u0000${partyKey(r.party)}`) ?? 0;
  return [...rows.values()].sort((a, b) => groupOf(a) - groupOf(b) || compareLines(a.lineNumber, b.lineNumber));
}

/** A patient's unapplied credit (what the patient_credit account holds, credit normal): ≥ 0 in a sound ledger. */
export function unappliedCredit(entries: readonly LedgerEntry[], patientId: string): Cents {
  let credit = 0;
  for (const e of entries) {
    if (e.account.kind === 'patient_credit' && e.account.patientId === patientId) credit -= e.amountCents;
  }
  return credit === 0 ? 0 : credit;
}

/** An account's balance in its own terms (what a debit-normal account holds, or a credit-normal one). */
export function accountBalance(entries: readonly LedgerEntry[], account: Account): Cents {
  const key = accountKey(account);
  let total = 0;
  for (const e of entries) if (accountKey(e.account) === key) total += e.amountCents;
  return inNormalTerms(account.kind, total);
}
