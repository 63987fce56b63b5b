import type { InterchangeIdQualifier } from '../../domain/x12/identifiers.js';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.js';
import { orgId, timestampMs, timestamps, version } from './columns.js';

export interface X12SubmitterValue {
  /** ETIN the clearinghouse assigned: 1000A NM109, and ISA06 / GS02 unless set apart. */
  submitterId: string;
  name: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  /** ISA05 / ISA06 interchange sender; GS02 application sender. */
  senderQualifier: InterchangeIdQualifier;
  senderId: string;
  applicationSenderCode: string;
}

/** Tenants. Global table: every tenant table references it through org_id. */
export const organizations = pgTable('organizations', {
  id: text().primaryKey(),
  name: text().notNull(),
  /** IANA zone: what "today" is for its dates of service, birth dates and filing deadlines. */
  timeZone: text().notNull().default(DEFAULT_TIME_ZONE),
  /** The organization's X12 submitter identity (837P 1000A, ISA06, GS02); null until an operator sets it. */
  x12Submitter: jsonb().$type<X12SubmitterValue>(),
  version: version(),
  ...timestamps,
});
export type OrganizationRow = typeof organizations.$inferSelect;

/** OAuth2 client-credentials clients. The secret is kept only as a SHA-256 hash. */
export const apiClients = pgTable(
  'api_clients',
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    revokedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [index().on(t.orgId)],
);

/** Keys the API signs its own access tokens with; public halves are published at /.well-known/jwks.json. */
export const signingKeys = pgTable('signing_keys', {
  kid: text().primaryKey(),
  alg: text().notNull(),
  publicJwk: jsonb().notNull(),
  privateJwk: jsonb().notNull(),
  createdAt: timestampMs().notNull().default(sql`now()`),
  retiredAt: timestampMs(),
});

/** Stripe-style idempotency: the first response, stored in the same transaction as the business rows. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: orgId().references(() => organizations.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    state: text({ enum: ['in_flight', 'completed'] }).notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    lockedAt: timestampMs().notNull().default(sql`now()`),
    /**
     * An in-flight claim's process: the key of the session advisory lock that process holds while it lives
     * (modules/idempotency/instance-lock.ts). Once that session is gone, the claim is abandoned at once.
     */
    ownerLock: integer(),
    /** The claiming request's token: only that request stores its response under the key or releases it. */
    claimToken: text(),
    /** An in-flight claim lapses here even if its process lives on (a request stuck past any deadline). */
    lockedUntil: timestampMs(),
    expiresAt: timestampMs().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] }), index().on(t.expiresAt)],
);

/** Who read or wrote which patient data, when, under which request. */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: orgId().references(() => organizations.id),
    id: bigserial({ mode: 'number' }).notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    resourceType: text().notNull(),
    resourceIds: text().array().notNull(),
    requestId: text().notNull(),
    createdAt: timestampMs().notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.createdAt)],
);
