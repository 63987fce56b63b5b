import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { EncounterLine } from '../../domain/claims/claim-build.js';
import type { ScrubIssue } from '../../domain/scrub/types.js';
import { orgId, timestampMs, timestamps, version } from './columns.js';
import { organizations } from './platform.js';
import { coverages, patients, payers, providers } from './parties.js';

export interface DiagnosisValue {
  code: string;
}
export interface EncounterLineValue extends EncounterLine {
  description: string | null;
}
export type ScrubIssueValue = ScrubIssue;

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
    diagnoses: jsonb().$type<DiagnosisValue[]>().notNull(),
    lines: jsonb().$type<EncounterLineValue[]>().notNull(),
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
    status: text().notNull(),
    /** X12 CLM01: ≤14 upper-case letters and digits, unique per organization (some payers truncate at 14+). */
    patientControlNumber: text().notNull(),
    /** CLM05-3: 1 original, 7 replacement, 8 void. */
    frequencyCode: text().notNull().default('1'),
    dateOfService: date({ mode: 'string' }).notNull(),
    dateOfServiceTo: date({ mode: 'string' }).notNull(),
    placeOfService: text().notNull(),
    diagnoses: jsonb().$type<DiagnosisValue[]>().notNull(),
    totalChargeCents: bigint({ mode: 'number' }).notNull(),
    filingDeadline: date({ mode: 'string' }).notNull(),
    issues: jsonb().$type<ScrubIssueValue[]>().notNull(),
    /** Sorted code+modifier fingerprint, for the duplicate-claim edit. */
    codeFingerprint: text().array().notNull(),
    payerClaimNumber: text(),
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
    units: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull(),
    chargeCents: bigint({ mode: 'number' }).notNull(),
    diagnosisPointers: integer().array().notNull(),
    dateOfService: date({ mode: 'string' }).notNull(),
    ndc: text(),
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
    fromStatus: text(),
    toStatus: text().notNull(),
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
    id: text().notNull(),
    seq: bigserial({ mode: 'number' }).notNull(),
    txId: bigint({ mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    type: text().notNull(),
    data: jsonb().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.txId, t.seq)],
);
