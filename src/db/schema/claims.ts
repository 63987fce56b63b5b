import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  bigint,
  check,
  bigserial,
  boolean,
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
import { CLAIM_STATUSES, FREQUENCY_CODES } from '../../domain/claims/claim-status.js';
import { EVENT_TYPES } from '../../domain/events.js';
import { type ClaimLine, type Diagnosis, NDC_UNITS, type ServiceLine } from '../../domain/claims/service-line.js';
import type { ScrubIssue } from '../../domain/scrub/types.js';
import type { Equals } from '../../lib/type-equals.js';
import { orgId, timestampMs, timestamps, unitsThousandths, version } from './columns.js';
import { organizations } from './platform.js';
import { coverages, patients, payers, providers } from './parties.js';

/** `column in ('a', 'b', …)` for a CHECK constraint, from the same list the code's type comes from. */
const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

export const encounters = pgTable(
  'encounters',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    externalId: text(),
    /** Fingerprint of the posted body: a re-post with the same externalId and body returns this encounter. */
    bodyHash: text().notNull(),
    patientId: text().notNull(),
    billingProviderId: text().notNull(),
    renderingProviderId: text(),
    referringProviderId: text(),
    facilityId: text(),
    dateOfService: date({ mode: 'string' }).notNull(),
    placeOfService: text().notNull(),
    priorAuthorization: text(),
    diagnoses: jsonb().$type<Diagnosis[]>().notNull(),
    lines: jsonb().$type<ServiceLine[]>().notNull(),
    selfPay: boolean().notNull().default(false),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.externalId),
    index().on(t.orgId, t.updatedAt, t.id),
    foreignKey({ columns: [t.orgId, t.patientId], foreignColumns: [patients.orgId, patients.id] }),
    foreignKey({ columns: [t.orgId, t.billingProviderId], foreignColumns: [providers.orgId, providers.id] }),
  ],
);

export const claims = pgTable(
  'claims',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    encounterId: text().notNull(),
    patientId: text().notNull(),
    coverageId: text().notNull(),
    payerId: text().notNull(),
    billingProviderId: text().notNull(),
    /** Copied from the encounter when the claim is built or rebuilt: the claim is billed from its own fields. */
    renderingProviderId: text(),
    referringProviderId: text(),
    facilityId: text(),
    priorAuthorization: text(),
    status: text({ enum: CLAIM_STATUSES }).notNull(),
    /** X12 CLM01: ≤14 upper-case letters and digits, unique per organization (some payers truncate at 14+). */
    patientControlNumber: text().notNull(),
    /** CLM05-3: 1 original, 7 replacement, 8 void. */
    frequencyCode: text({ enum: FREQUENCY_CODES }).notNull().default('1'),
    dateOfService: date({ mode: 'string' }).notNull(),
    dateOfServiceTo: date({ mode: 'string' }).notNull(),
    placeOfService: text().notNull(),
    diagnoses: jsonb().$type<Diagnosis[]>().notNull(),
    totalChargeCents: bigint({ mode: 'number' }).notNull(),
    filingDeadline: date({ mode: 'string' }).notNull(),
    issues: jsonb().$type<ScrubIssue[]>().notNull(),
    /** Sorted code+modifier fingerprint, for the duplicate-claim edit. */
    codeFingerprint: text().array().notNull(),
    payerClaimNumber: text(),
    /** A frequency 7/8 correction names the claim it corrects; the corrected claim names its correction. */
    correctsClaimId: text(),
    correctedByClaimId: text(),
    /**
     * Coordination of benefits: the claim to the payer before this one (the primary's, for a secondary claim),
     * whose adjudication this claim's 837P reports in its 2320/2430 loops and whose patient responsibility it bills.
     */
    priorClaimId: text(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.patientControlNumber),
    index().on(t.orgId, t.updatedAt, t.id),
    index().on(t.orgId, t.status, t.updatedAt),
    index().on(t.orgId, t.patientId, t.dateOfService),
    index().on(t.orgId, t.encounterId),
    foreignKey({ columns: [t.orgId, t.encounterId], foreignColumns: [encounters.orgId, encounters.id] }),
    foreignKey({ columns: [t.orgId, t.coverageId], foreignColumns: [coverages.orgId, coverages.id] }),
    foreignKey({ columns: [t.orgId, t.payerId], foreignColumns: [payers.orgId, payers.id] }),
    check('claims_status_known', oneOf(t.status, CLAIM_STATUSES)),
    check('claims_frequency_code_known', oneOf(t.frequencyCode, FREQUENCY_CODES)),
  ],
);

export const claimLines = pgTable(
  'claim_lines',
  {
    orgId: orgId(),
    claimId: text().notNull(),
    lineNumber: integer().notNull(),
    /** X12 2400 REF*6R line item control number: ties 835 service-line payments back to this line. */
    controlNumber: text().notNull(),
    code: text().notNull(),
    modifiers: text().array().notNull(),
    unitsThousandths: unitsThousandths('units').notNull(),
    chargeCents: bigint({ mode: 'number' }).notNull(),
    diagnosisPointers: integer().array().notNull(),
    dateOfService: date({ mode: 'string' }).notNull(),
    ndc: text(),
    /** 837P 2410 CTP04: the quantity of the drug dispensed (thousandths), and CTP05-1 its unit (F2, GR, ME, ML, UN). */
    ndcQuantityThousandths: unitsThousandths('ndc_quantity'),
    ndcUnit: text({ enum: NDC_UNITS }),
    /** 837P SV101-7: what an unlisted or not-otherwise-classified code stands for. */
    description: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.claimId, t.lineNumber] }),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }).onDelete('cascade'),
  ],
);

export const claimHistory = pgTable(
  'claim_history',
  {
    orgId: orgId(),
    id: bigserial({ mode: 'number' }).notNull(),
    claimId: text().notNull(),
    fromStatus: text({ enum: CLAIM_STATUSES }),
    toStatus: text({ enum: CLAIM_STATUSES }).notNull(),
    reasonCodes: text().array().notNull().default(sql`'{}'::text[]`),
    reason: text().notNull(),
    actor: text().notNull(),
    requestId: text(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.claimId, t.id),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }),
    check('claim_history_from_status_known', oneOf(t.fromStatus, CLAIM_STATUSES)),
    check('claim_history_to_status_known', oneOf(t.toStatus, CLAIM_STATUSES)),
  ],
);

/**
 * The change feed. `txId` is the writing transaction's id: readers only return events of
 * transactions older than every transaction still running, ordered by (txId, seq), so a poller
 * following its cursor never misses an event that commits late and never sees one twice.
 */
export const events = pgTable(
  'events',
  {
    orgId: orgId().references(() => organizations.id),
    /** Given by the database as the row is written: `evt_` + hex tx_id + hex seq (migration 0017's trigger). */
    id: text()
      .notNull()
      .$defaultFn(() => sql`null`),
    seq: bigserial({ mode: 'number' }).notNull(),
    txId: bigint({ mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    type: text({ enum: EVENT_TYPES }).notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.txId, t.seq)],
);

export type EncounterRow = typeof encounters.$inferSelect;
export type ClaimRow = typeof claims.$inferSelect;
export type ClaimLineRow = typeof claimLines.$inferSelect;
export type ClaimHistoryRow = typeof claimHistory.$inferSelect;
export type EventRow = typeof events.$inferSelect;

// A claim line row is the domain's claim line plus its keys: a field added to one must be added to the other.
true satisfies Equals<Omit<ClaimLineRow, 'orgId' | 'claimId'>, ClaimLine>;
// Encounter lines are stored in the service-line shape itself (jsonb).
true satisfies Equals<EncounterRow['lines'][number], ServiceLine>;
