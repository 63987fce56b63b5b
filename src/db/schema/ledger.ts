import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { ENTRY_CATEGORIES, TRANSACTION_KINDS } from '../../domain/ledger/journal.js';
import { orgId, timestampMs } from './columns.js';
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
    index().on(t.orgId, t.sourceType, t.sourceId),
    index().on(t.orgId, t.claimId),
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
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.transactionId, t.entryNumber] }),
    foreignKey({
      columns: [t.orgId, t.transactionId],
      foreignColumns: [journalTransactions.orgId, journalTransactions.id],
    }),
    index().on(t.orgId, t.patientId, t.createdAt),
    index().on(t.orgId, t.claimId, t.lineNumber),
    index().on(t.orgId, t.accountKind, t.party),
    check('journal_entries_amount_nonzero', sql`${t.amountCents} <> 0`),
  ],
);

export type JournalTransactionRow = typeof journalTransactions.$inferSelect;
export type JournalEntryRow = typeof journalEntries.$inferSelect;
