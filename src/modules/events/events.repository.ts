import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { events } from '../../db/schema/index.js';
import type { NewEvent } from '../../domain/events.js';

export const eventsRepository = {
  insert: (db: DbOrTx, orgId: string, event: NewEvent) =>
    db
      .insert(events)
      .values({ orgId, type: event.type, data: event.data as unknown as Record<string, unknown> })
      .returning({ id: events.id }),

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
          types?.length ? inArray(events.type, types as (typeof events.type.enumValues)[number][]) : undefined,
        ),
      )
      .orderBy(asc(events.txId), asc(events.seq))
      .limit(limit),
};
