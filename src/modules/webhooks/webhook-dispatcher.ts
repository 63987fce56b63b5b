import type PgBoss from 'pg-boss';
import type { Db } from '../../db/client.js';
import { outboxRepository as outbox, type OutboxEvent } from './webhook-outbox.repository.js';
import { type DeliveryJob, enqueueDeliveries } from './webhook-queue.js';

const BATCH = 500;
/** One pass stops after this many batches of an organization, so one busy tenant does not hold the others back. */
const MAX_BATCHES_PER_ORG = 20;

const subscribes = (types: string[], type: string) => types.includes('*') || types.includes(type);

/**
 * The outbox reader. Events are written in the transaction of each change; this fans each new one out to the
 * organization's enabled endpoints that subscribe to its type: in one transaction it makes the delivery rows,
 * queues their pg-boss jobs and moves the organization's cursor, so an event is queued once or not at all.
 */
export function createWebhookDispatcher({ db, boss }: { db: Db; boss: PgBoss }) {
  async function dispatchBatch(orgId: string): Promise<{ events: number; queued: number } | null> {
    return db.transaction(async (tx) => {
      const cursor = await outbox.lockCursor(tx, orgId);
      if (!cursor) return null; // another dispatcher holds it
      const events = await outbox.eventsAfter(tx, orgId, cursor, BATCH);
      const last = events[events.length - 1];
      if (!last) return { events: 0, queued: 0 };
      const endpoints = await outbox.enabledEndpoints(tx, orgId);
      const pairs = events.flatMap((event: OutboxEvent) =>
        endpoints
          // An endpoint gets what happens after it is made, not what was still in the outbox before.
          .filter((e) => subscribes(e.eventTypes, event.type) && event.createdAt >= e.createdAt)
          .map((e) => ({ endpointId: e.id, eventId: event.id })),
      );
      const made = await outbox.insertDeliveries(tx, orgId, pairs);
      const jobs: DeliveryJob[] = made.map((m) => ({
        orgId,
        endpointId: m.endpoint_id,
        eventId: m.event_id,
        trigger: 'automatic',
      }));
      await enqueueDeliveries(boss, tx, jobs);
      await outbox.moveCursor(tx, orgId, last);
      return { events: events.length, queued: jobs.length };
    });
  }

  async function dispatchOrg(orgId: string) {
    let events = 0;
    let queued = 0;
    for (let i = 0; i < MAX_BATCHES_PER_ORG; i++) {
      const result = await dispatchBatch(orgId);
      if (!result) break;
      events += result.events;
      queued += result.queued;
      if (result.events < BATCH) break;
    }
    return { events, queued };
  }

  async function redeliveries(): Promise<number> {
    return db.transaction(async (tx) => {
      const taken = await outbox.takeRedeliveries(tx, BATCH);
      await enqueueDeliveries(
        boss,
        tx,
        taken.map((t) => ({ orgId: t.org_id, endpointId: t.endpoint_id, eventId: t.event_id, trigger: 'manual' })),
      );
      return taken.length;
    });
  }

  return {
    /** One pass over every organization with an outbox cursor, then the manual redeliveries. */
    async dispatch() {
      let events = 0;
      let queued = 0;
      for (const orgId of await outbox.cursorOrgs(db)) {
        const r = await dispatchOrg(orgId);
        events += r.events;
        queued += r.queued;
      }
      const redelivered = await redeliveries();
      return { events, queued: queued + redelivered, redelivered };
    },
  };
}
export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
