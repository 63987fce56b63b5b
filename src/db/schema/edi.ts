import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AdjudicatedLine, Adjustment, ProviderAdjustment } from '../../domain/remittance/adjudication.js';
import { claims } from './claims.js';
import { orgId, timestampMs, timestamps, version } from './columns.js';
import { payers } from './parties.js';
import { organizations } from './platform.js';

/** What goes to payers and what comes back: 837P submissions, 999/277CA acknowledgments, 835 remittances. */

const bigCents = () => bigint({ mode: 'number' });

export const CONTROL_NUMBER_KINDS = ['interchange', 'group', 'transaction'] as const;
export const SUBMISSION_STATUSES = ['created', 'accepted', 'partially_accepted', 'rejected'] as const;
/** TA1 alone (an interchange acknowledgment with no 999 / 277CA beside it), else the set the file answers with. */
export const ACKNOWLEDGMENT_KINDS = ['999', '277CA', 'TA1'] as const;
export const ADJUDICATION_SOURCES = ['x12_835', 'api'] as const;

/**
 * The last ISA13 / GS06 / ST02 given out per organization. Taken with `update … returning` in the transaction
 * that stores the file, so a number is used once or not at all, and each is larger than every one before it.
 */
export const x12ControlNumbers = pgTable(
  'x12_control_numbers',
  {
    orgId: orgId().references(() => organizations.id),
    kind: text({ enum: CONTROL_NUMBER_KINDS }).notNull(),
    lastValue: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind] })],
);

export const submissions = pgTable(
  'submissions',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    payerId: text().notNull(),
    status: text({ enum: SUBMISSION_STATUSES }).notNull(),
    usage: text({ enum: ['T', 'P'] }).notNull(),
    interchangeControlNumber: bigint({ mode: 'number' }).notNull(),
    groupControlNumber: bigint({ mode: 'number' }).notNull(),
    firstTransactionControlNumber: bigint({ mode: 'number' }).notNull(),
    transactionCount: integer().notNull(),
    claimCount: integer().notNull(),
    totalChargeCents: bigCents().notNull(),
    /** The interchange exactly as written (and SNIP-checked). */
    x12: text().notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.interchangeControlNumber),
    index().on(t.orgId, t.updatedAt, t.id),
    foreignKey({ columns: [t.orgId, t.payerId], foreignColumns: [payers.orgId, payers.id] }),
  ],
);

export const submissionClaims = pgTable(
  'submission_claims',
  {
    orgId: orgId(),
    submissionId: text().notNull(),
    claimId: text().notNull(),
    patientControlNumber: text().notNull(),
    /** ST02 of the transaction set holding the claim (what a 999 AK2 names). */
    transactionControlNumber: text().notNull(),
    /** Front-end outcome once acknowledged: accepted | rejected. */
    ackStatus: text({ enum: ['accepted', 'rejected'] }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.submissionId, t.claimId] }),
    index().on(t.orgId, t.claimId),
    index().on(t.orgId, t.patientControlNumber),
    foreignKey({ columns: [t.orgId, t.submissionId], foreignColumns: [submissions.orgId, submissions.id] }),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }),
  ],
);

export const acknowledgments = pgTable(
  'acknowledgments',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    kind: text({ enum: ACKNOWLEDGMENT_KINDS }).notNull(),
    /** SHA-256 of the file: the same file posted again returns the first result. */
    fileHash: text().notNull(),
    interchangeControlNumber: text().notNull(),
    senderId: text().notNull(),
    /** What the file said, per transaction set (999) or per claim (277CA), with what it matched. */
    results: jsonb().$type<Record<string, unknown>>().notNull(),
    x12: text().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.fileHash),
    // The same interchange delivered again in other bytes (re-wrapped lines, another terminator) is still one file.
    uniqueIndex().on(t.orgId, t.senderId, t.interchangeControlNumber, t.kind),
    index().on(t.orgId, t.createdAt, t.id),
  ],
);

export const remittances = pgTable(
  'remittances',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    /** Who paid, as the 835 names it (TRN03, else the N1*PR id, else its name): with TRN02, the payment's identity. */
    payerKey: text().notNull(),
    traceNumber: text().notNull(),
    payerId: text(),
    payerName: text().notNull(),
    payerIdentifier: text(),
    handlingCode: text().notNull(),
    creditDebit: text().notNull(),
    paymentMethod: text().notNull(),
    paymentDate: date({ mode: 'string' }),
    paymentCents: bigCents().notNull(),
    payeeName: text(),
    payeeNpi: text(),
    providerAdjustments: jsonb().$type<ProviderAdjustment[]>().notNull(),
    claimCount: integer().notNull(),
    unmatchedCount: integer().notNull(),
    interchangeControlNumber: text().notNull(),
    transactionControlNumber: text().notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.payerKey, t.traceNumber),
    index().on(t.orgId, t.createdAt, t.id),
  ],
);

/** One payer decision on one claim, from an 835 CLP or posted as JSON. Unmatched ones keep `claim_id` null. */
export const adjudications = pgTable(
  'adjudications',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    claimId: text(),
    remittanceId: text(),
    source: text({ enum: ADJUDICATION_SOURCES }).notNull(),
    /** Order within the remittance (CLP order in the file). */
    sequence: integer().notNull(),
    patientControlNumber: text().notNull(),
    statusCode: text().notNull(),
    payerClaimControlNumber: text(),
    chargeCents: bigCents().notNull(),
    paidCents: bigCents().notNull(),
    patientResponsibilityCents: bigCents().notNull(),
    /** Σ line AMT*B6 when every line carries one. */
    allowedCents: bigCents(),
    filingIndicator: text(),
    adjustments: jsonb().$type<Adjustment[]>().notNull(),
    remarkCodes: text().array().notNull(),
    /** The service lines as paid, each with the claim line it matched (`claimLineNumber`, null when none). */
    lines: jsonb().$type<(AdjudicatedLine & { claimLineNumber: number | null })[]>().notNull(),
    serviceDate: date({ mode: 'string' }),
    serviceDateTo: date({ mode: 'string' }),
    patientName: text(),
    /** The claim's status after this adjudication was applied (null when unmatched). */
    claimStatus: text(),
    statusApplied: boolean().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.claimId, t.createdAt),
    index().on(t.orgId, t.remittanceId, t.sequence),
    index('adjudications_unmatched_idx').on(t.orgId, t.createdAt, t.id).where(sql`claim_id is null`),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }),
    foreignKey({ columns: [t.orgId, t.remittanceId], foreignColumns: [remittances.orgId, remittances.id] }),
    check('adjudications_source_known', sql`${t.source} in ('x12_835', 'api')`),
  ],
);

export type SubmissionRow = typeof submissions.$inferSelect;
export type SubmissionClaimRow = typeof submissionClaims.$inferSelect;
export type AcknowledgmentRow = typeof acknowledgments.$inferSelect;
export type RemittanceRow = typeof remittances.$inferSelect;
export type AdjudicationRow = typeof adjudications.$inferSelect;
