import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import type { EventRow } from '../../db/schema/index.js';
import type { NewEvent } from '../../domain/events.js';
import type { RequestContext } from '../../lib/context.js';
import { unknownEvent } from './events.errors.js';
import { eventsRepository as repo } from './events.repository.js';
import type { Event, EventQuery } from './events.schemas.js';

// A row's data was written as its type's shape (NewEvent); the response schema checks it again on the way out.
const toEvent = (row: EventRow): z.infer<typeof Event> =>
  ({
    id: row.id,
    object: 'event',
    type: row.type,
    createdAt: row.createdAt.toISOString(),
    data: row.data,
  }) as z.infer<typeof Event>;

/**
 * Records an event inside the caller's transaction: it becomes visible only if the change commits.
 * Statements that write everything at once embed the same rows (`eventRowsInsert`).
 */
export async function emitEvent(tx: DbOrTx, orgId: string, event: NewEvent): Promise<string> {
  const [row] = await repo.insert(tx, orgId, event);
  return row!.id;
}

export function createEventsService({ db }: { db: Db }) {
  return {
    async list(ctx: RequestContext, query: z.infer<typeof EventQuery>) {
      let from: { txId: number; seq: number } | null = null;
      if (query.after) {
        const position = await repo.position(db, ctx.orgId, query.after);
        if (!position) throw unknownEvent(query.after);
        from = position;
      }
      const rows = await repo.after(db, ctx.orgId, from, query.types, query.limit);
      const last = rows[rows.length - 1];
      return {
        object: 'list' as const,
        data: rows.map(toEvent),
        nextCursor: rows.length === query.limit && last ? last.id : null,
      };
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
