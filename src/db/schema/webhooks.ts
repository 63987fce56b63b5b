import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, foreignKey, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { events } from './claims.js';
import { orgId, timestampMs, timestamps, version } from './columns.js';
import { organizations } from './platform.js';

/**
 * Where an organization's events are POSTed (Standard Webhooks). The signing secret has to be kept readable
 * (HMAC is symmetric); the API shows it only when it is made. During a rotation the previous secret signs too,
 * until `previousSecretExpiresAt`.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    url: text().notNull(),
    description: text(),
    /** Event types sent; `*` alone means every type. */
    eventTypes: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    /** Why it is disabled: `manual` (PATCH) or `failing` (every retry of a delivery failed). */
    disabledReason: text({ enum: ['manual', 'failing'] }),
    /** First failed attempt since the last success; null while it answers. */
    failingSince: timestampMs(),
    secret: text().notNull(),
    previousSecret: text(),
    previousSecretExpiresAt: timestampMs(),
    version: version(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * How far the dispatcher has read each organization's events (the outbox), in the feed's (txId, seq) order.
 * One row per organization, locked while a dispatcher works on it, so two workers never fan out one event twice.
 */
export const webhookOutboxCursors = pgTable('webhook_outbox_cursors', {
  orgId: text()
    .primaryKey()
    .references(() => organizations.id),
  txId: bigint({ mode: 'number' }).notNull(),
  seq: bigint({ mode: 'number' }).notNull(),
  updatedAt: timestampMs().notNull().default(sql`now()`),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** One event to one endpoint: the message whose `webhook-id` (the event id) stays the same across attempts. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: orgId(),
    endpointId: text().notNull(),
    eventId: text().notNull(),
    status: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastAttemptAt: timestampMs(),
    /** Set by a manual redelivery; the dispatcher queues it and clears it. */
    redeliverRequestedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.endpointId, t.eventId] }),
    foreignKey({
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.eventId], foreignColumns: [events.orgId, events.id] }),
    index('webhook_deliveries_redeliver_idx')
      .on(t.redeliverRequestedAt)
      .where(sql`${t.redeliverRequestedAt} is not null`),
  ],
);

/** Every HTTP attempt of a delivery: what the receiver answered and how long it took. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    orgId: orgId(),
    endpointId: text().notNull(),
    seq: bigserial({ mode: 'number' }).notNull(),
    eventId: text().notNull(),
    attempt: integer().notNull(),
    trigger: text({ enum: ['automatic', 'manual'] }).notNull(),
    succeeded: boolean().notNull(),
    /** Null when no response came (timeout, refused connection, target refused). */
    statusCode: integer(),
    latencyMs: integer().notNull(),
    /** A stable code (`timeout`, `connection_failed`, `http_status`, `target_refused`…), null on success. */
    error: text(),
    attemptedAt: timestampMs().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.endpointId, t.seq] }),
    foreignKey({
      columns: [t.orgId, t.endpointId, t.eventId],
      foreignColumns: [webhookDeliveries.orgId, webhookDeliveries.endpointId, webhookDeliveries.eventId],
    }).onDelete('cascade'),
  ],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
