import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Params } from '../../db/statements.js';
import type { DbOrTx } from '../../db/client.js';
import { events } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';

export type EventRow = typeof events.$inferSelect;

export const EVENT_TYPES = [
  'encounter.created',
  'encounter.updated',
  'claim.created',
  'claim.updated',
  'claim.status_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An event about to be written by a caller's statement. */
export interface NewEvent {
  id: string;
  type: EventType;
  data: object;
}

/**
 * One INSERT of several events (for a data-modifying CTE): rows take their feed sequence in the order given.
 */
export function insertEvents(orgId: string, rows: NewEvent[], p: Params): string {
  const org = p.add(orgId);
  return `insert into events (org_id, id, type, data) values ${rows.map((e) => `(${org}, ${p.add(e.id)}, ${p.add(e.type)}, ${p.add(JSON.stringify(e.data))}::jsonb)`).join(', ')}`;
}

export const eventsRepository = {
  /** Records an event inside the caller's transaction: it becomes visible only if the change commits. */
  emit: (db: DbOrTx, orgId: string, type: EventType, data: object) =>
    db.insert(events).values({ orgId, id: newId('event'), type, data }),

  position: async (db: DbOrTx, orgId: string, id: string) =>
    (
      await db
        .select({ txId: events.txId, seq: events.seq })
        .from(events)
        .where(and(eq(events.orgId, orgId), eq(events.id, id)))
        .limit(1)
    )[0],

  /**
   * Events after a position, oldest first, limited to transactions that finished before every
   * transaction still running (snapshot xmin): nothing can later appear before the cursor.
   */
  after: (
    db: DbOrTx,
    orgId: string,
    from: { txId: number; seq: number } | null,
    types: string[] | undefined,
    limit: number,
  ) =>
    db
      .select()
      .from(events)
      .where(
        and(
          eq(events.orgId, orgId),
          sql`${events.txId} < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`,
          from ? sql`(${events.txId}, ${events.seq}) > (${from.txId}, ${from.seq})` : undefined,
          types?.length ? inArray(events.type, types) : undefined,
        ),
      )
      .orderBy(asc(events.txId), asc(events.seq))
      .limit(limit),
};
