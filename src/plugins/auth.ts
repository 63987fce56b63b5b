import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RequestContext } from '../lib/context.js';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { AppError } from '../lib/problem.js';
import { PUBLIC_ROUTES } from '../lib/route.js';
import type { Scope } from '../lib/scopes.js';
import type { AuthService, Caller } from '../modules/auth/auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Caller | null;
    ctx: RequestContext;
  }
  interface FastifyInstance {
    /** Every route registered, with the security it declared (what the deny-by-default test walks). */
    routeSecurity(): readonly RouteSecurity[];
  }
  interface FastifyContextConfig {
    /** Creating/moving POST: honours Idempotency-Key. */
    idempotent?: boolean;
  }
}

type Security = { OAuth2?: Scope[] }[] | undefined;

export interface RouteSecurity {
  method: string;
  url: string;
  /** The route's `security`: absent (refused under /v1), `[]` (public) or its scopes. */
  security: Security;
}

const notSecured = () =>
  new AppError(PLATFORM_ERRORS.route_not_secured, 'This operation declares no security, so it is refused.', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Bearer-token authentication, deny by default. A route's OpenAPI `security` is the one source of truth for
 * its scopes. Under /v1, a route that declares none is refused (401) whatever the token, and a route that
 * declares itself public (`security: []`) must be on the PUBLIC_ROUTES allow-list or the app fails to start.
 */
export default fp(
  async (app: FastifyInstance, opts: { auth: AuthService }) => {
    const { auth } = opts;

    const routes: RouteSecurity[] = [];
    app.decorate('routeSecurity', () => routes);

    app.addHook('onRoute', (route) => {
      const security = (route.schema as { security?: Security } | undefined)?.security;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url, security });
        const key = `${method} ${route.url}`;
        if (route.url.startsWith('/v1/') && security?.length === 0 && !PUBLIC_ROUTES.has(key)) {
          throw new Error(`${key} declares itself public (security: []) but is not on PUBLIC_ROUTES (lib/route.ts).`);
        }
      }
    });

    app.decorateRequest('auth', null);
    app.decorateRequest('ctx', null as unknown as RequestContext);

    app.addHook('onRequest', async (request) => {
      const security = (request.routeOptions.schema as { security?: Security } | undefined)?.security;
      const required = security?.[0]?.OAuth2;
      if (!required) {
        const url = request.routeOptions.url;
        if (url?.startsWith('/v1/') && security?.length !== 0) throw notSecured();
        return;
      }
      const caller = await auth.authenticate(request.headers.authorization, required);
      request.auth = caller;
      request.ctx = {
        orgId: caller.orgId,
        timeZone: caller.timeZone,
        actor: caller.subject,
        requestId: request.id,
        idempotency: null,
      };
    });
  },
  { name: 'auth' },
);
