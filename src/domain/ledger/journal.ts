import type { Cents } from '../money.js';
import type { Account } from './accounts.js';
import { LedgerError } from './ledger.errors.js';

/**
 * Journal transactions: the unit every business event posts, all or nothing. An entry's amount is signed,
 * positive for a debit and negative for a credit, so a transaction balances (Σ debits = Σ credits) exactly
 * when its amounts add up to zero. Entries are never updated or deleted: a correction is a new transaction,
 * usually `reverse(t)`.
 */

/** What an entry is for, as the claim and patient itemizations show it. */
export const ENTRY_CATEGORIES = [
  'charge',
  'contractual', // CO: charge − allowed
  'payer_paid',
  'deductible', // PR-1
  'coinsurance', // PR-2
  'copay', // PR-3
  'other_patient_responsibility', // PR with any other CARC
  'other_adjustment', // OA, PI, CR
  'patient_paid',
  'writeoff',
  'refund',
  'plb',
  'credit', // into or out of a patient's unapplied credit
] as const;
export type EntryCategory = (typeof ENTRY_CATEGORIES)[number];

/** The patient-responsibility categories: entries that move a balance from one party to the next. */
export const RESPONSIBILITY_CATEGORIES: ReadonlySet<EntryCategory> = new Set([
  'deductible',
  'coinsurance',
  'copay',
  'other_patient_responsibility',
]);

export interface LedgerEntry {
  account: Account;
  /** > 0 debit, < 0 credit; never 0. */
  amountCents: Cents;
  category: EntryCategory;
  /** The claim the entry is about (a receivable's own claim); null for provider-level and credit-only entries. */
  claimId: string | null;
  /** The claim line; null at claim level (claim-level CAS, unmatched 835 lines). */
  lineNumber: number | null;
  patientId: string | null;
  /** `CO-45` / `PR-1` for a CAS adjustment, the PLB reason code (`WO`, `L6`) for a PLB, else null. */
  reasonCode: string | null;
}

/** The business event a transaction posts. */
export const TRANSACTION_KINDS = [
  'claim_charge',
  'adjudication',
  'provider_adjustment',
  'patient_payment',
  'credit_application',
  'overpayment_to_credit',
  'responsibility_transfer',
  'writeoff',
  'patient_refund',
  'payer_refund',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export interface JournalTransaction {
  kind: TransactionKind;
  /** True for the negation of a `kind` transaction (`reverse`); reversing twice gives the original back. */
  reversal: boolean;
  entries: readonly LedgerEntry[];
}

/** Every amount a non-zero safe integer and Σ amounts = 0 (exact: the running total must stay safe too). */
export function isBalanced(entries: readonly Pick<LedgerEntry, 'amountCents'>[]): boolean {
  let total = 0;
  for (const { amountCents } of entries) {
    if (!Number.isSafeInteger(amountCents) || amountCents === 0) return false;
    total += amountCents;
    if (!Number.isSafeInteger(total)) return false;
  }
  return total === 0;
}

function checkEntry(entry: LedgerEntry, index: number): void {
  const { account, amountCents } = entry;
  if (!Number.isSafeInteger(amountCents) || amountCents === 0) {
    throw new LedgerError('invalid_amount', `Entry ${index} has amount ${String(amountCents)}: a non-zero cent count`, {
      index,
    });
  }
  const claimMismatch = account.kind === 'receivable' && entry.claimId !== account.claimId;
  const patientMismatch = account.kind === 'patient_credit' && entry.patientId !== account.patientId;
  if (claimMismatch || patientMismatch) {
    throw new LedgerError('inconsistent_entry', `Entry ${index} names another claim or patient than its account`, {
      index,
    });
  }
}

/** The one way to make a transaction: refuses an empty or unbalanced one, or a malformed entry. Frozen. */
export function journalTransaction(
  kind: TransactionKind,
  entries: readonly LedgerEntry[],
  reversal = false,
): JournalTransaction {
  if (entries.length === 0) throw new LedgerError('empty_transaction', `A ${kind} transaction needs entries`);
  entries.forEach(checkEntry);
  if (!isBalanced(entries)) {
    throw new LedgerError('unbalanced_transaction', `The ${kind} transaction's debits and credits differ`, {
      totalCents: entries.reduce((sum, e) => sum + e.amountCents, 0),
    });
  }
  return Object.freeze({ kind, reversal, entries: Object.freeze(entries.map((e) => Object.freeze({ ...e }))) });
}

/**
 * The exact opposite of a transaction: every entry negated, keeping its account, claim, line, patient, category
 * and reason, so the reversal undoes each itemized figure where it was posted (835 CLP02 22, a voided claim's
 * charges, a write-off taken back). `reverse(reverse(t))` equals `t`.
 */
export function reverse(transaction: JournalTransaction): JournalTransaction {
  const entries = transaction.entries.map((e) => ({ ...e, amountCents: 0 - e.amountCents }));
  return journalTransaction(transaction.kind, entries, !transaction.reversal);
}

/** Metadata shared by the two entries of a movement. */
export type EntryContext = Pick<LedgerEntry, 'category' | 'lineNumber' | 'patientId'> & {
  claimId?: string | null;
  reasonCode?: string | null;
};

function entryOf(account: Account, amountCents: Cents, context: EntryContext): LedgerEntry {
  const claimId = account.kind === 'receivable' ? account.claimId : (context.claimId ?? null);
  return {
    account,
    amountCents,
    category: context.category,
    claimId,
    lineNumber: context.lineNumber,
    patientId: context.patientId,
    reasonCode: context.reasonCode ?? null,
  };
}

/**
 * Debit one account and credit another with the same amount and category: the two entries every posting rule
 * is made of (a negative amount swaps the sides). Nothing for zero. A receivable entry carries its own claim.
 */
export function movement(debit: Account, credit: Account, amountCents: Cents, context: EntryContext): LedgerEntry[] {
  if (amountCents === 0) return [];
  return [entryOf(debit, amountCents, context), entryOf(credit, 0 - amountCents, context)];
}
