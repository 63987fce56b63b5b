import type { JournalEntryRow, JournalTransactionRow } from '../../db/schema/index.js';
import {
  type Account,
  accountKey,
  type JournalTransaction,
  type LedgerEntry,
  PATIENT,
  type Party,
  partyKey,
  type ReceivableSum,
  type TransactionKind,
  WRITEOFF_REASONS,
  type WriteoffReason,
} from '../../domain/ledger/index.js';

/**
 * The journal's two edges: a posting (a pure journal transaction and what posted it) as the rows the tables
 * take, and stored rows back as the ledger entries the pure balance rules read.
 */

export const SOURCE_TYPES = ['claim', 'adjudication', 'remittance', 'payment', 'writeoff', 'refund'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface Posting {
  /** Given when the caller must know it before the write (a reversal in the same batch names it); else made. */
  id?: string;
  transaction: JournalTransaction;
  sourceType: SourceType;
  sourceId: string;
  /** The business date it counts on, in the organization's zone (service date, payment date, 835 date). */
  effectiveDate: string;
  patientId: string | null;
  claimId: string | null;
  /** For a reversal: the stored transaction it negates (each is reversed at most once: a unique index). */
  reversesId?: string | null;
}

/** A stored journal transaction with its entries. */
export interface StoredTransaction extends JournalTransaction {
  id: string;
  position: number;
  sourceType: string;
  sourceId: string;
  effectiveDate: string;
  reversesId: string | null;
  claimId: string | null;
  patientId: string | null;
  createdAt: Date;
}

/** A stored entry with the transaction it belongs to. */
export interface StoredEntry extends LedgerEntry {
  transactionId: string;
  entryNumber: number;
}

/** Rows as JSON (snake_case keys), for `jsonb_populate_recordset` in the journal's insert fragment. */
export function journalRows(orgId: string, id: string, posting: Posting) {
  const { transaction } = posting;
  return {
    transaction: {
      org_id: orgId,
      id,
      kind: transaction.kind,
      reversal: transaction.reversal,
      reverses_id: posting.reversesId ?? null,
      source_type: posting.sourceType,
      source_id: posting.sourceId,
      patient_id: posting.patientId,
      claim_id: posting.claimId,
      effective_date: posting.effectiveDate,
    },
    entries: transaction.entries.map((e, i) => ({
      org_id: orgId,
      transaction_id: id,
      entry_number: i + 1,
      account: accountKey(e.account),
      account_kind: e.account.kind,
      party: e.account.kind === 'receivable' ? partyKey(e.account.party) : null,
      payer_id: e.account.kind === 'receivable' && e.account.party.kind === 'coverage' ? e.account.party.payerId : null,
      claim_id: e.claimId,
      line_number: e.lineNumber,
      patient_id: e.patientId,
      category: e.category,
      reason_code: e.reasonCode,
      amount_cents: e.amountCents,
      effective_date: posting.effectiveDate,
    })),
  };
}

function partyOf(row: Pick<JournalEntryRow, 'party' | 'payerId'>): Party {
  if (row.party === 'patient') return PATIENT;
  if (row.party?.startsWith('coverage:') && row.payerId) {
    return { kind: 'coverage', coverageId: row.party.slice('coverage:'.length), payerId: row.payerId };
  }
  throw new Error(`journal_entries.party: '${String(row.party)}' is not a party`);
}

function accountOf(row: JournalEntryRow): Account {
  switch (row.accountKind) {
    case 'receivable':
      return { kind: 'receivable', claimId: row.claimId!, party: partyOf(row) };
    case 'writeoffs': {
      const reason = row.account.slice('writeoffs:'.length);
      if (!(WRITEOFF_REASONS as readonly string[]).includes(reason)) throw new Error(`Unknown write-off '${reason}'`);
      return { kind: 'writeoffs', reason: reason as WriteoffReason };
    }
    case 'patient_credit':
      return { kind: 'patient_credit', patientId: row.patientId! };
    case 'charges':
    case 'contractual':
    case 'other_adjustments':
    case 'cash':
    case 'provider_adjustments':
    case 'refunds':
      return { kind: row.accountKind };
    default:
      throw new Error(`journal_entries.account_kind: '${row.accountKind}' is not an account kind`);
  }
}

export function entryOf(row: JournalEntryRow): StoredEntry {
  return {
    transactionId: row.transactionId,
    entryNumber: row.entryNumber,
    account: accountOf(row),
    amountCents: row.amountCents,
    category: row.category,
    claimId: row.claimId,
    lineNumber: row.lineNumber,
    patientId: row.patientId,
    reasonCode: row.reasonCode,
  };
}

export function transactionOf(row: JournalTransactionRow, entries: StoredEntry[]): StoredTransaction {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind as TransactionKind,
    reversal: row.reversal,
    reversesId: row.reversesId,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    effectiveDate: row.effectiveDate,
    claimId: row.claimId,
    patientId: row.patientId,
    createdAt: row.createdAt,
    entries: entries.sort((a, b) => a.entryNumber - b.entryNumber),
  };
}

/** A sum the database gives as text (bigint), as cents; a sum beyond the safe-integer range is refused. */
function centsOf(text: string): number {
  const cents = Number(text);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`A ledger sum (${text}) leaves the safe-integer range`);
  return cents;
}

/** A row of `ledger_patient_receivable_sums`, as the driver gives it. */
interface SumRow {
  claim_id: string | null;
  line_number: number | null;
  account_kind: string;
  party: string | null;
  payer_id: string | null;
  category: string;
  cents: string;
}

/**
 * A sum of entries of one receivable row and category (or of the patient's credit) as one ledger entry: the
 * balance rules add entries up, so a group's sum stands for its entries (reasons and transactions are not kept).
 */
export function summedEntryOf(patientId: string, raw: Record<string, unknown>): LedgerEntry {
  const row = raw as unknown as SumRow;
  const account: Account =
    row.account_kind === 'receivable'
      ? { kind: 'receivable', claimId: row.claim_id!, party: partyOf({ party: row.party, payerId: row.payer_id }) }
      : { kind: 'patient_credit', patientId };
  return {
    account,
    amountCents: centsOf(row.cents),
    category: row.category as LedgerEntry['category'],
    claimId: row.claim_id,
    lineNumber: row.line_number,
    patientId,
    reasonCode: null,
  };
}

/** A row of `ledger_patient_receivables`, as the driver gives it. */
interface ReceivableRow {
  claim_id: string | null;
  party: string | null;
  payer_id: string | null;
  cents: string;
  charged_on: string | null;
  first_owed_on: string | null;
}

/**
 * Rows of `patientReceivableGroups` (the statement's rows, or the JSON objects a read model aggregates them into):
 * `entries`, one summed entry per row, for the rules that read receivables and credit (itemization, allocation,
 * credit; never the counter accounts), and `receivables` for `patientPosition`.
 */
export function receivableGroupsOf(patientId: string, rows: readonly Record<string, unknown>[]) {
  const entries: LedgerEntry[] = [];
  const receivables: ReceivableSum[] = [];
  for (const raw of rows) {
    // One row read once: the summed entry and the receivable sum share its party and cents.
    const entry = summedEntryOf(patientId, raw);
    const row = raw as unknown as ReceivableRow;
    receivables.push({
      claimId: row.claim_id,
      party: entry.account.kind === 'receivable' ? entry.account.party : null,
      cents: entry.amountCents,
      chargedOn: row.charged_on,
      firstOwedOn: row.first_owed_on,
    });
    entries.push(entry);
  }
  return { entries, receivables };
}
