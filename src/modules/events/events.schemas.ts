import { z } from 'zod';
import { manyOf } from '../../lib/schemas.js';
import { EVENT_TYPES } from '../../domain/events.js';
import { Event } from './event-data.schemas.js';

export const EventType = z.enum(EVENT_TYPES).meta({ id: 'EventType' });

export { Event };

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
  types: manyOf(EventType, 50)
    .optional()
    .meta({
      description: 'Event types to include: repeat the parameter or separate them with commas.',
      example: ['claim.status_changed'],
    }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
