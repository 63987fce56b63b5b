import { z } from 'zod';
import { IsoDateTime } from '../../lib/schemas.js';
import { EVENT_TYPES } from '../../domain/events.js';

export const EventType = z.enum(EVENT_TYPES).meta({ id: 'EventType' });

export const Event = z
  .object({
    id: z.string().meta({ example: 'evt_01jd0example0000000000000' }),
    object: z.literal('event'),
    type: EventType,
    createdAt: IsoDateTime,
    data: z.record(z.string(), z.unknown()).meta({
      description:
        'What changed. claim.status_changed: { claimId, previousStatus, status, reasonCodes, reason, actor }; *.created/updated: the object summary.',
    }),
  })
  .meta({ id: 'Event' });

export const EventList = z
  .object({
    object: z.literal('list'),
    data: z.array(Event),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `after` to continue; when null, poll again later with the last event id.' }),
  })
  .meta({ id: 'EventList' });

export const EventQuery = z.object({
  after: z
    .string()
    .regex(/^evt_[0-9a-z]{10,40}$/)
    .optional()
    .meta({ description: 'Return events after this event id (the last one you processed).' }),
  types: z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(EventType))
    .optional()
    .meta({ description: 'Comma-separated event types to include.', example: 'claim.status_changed' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
