import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  events,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  webhookOutboxCursors,
  type WebhookDeliveryAttemptRow,
  type WebhookEndpointRow,
} from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';

export type { WebhookDeliveryAttemptRow, WebhookEndpointRow };

const endpoints = tenantTable<typeof webhookEndpoints, WebhookEndpointRow>(webhookEndpoints);

export const webhooksRepository = {
  ...endpoints,

  remove: async (db: DbOrTx, orgId: string, id: string) =>
    (await db.delete(webhookEndpoints).where(endpoints.byId(orgId, id)).returning({ id: webhookEndpoints.id })).length >
    0,

  /**
   * The organization's outbox cursor, made at its latest event when its first endpoint is: an endpoint receives
   * what happens after it exists, not the organization's history.
   */
  ensureCursor: (db: DbOrTx, orgId: string) =>
    db.execute(sql`
      insert into ${webhookOutboxCursors} (org_id, tx_id, seq)
      select ${orgId}, coalesce(max(tx_id), 0), coalesce(max(seq), 0)
      from (select tx_id, seq from ${events} where org_id = ${orgId} order by tx_id desc, seq desc limit 1) last
      on conflict (org_id) do nothing`),

  eventExists: async (db: DbOrTx, orgId: string, eventId: string) =>
    (
      await db
        .select({ id: events.id })
        .from(events)
        .where(and(eq(events.orgId, orgId), eq(events.id, eventId)))
        .limit(1)
    ).length > 0,

  /** Marks a delivery for the dispatcher to queue again (made if the event was never sent to this endpoint). */
  requestRedelivery: (db: DbOrTx, orgId: string, endpointId: string, eventId: string) =>
    db
      .insert(webhookDeliveries)
      .values({ orgId, endpointId, eventId, redeliverRequestedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [webhookDeliveries.orgId, webhookDeliveries.endpointId, webhookDeliveries.eventId],
        set: { redeliverRequestedAt: sql`now()`, updatedAt: sql`now()` },
      }),

  /** Attempts newest first, keyed by their sequence. */
  attempts: (
    db: DbOrTx,
    orgId: string,
    endpointId: string,
    page: { limit: number; beforeSeq?: number | undefined; eventId?: string | undefined },
  ) =>
    db
      .select({ attempt: webhookDeliveryAttempts, eventType: events.type })
      .from(webhookDeliveryAttempts)
      .innerJoin(
        events,
        and(eq(events.orgId, webhookDeliveryAttempts.orgId), eq(events.id, webhookDeliveryAttempts.eventId)),
      )
      .where(
        and(
          eq(webhookDeliveryAttempts.orgId, orgId),
          eq(webhookDeliveryAttempts.endpointId, endpointId),
          page.beforeSeq === undefined ? undefined : lt(webhookDeliveryAttempts.seq, page.beforeSeq),
          page.eventId ? eq(webhookDeliveryAttempts.eventId, page.eventId) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveryAttempts.seq))
      .limit(page.limit + 1),
};
