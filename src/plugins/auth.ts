import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import type { Config } from '../config.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema/index.js';
import type { RequestContext } from '../lib/context.js';
import { AppError } from '../lib/problem.js';
import { isScope, type Scope } from '../lib/scopes.js';
import { loadSigningKeys, SIGNING_ALG, type SigningKeySet } from '../modules/auth/signing-keys.js';

export interface AuthInfo {
  orgId: string;
  subject: string;
  scopes: Set<Scope>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null;
    ctx: RequestContext;
  }
  interface FastifyInstance {
    signingKeys: () => SigningKeySet;
  }
  interface FastifyContextConfig {
    /** Creating/moving POST: honours Idempotency-Key. */
    idempotent?: boolean;
  }
}

const unauthorized = (message: string) =>
  new AppError(401, 'invalid_token', message, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

export default fp(
  async (app: FastifyInstance, opts: { config: Config; db: Db }) => {
    const { config, db } = opts;
    let keys = await loadSigningKeys(db);
    let localJwks = createLocalJWKSet({ keys: keys.publicJwks });
    let lastReload = Date.now();
    app.decorate('signingKeys', () => keys);

    // Another process may have created a newer key; re-read the key table at most every 10 s.
    async function reloadKeys(): Promise<boolean> {
      if (Date.now() - lastReload < 10_000) return false;
      lastReload = Date.now();
      keys = await loadSigningKeys(db);
      localJwks = createLocalJWKSet({ keys: keys.publicJwks });
      return true;
    }

    const external = config.AUTH_EXTERNAL_JWKS_URL
      ? {
          jwks: createRemoteJWKSet(new URL(config.AUTH_EXTERNAL_JWKS_URL)),
          issuer: config.AUTH_EXTERNAL_ISSUER!,
          audience: config.AUTH_EXTERNAL_AUDIENCE ?? config.AUTH_AUDIENCE,
          algorithms: config.AUTH_EXTERNAL_ALGORITHMS,
        }
      : null;

    // Verified tokens are remembered until they expire: an ES256 verify per request is the largest
    // fixed cost of a read. Only successfully verified tokens enter; expiry is re-checked on every hit.
    const verified = new Map<string, JWTPayload>();
    const CACHE_MAX = 5_000;
    async function verify(token: string): Promise<JWTPayload> {
      const hit = verified.get(token);
      if (hit && typeof hit.exp === 'number' && hit.exp * 1000 > Date.now()) return hit;
      if (hit) verified.delete(token);
      const payload = await verifyUncached(token);
      if (verified.size >= CACHE_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
      return payload;
    }

    async function verifyUncached(token: string): Promise<JWTPayload> {
      let unverifiedIssuer: string | undefined;
      try {
        unverifiedIssuer = decodeJwt(token).iss;
      } catch {
        throw unauthorized('The bearer token is not a well-formed JWT.');
      }
      const options = { clockTolerance: config.AUTH_CLOCK_SKEW_SECONDS, requiredClaims: ['exp', 'org'] };
      try {
        if (external && unverifiedIssuer === external.issuer) {
          const { payload } = await jwtVerify(token, external.jwks, {
            ...options,
            issuer: external.issuer,
            audience: external.audience,
            algorithms: external.algorithms,
          });
          return payload;
        }
        const own = {
          ...options,
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          algorithms: [SIGNING_ALG],
        };
        try {
          return (await jwtVerify(token, localJwks, own)).payload;
        } catch (err) {
          if (err instanceof joseErrors.JWKSNoMatchingKey && (await reloadKeys()))
            return (await jwtVerify(token, localJwks, own)).payload;
          throw err;
        }
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired)
          throw unauthorized('The bearer token has expired; request a new one.');
        if (err instanceof joseErrors.JOSEError) throw unauthorized(`The bearer token was refused (${err.code}).`);
        throw err;
      }
    }

    function readBearer(request: FastifyRequest): string {
      const header = request.headers.authorization;
      if (!header) throw unauthorized('Send Authorization: Bearer <token>. Get a token from POST /v1/oauth/token.');
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('The Authorization header must use the Bearer scheme.');
      return m[1]!;
    }

    // A token may name an organization this database does not have (an external IdP's, or a deleted
    // tenant's): refuse it up front rather than fail later on a foreign key. Known ids are remembered.
    const knownOrgs = new Set<string>();
    async function orgExists(orgId: string): Promise<boolean> {
      if (knownOrgs.has(orgId)) return true;
      const found = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, orgId))
        .limit(1);
      if (found.length) knownOrgs.add(orgId);
      return found.length > 0;
    }

    app.decorateRequest('auth', null);
    app.decorateRequest('ctx', null as unknown as RequestContext);

    app.addHook('onRequest', async (request) => {
      // The route's OpenAPI security requirement is the one source of truth for its scopes.
      const security = (request.routeOptions.schema as { security?: { OAuth2?: Scope[] }[] } | undefined)?.security;
      const required = security?.[0]?.OAuth2;
      if (!required) return;
      const payload = await verify(readBearer(request));
      const orgId = typeof payload.org === 'string' && payload.org ? payload.org : null;
      if (!orgId) throw unauthorized('The bearer token carries no organization (org claim).');
      if (!(await orgExists(orgId)))
        throw unauthorized('The bearer token names an organization this API does not know.');
      const granted = new Set(
        String(payload.scope ?? '')
          .split(' ')
          .filter(isScope),
      );
      const missing = required.filter((s) => !granted.has(s));
      if (missing.length > 0) {
        throw new AppError(403, 'insufficient_scope', `This operation needs the scope ${missing.join(' ')}.`, {
          headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"` },
        });
      }
      request.auth = { orgId, subject: String(payload.sub ?? 'unknown'), scopes: granted };
      request.ctx = { orgId, actor: request.auth.subject, requestId: request.id, idempotency: null };
    });
  },
  { name: 'auth' },
);
