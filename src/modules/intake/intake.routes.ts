import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send, sendOk } from '../../lib/reply.js';
import { problems, readErrors, secured, updateErrors } from '../../lib/route.js';
import { IdempotencyHeaders, idParam, IfMatchHeaders } from '../../lib/schemas.js';
import { Encounter, EncounterCreate, EncounterList, EncounterListQuery, EncounterUpdate } from './intake.schemas.js';
import type { IntakeService } from './intake.service.js';

const tags = ['encounters'];
const params = idParam('enc', 'enc_01jd0example0000000000000');

/** The encounters resource: posting one is intake (claims built and scrubbed); reading them shows those claims. */
export const intakeRoutes: FastifyPluginAsyncZod<{ intake: IntakeService }> = async (app, { intake: encounters }) => {
  app.post(
    '/v1/encounters',
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createEncounter',
        tags,
        summary: 'Post an encounter',
        security: secured('encounters:write'),
        description:
          'Records a visit and builds its claim to the primary coverage active on the date of service, scrubbed: `ready`, or ' +
          '`needs_attention` with each issue and its fix. No active coverage → self-pay, no claim. Billing problems never reject ' +
          'the visit; only malformed input is a 400. Re-posting the same `externalId` and body returns the existing encounter (200); ' +
          'a different body under it is a 409 naming it.',
        headers: IdempotencyHeaders,
        body: EncounterCreate,
        response: { 201: Encounter, 200: Encounter, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => send(reply, await encounters.create(req.ctx, req.body)),
  );

  app.get(
    '/v1/encounters',
    {
      schema: {
        operationId: 'listEncounters',
        tags,
        summary: 'List encounters',
        security: secured('encounters:read'),
        description: 'Encounters ordered by (updatedAt, id), with their claims; filter by patient or EHR id.',
        querystring: EncounterListQuery,
        response: { 200: EncounterList, ...problems(400, 401, 403) },
      },
    },
    async (req) => encounters.list(req.ctx, req.query),
  );

  app.get(
    '/v1/encounters/:id',
    {
      schema: {
        operationId: 'retrieveEncounter',
        tags,
        summary: 'Retrieve an encounter',
        security: secured('encounters:read'),
        description: 'The encounter with its claims and their scrub issues.',
        params,
        response: { 200: Encounter, ...readErrors() },
      },
    },
    async (req, reply) => sendOk(reply, await encounters.retrieve(req.ctx, req.params.id)),
  );

  app.patch(
    '/v1/encounters/:id',
    {
      schema: {
        operationId: 'updateEncounter',
        tags,
        summary: 'Update an encounter',
        security: secured('encounters:write'),
        description:
          'Fixes the visit (If-Match required). Claims not yet submitted are rebuilt and rescrubbed; submitted ones are left alone (send a corrected claim).',
        params,
        headers: IfMatchHeaders,
        body: EncounterUpdate,
        response: { 200: Encounter, ...updateErrors() },
      },
    },
    async (req, reply) =>
      send(reply, await encounters.update(req.ctx, req.params.id, req.headers['if-match'], req.body)),
  );
};
