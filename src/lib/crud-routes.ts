import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Outcome, RequestContext } from './context.js';
import { send, sendOk } from './reply.js';
import { createErrors, problems, readErrors, secured, updateErrors } from './route.js';
import { IdempotencyHeaders, idParam, IfMatchHeaders, ListQuery } from './schemas.js';
import type { Scope } from './scopes.js';

type Body = { body: unknown; headers?: Record<string, string> };

export interface CrudService<C, U, Q> {
  create(ctx: RequestContext, input: C): Promise<Outcome<unknown>>;
  retrieve(ctx: RequestContext, id: string): Promise<Body>;
  list(ctx: RequestContext, query: Q): Promise<unknown>;
  update(ctx: RequestContext, id: string, ifMatch: string | undefined, patch: U): Promise<Outcome<unknown>>;
  deactivate(ctx: RequestContext, id: string): Promise<Outcome<unknown>>;
}

export interface CrudSpec<C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType> {
  /** Singular and plural resource names: `payer`/`payers`. Plural is also the tag and path segment. */
  singular: string;
  plural: string;
  idPrefix: string;
  readScope: Scope;
  writeScope: Scope;
  schemas: { object: z.ZodType; create: C; update: U; list: z.ZodType; listQuery?: Q };
  describe: { create: string; list: string; deactivate: string };
  service: CrudService<z.infer<C>, z.infer<U>, z.infer<Q>>;
}

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * The five routes every master-data resource has (create, list, retrieve, update with If-Match,
 * deactivate), each with its operationId, scopes, documented errors and one service call.
 */
export function registerCrudRoutes<C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType = typeof ListQuery>(
  app: FastifyInstance,
  spec: CrudSpec<C, U, Q>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { singular, plural, service, schemas } = spec;
  const Name = capital(singular);
  const tags = [plural];
  const base = `/v1/${plural}`;
  const params = idParam(spec.idPrefix, `${spec.idPrefix}_01jd0example0000000000000`);
  const read = secured(spec.readScope);
  const write = secured(spec.writeScope);

  r.post(
    base,
    {
      config: { idempotent: true },
      schema: {
        operationId: `create${Name}`,
        tags,
        summary: `Create a ${singular}`,
        description: spec.describe.create,
        security: write,
        headers: IdempotencyHeaders,
        body: schemas.create,
        response: { 201: schemas.object, ...createErrors() },
      },
    },
    async (req, reply) => send(reply, await service.create(req.ctx, req.body as z.infer<C>)),
  );

  r.get(
    base,
    {
      schema: {
        operationId: `list${capital(plural)}`,
        tags,
        summary: `List ${plural}`,
        description: spec.describe.list,
        security: read,
        querystring: schemas.listQuery ?? ListQuery,
        response: { 200: schemas.list, ...problems(400, 401, 403) },
      },
    },
    async (req) => service.list(req.ctx, req.query as z.infer<Q>),
  );

  r.get(
    `${base}/:id`,
    {
      schema: {
        operationId: `retrieve${Name}`,
        tags,
        summary: `Retrieve a ${singular}`,
        description: `Returns the ${singular} and its ETag.`,
        security: read,
        params,
        response: { 200: schemas.object, ...readErrors() },
      },
    },
    async (req, reply) => sendOk(reply, await service.retrieve(req.ctx, req.params.id)),
  );

  r.patch(
    `${base}/:id`,
    {
      schema: {
        operationId: `update${Name}`,
        tags,
        summary: `Update a ${singular}`,
        security: write,
        description: `Changes only the fields sent. Requires If-Match with the ETag from your last read (428 without it, 412 if stale).`,
        params,
        headers: IfMatchHeaders,
        body: schemas.update,
        response: { 200: schemas.object, ...updateErrors() },
      },
    },
    async (req, reply) =>
      send(reply, await service.update(req.ctx, req.params.id, req.headers['if-match'], req.body as z.infer<U>)),
  );

  r.post(
    `${base}/:id/deactivate`,
    {
      schema: {
        operationId: `deactivate${Name}`,
        tags,
        summary: `Deactivate a ${singular}`,
        description: spec.describe.deactivate,
        security: write,
        params,
        response: { 200: schemas.object, ...readErrors() },
      },
    },
    async (req, reply) => send(reply, await service.deactivate(req.ctx, req.params.id)),
  );
}
