import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { WRITEOFF_REASONS } from '../../domain/ledger/accounts.js';
import { ENTRY_CATEGORIES, TRANSACTION_KINDS } from '../../domain/ledger/journal.js';
import { claims } from './claims.js';
import { orgId, timestampMs } from './columns.js';
import { coverages, patients, payers } from './parties.js';
import { organizations } from './platform.js';

/**
 * The patient-balance journal (issue 10): append-only, double entry. One journal transaction per business event,
 * its entries signed integer cents (> 0 debit, < 0 credit) adding up to zero. Migration 0007 adds the triggers that
 * refuse an UPDATE, DELETE or TRUNCATE of either table for every role, and an INSERT leaving a transaction unbalanced.
 */

export const journalTransactions = pgTable(
  'journal_transactions',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    /** Insert order across the journal: the ledger's cursor (ids made in one millisecond do not sort). */
    position: bigserial({ mode: 'number' }).notNull(),
    kind: text({ enum: TRANSACTION_KINDS }).notNull(),
    /** Whether it is the exact negation of another (`reversesId`). */
    reversal: boolean().notNull(),
    reversesId: text(),
    /** What posted it: an adjudication, a payment, a write-off, a refund, a claim, a remittance (PLB). */
    sourceType: text().notNull(),
    sourceId: text().notNull(),
    patientId: text(),
    claimId: text(),
    /** The business date it counts on (payment date, date of service for a charge), in the org's time zone. */
    effectiveDate: date({ mode: 'string' }).notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.position),
    // A transaction is reversed at most once: a second reversal of it fails the index.
    uniqueIndex().on(t.orgId, t.reversesId),
    index().on(t.orgId, t.sourceType, t.sourceId),
    index().on(t.orgId, t.claimId),
    // What the entries' foreign key references: each entry carries its transaction's date (below).
    uniqueIndex().on(t.orgId, t.id, t.effectiveDate),
    check(
      'journal_transactions_kind_known',
      sql`${t.kind} in (${sql.raw(TRANSACTION_KINDS.map((k) => `'${k}'`).join(', '))})`,
    ),
  ],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    orgId: orgId(),
    transactionId: text().notNull(),
    /** 1-based order within the transaction. */
    entryNumber: integer().notNull(),
    /** The account as its key (`receivable:<claim>:coverage:<coverage>`, `cash`, `writeoffs:charity`, …). */
    account: text().notNull(),
    accountKind: text().notNull(),
    /** For receivables: who owes (`patient`, `coverage:<id>`) and, for a coverage, its payer. */
    party: text(),
    payerId: text(),
    claimId: text(),
    lineNumber: integer(),
    patientId: text(),
    category: text({ enum: ENTRY_CATEGORIES }).notNull(),
    reasonCode: text(),
    amountCents: bigint({ mode: 'number' }).notNull(),
    /**
     * Its transaction's effective date, copied (migration 0018): the balance and statement reads date charges and
     * the patient's first amounts owed from the entries alone, without a lookup per entry. The foreign key includes
     * it, so an entry's date is its transaction's.
     */
    effectiveDate: date({ mode: 'string' }).notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.transactionId, t.entryNumber] }),
    foreignKey({
      name: 'journal_entries_transaction_fk',
      columns: [t.orgId, t.transactionId, t.effectiveDate],
      foreignColumns: [journalTransactions.orgId, journalTransactions.id, journalTransactions.effectiveDate],
    }),
    index().on(t.orgId, t.patientId, t.createdAt),
    index().on(t.orgId, t.claimId, t.lineNumber),
    index().on(t.orgId, t.accountKind, t.party),
    // The aging report's one pass over receivables (an index-only scan in claim order; reports.sql.ts).
    index('journal_entries_receivables_index')
      .on(t.orgId, t.claimId, t.party, t.payerId, t.transactionId, t.amountCents)
      .where(sql`${t.accountKind} = 'receivable'`),
    check('journal_entries_amount_nonzero', sql`${t.amountCents} <> 0`),
  ],
);

/** How money reached us or left us (patient payments and refunds). */
export const PAYMENT_METHODS = ['cash', 'check', 'card', 'ach', 'other'] as const;
export const WRITEOFF_SIDES = ['insurance', 'patient'] as const;
export const REFUND_RECIPIENTS = ['patient', 'payer'] as const;

const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** A patient payment as received (POST /v1/patients/{id}/payments): what its journal transaction posted. */
export const patientPayments = pgTable(
  'patient_payments',
  {
    orgId: orgId(),
    id: text().notNull(),
    patientId: text().notNull(),
    amountCents: bigint({ mode: 'number' }).notNull(),
    method: text({ enum: PAYMENT_METHODS }).notNull(),
    reference: text(),
    receivedOn: date({ mode: 'string' }).notNull(),
    /** What was applied to claims, and what was held as unapplied credit (amount = applied + credit). */
    appliedCents: bigint({ mode: 'number' }).notNull(),
    creditCents: bigint({ mode: 'number' }).notNull(),
    transactionId: text().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.patientId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.patientId], foreignColumns: [patients.orgId, patients.id] }),
    foreignKey({
      columns: [t.orgId, t.transactionId],
      foreignColumns: [journalTransactions.orgId, journalTransactions.id],
    }),
    check('patient_payments_amount_positive', sql`${t.amountCents} > 0`),
    check('patient_payments_method_known', sql`${t.method} in (${oneOf(PAYMENT_METHODS)})`),
  ],
);

/** A balance given up on a claim (POST /v1/write-offs), or the reversal of one (`reversesId`). */
export const writeoffs = pgTable(
  'writeoffs',
  {
    orgId: orgId(),
    id: text().notNull(),
    claimId: text().notNull(),
    patientId: text().notNull(),
    side: text({ enum: WRITEOFF_SIDES }).notNull(),
    /** The coverage whose balance was written off (insurance side). */
    coverageId: text(),
    reason: text({ enum: WRITEOFF_REASONS }).notNull(),
    /** > 0 written off; the reversal row carries the amount it gave back, also > 0. */
    amountCents: bigint({ mode: 'number' }).notNull(),
    reversesId: text(),
    note: text(),
    transactionId: text().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.reversesId),
    index().on(t.orgId, t.claimId),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }),
    foreignKey({ columns: [t.orgId, t.coverageId], foreignColumns: [coverages.orgId, coverages.id] }),
    foreignKey({
      columns: [t.orgId, t.transactionId],
      foreignColumns: [journalTransactions.orgId, journalTransactions.id],
    }),
    check('writeoffs_amount_positive', sql`${t.amountCents} > 0`),
    check('writeoffs_side_known', sql`${t.side} in (${oneOf(WRITEOFF_SIDES)})`),
    check('writeoffs_reason_known', sql`${t.reason} in (${oneOf(WRITEOFF_REASONS)})`),
  ],
);

/** Money paid back (POST /v1/refunds): a patient's unapplied credit to the patient, or a payer's overpayment. */
export const refunds = pgTable(
  'refunds',
  {
    orgId: orgId(),
    id: text().notNull(),
    patientId: text().notNull(),
    recipient: text({ enum: REFUND_RECIPIENTS }).notNull(),
    /** For a payer refund: the claim and coverage whose overpayment is paid back. */
    claimId: text(),
    coverageId: text(),
    payerId: text(),
    amountCents: bigint({ mode: 'number' }).notNull(),
    method: text({ enum: PAYMENT_METHODS }).notNull(),
    reference: text(),
    refundedOn: date({ mode: 'string' }).notNull(),
    transactionId: text().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.patientId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.patientId], foreignColumns: [patients.orgId, patients.id] }),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }),
    foreignKey({ columns: [t.orgId, t.payerId], foreignColumns: [payers.orgId, payers.id] }),
    foreignKey({
      columns: [t.orgId, t.transactionId],
      foreignColumns: [journalTransactions.orgId, journalTransactions.id],
    }),
    check('refunds_amount_positive', sql`${t.amountCents} > 0`),
    check('refunds_recipient_known', sql`${t.recipient} in (${oneOf(REFUND_RECIPIENTS)})`),
    check('refunds_method_known', sql`${t.method} in (${oneOf(PAYMENT_METHODS)})`),
  ],
);

export type PatientPaymentRow = typeof patientPayments.$inferSelect;
export type WriteoffRow = typeof writeoffs.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type JournalTransactionRow = typeof journalTransactions.$inferSelect;
export type JournalEntryRow = typeof journalEntries.$inferSelect;
