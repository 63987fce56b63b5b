import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../lib/context.js';
import { AppError } from '../../lib/problem.js';
import { eventsRepository as repo, type EventRow } from './events.repository.js';
import type { Event, EventQuery } from './events.schemas.js';

const toEvent = (row: EventRow): z.infer<typeof Event> => ({
  id: row.id,
  object: 'event',
  type: row.type as z.infer<typeof Event>['type'],
  createdAt: row.createdAt.toISOString(),
  data: row.data as Record<string, unknown>,
});

export function createEventsService({ db }: { db: Db }) {
  return {
    async list(ctx: RequestContext, query: z.infer<typeof EventQuery>) {
      let from: { txId: number; seq: number } | null = null;
      if (query.after) {
        const position = await repo.position(db, ctx.orgId, query.after);
        if (!position) {
          throw new AppError(400, 'invalid_cursor', `No event '${query.after}' in your organization.`, {
            errors: [{ path: 'after', code: 'not_found', message: 'pass the id of an event you received' }],
          });
        }
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
