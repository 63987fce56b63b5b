import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type Responses = Record<string, unknown> | undefined;
const responsesOf = (schema: unknown) => (schema as { response?: Responses } | undefined)?.response;

/**
 * `Location` on every 201 whose object can be read back: the URL of the GET `.../:id` route that returns the same
 * schema (POST /v1/payers → /v1/payers/pyr_…, POST /v1/claims/{id}/corrections → /v1/claims/clm_…). The OpenAPI
 * document promises the header by the same rule (src/plugins/openapi-contract.ts). Runs before serialization, so
 * an idempotent replay carries it too.
 */
export default fp(
  async (app: FastifyInstance) => {
    const retrieveUrl = new Map<unknown, string>();
    app.addHook('onRoute', (route) => {
      const ok = responsesOf(route.schema)?.['200'];
      if (route.method === 'GET' && ok && /^\/v1\/[a-z-]+\/:id$/.test(route.url) && !retrieveUrl.has(ok))
        retrieveUrl.set(ok, route.url);
    });

    app.addHook('preSerialization', async (request, reply, payload) => {
      if (reply.statusCode !== 201 || reply.hasHeader('location')) return payload;
      const created = responsesOf(request.routeOptions.schema)?.['201'];
      const url = created === undefined ? undefined : retrieveUrl.get(created);
      const id = (payload as { id?: unknown } | null)?.id;
      if (url && typeof id === 'string') reply.header('location', url.replace(':id', encodeURIComponent(id)));
      return payload;
    });
  },
  { name: 'location' },
);
