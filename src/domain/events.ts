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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An event about to be written, in the transaction (or statement) of the change it describes. */
export interface NewEvent {
  id: string;
  type: EventType;
  data: object;
}
