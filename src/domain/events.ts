import type { EventDataMap } from './event-data.js';

/**
 * Every event type the feed carries (and, later, webhooks): `<object>.<what happened>`. Event types are
 * stable API: add new ones, never rename one.
 */
export const EVENT_TYPES = [
  'encounter.created',
  'encounter.updated',
  'claim.created',
  'claim.updated',
  'claim.status_changed',
  'submission.created',
  'claim.submitted',
  'claim.accepted',
  'claim.rejected',
  'claim.adjudicated',
  'claim.denied',
  'claim.corrected',
  'remittance.posted',
  'remittance.unmatched_claim',
  'claim.closed',
  'claim.reopened',
  'payment.posted',
  'writeoff.posted',
  'refund.posted',
  'balance.changed',
  'webhook_endpoint.disabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * An event about to be written, in the transaction (or statement) of the change it describes: its type and that
 * type's data (event-data.ts). The database gives it its id, from its writing transaction and feed sequence, so
 * ids sort in the order the feed returns events (migration 0017).
 */
export type NewEvent = { [K in EventType]: { type: K; data: EventDataMap[K] } }[EventType];

/** The OpenAPI component naming an event of the type: `claim.status_changed` → `ClaimStatusChangedEvent`. */
export const eventSchemaId = (type: EventType): string =>
  `${type
    .split(/[._]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}Event`;

/** Every event type has a data shape, and every data shape an event type. */
true satisfies [EventType] extends [keyof EventDataMap]
  ? [keyof EventDataMap] extends [EventType]
    ? true
    : false
  : false;
