import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems, secured } from '../../lib/route.js';
import { EventList, EventQuery } from './events.schemas.js';
import type { EventsService } from './events.service.js';

export const eventsRoutes: FastifyPluginAsyncZod<{ events: EventsService }> = async (app, { events }) => {
  app.get(
    '/v1/events',
    {
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'List events',
        security: secured('events:read'),
        description:
          'Every encounter and claim change, oldest first. Poll with `after` set to the last event id you processed: ' +
          'the feed only shows events of committed transactions in commit-safe order, so a poller never misses or repeats one.',
        querystring: EventQuery,
        response: { 200: EventList, ...problems(400, 401, 403) },
      },
    },
    async (req) => events.list(req.ctx, req.query),
  );
};
