import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send, sendOk } from '../../lib/reply.js';
import { problems, secured, updateErrors } from '../../lib/route.js';
import { IfMatchHeaders } from '../../lib/schemas.js';
import { Organization, OrganizationUpdate } from './organizations.schemas.js';
import type { OrganizationsService } from './organizations.service.js';

const tags = ['organization'];

export const organizationsRoutes: FastifyPluginAsyncZod<{ organizations: OrganizationsService }> = async (
  app,
  { organizations },
) => {
  app.get(
    '/v1/organization',
    {
      schema: {
        operationId: 'retrieveOrganization',
        tags,
        summary: 'Retrieve your organization',
        description: 'Your organization and its settings (time zone), with its ETag.',
        security: secured('organization:read'),
        response: { 200: Organization, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => sendOk(reply, await organizations.retrieve(req.ctx)),
  );

  app.patch(
    '/v1/organization',
    {
      schema: {
        operationId: 'updateOrganization',
        tags,
        summary: 'Update your organization',
        description:
          'Changes its name or IANA time zone (If-Match required). The time zone decides what "today" is for future-date ' +
          'checks and timely-filing deadlines from the next request on.',
        security: secured('organization:write'),
        headers: IfMatchHeaders,
        body: OrganizationUpdate,
        response: { 200: Organization, ...updateErrors() },
      },
    },
    async (req, reply) => send(reply, await organizations.update(req.ctx, req.headers['if-match'], req.body)),
  );
};
