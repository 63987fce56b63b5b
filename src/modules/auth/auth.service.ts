import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { ID_PREFIXES, type Ids } from '../../lib/ids.js';
import { ALL_SCOPES, isScope, type Scope } from '../../lib/scopes.js';
import { createTtlCache } from '../../lib/ttl-cache.js';
import { insufficientScope, invalidToken, oauthError } from './auth.errors.js';
import { createClientsRepository } from './clients.repository.js';
import { SIGNING_ALG } from './signing-keys.js';
import type { TokenVerifier } from './token-verifier.js';

/** Client secrets are 256-bit random values, so a fast hash is enough (no password stretching needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

const CLIENT_STATUS_TTL_MS = 30_000;
const CLIENT_STATUS_MAX = 10_000;
const CLIENT_ID_PREFIX = `${ID_PREFIXES.client}_`;

function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface TokenRequest {
  grantType: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  scope?: string | undefined;
}

/** Who is calling, from a verified bearer token. */
export interface Caller {
  orgId: string;
  subject: string;
  scopes: Set<Scope>;
  timeZone: string;
}

export interface AuthDeps {
  db: Db;
  config: Config;
  clock: Clock;
  ids: Ids;
  tokens: TokenVerifier;
  /** The organization's settings, or null when it does not exist (organizations service). */
  organizationSettings: (orgId: string) => Promise<{ timeZone: string } | null>;
}

export function createAuthService(deps: AuthDeps) {
  const clients = createClientsRepository(deps.db);
  const { config, clock, tokens } = deps;
  // Whether a client is still active, per process for 30 s: a client deactivated anywhere stops working within
  // that (one primary-key read per client per 30 s, a map lookup otherwise); deactivated here, at once.
  const clientActive = createTtlCache<string, boolean>({ max: CLIENT_STATUS_MAX, ttlMs: CLIENT_STATUS_TTL_MS, clock });

  async function isClientActive(clientId: string): Promise<boolean> {
    const hit = clientActive.get(clientId);
    if (hit !== undefined) return hit;
    const row = await clients.findClient(clientId);
    const active = !!row && !row.revokedAt;
    clientActive.set(clientId, active);
    return active;
  }

  /** The API client a token of ours was issued to, if any (operator-signed tokens have none). */
  function tokenClient(payload: JWTPayload): string | null {
    // An external IdP's client_id names one of its clients, not ours.
    if (payload.iss !== config.AUTH_ISSUER) return null;
    if (typeof payload.client_id === 'string') return payload.client_id;
    // Tokens issued before the client_id claim name the client only as their subject.
    return payload.sub?.startsWith(CLIENT_ID_PREFIX) ? payload.sub : null;
  }

  async function signToken(input: {
    orgId: string;
    subject: string;
    scopes: readonly string[];
    ttlSeconds?: number;
    clientId?: string;
  }) {
    const keys = await tokens.currentSigningKeys();
    // Never longer than verifiers accept.
    const ttl = Math.min(input.ttlSeconds ?? config.AUTH_TOKEN_TTL_SECONDS, config.AUTH_TOKEN_MAX_LIFETIME_SECONDS);
    const now = Math.floor(clock.now().getTime() / 1000);
    const claims = {
      org: input.orgId,
      scope: input.scopes.join(' '),
      ...(input.clientId ? { client_id: input.clientId } : {}),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setSubject(input.subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttl)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(keys.privateKey);
    return { token, ttl };
  }

  return {
    signToken,
    signingKeys: tokens.signingKeys,
    rotateSigningKeys: tokens.rotate,

    /**
     * The caller of a request to an operation needing `required` scopes: 401 without a valid token or when the
     * token names an organization this API does not know, 403 when a scope is missing.
     */
    async authenticate(authorization: string | undefined, required: readonly Scope[]): Promise<Caller> {
      if (!authorization)
        throw invalidToken('Send Authorization: Bearer <token>. Get a token from POST /v1/oauth/token.');
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!m) throw invalidToken('The Authorization header must use the Bearer scheme.');
      const payload = await tokens.verify(m[1]!);
      const orgId = typeof payload.org === 'string' && payload.org ? payload.org : null;
      if (!orgId) throw invalidToken('The bearer token carries no organization (org claim).');
      // A token may name an organization this database does not have (an external IdP's, a deleted tenant's):
      // refused up front rather than failing later on a foreign key.
      const settings = await deps.organizationSettings(orgId);
      if (!settings) throw invalidToken('The bearer token names an organization this API does not know.');
      const clientId = tokenClient(payload);
      if (clientId && !(await isClientActive(clientId))) {
        throw invalidToken('The API client this token was issued to has been deactivated.');
      }
      // The verifier let through only a string scope (or none).
      const granted = new Set((typeof payload.scope === 'string' ? payload.scope : '').split(' ').filter(isScope));
      const missing = required.filter((s) => !granted.has(s));
      if (missing.length > 0) throw insufficientScope(missing, [...required]);
      return { orgId, subject: String(payload.sub ?? 'unknown'), scopes: granted, timeZone: settings.timeZone };
    },

    /** OAuth 2.0 client-credentials grant (RFC 6749 §4.4). */
    async issueToken(req: TokenRequest) {
      if (req.grantType !== 'client_credentials') {
        throw oauthError('unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
      }
      if (!req.clientId || !req.clientSecret) {
        throw oauthError('invalid_client', 'Send client_id and client_secret (form fields or HTTP Basic).');
      }
      const client = await clients.findClient(req.clientId);
      if (!client || client.revokedAt || !secretMatches(req.clientSecret, client.secretHash)) {
        throw oauthError('invalid_client', 'Unknown client or wrong secret.');
      }
      const requested = req.scope ? req.scope.split(' ').filter(Boolean) : client.scopes;
      const notAllowed = requested.filter((s) => !client.scopes.includes(s));
      if (notAllowed.length > 0)
        throw oauthError('invalid_scope', `This client may not request: ${notAllowed.join(' ')}.`);
      const { token, ttl } = await signToken({
        orgId: client.orgId,
        subject: client.id,
        clientId: client.id,
        scopes: requested,
      });
      return { access_token: token, token_type: 'Bearer' as const, expires_in: ttl, scope: requested.join(' ') };
    },

    /** Deactivates a client: its tokens are refused here at once, in other processes within 30 s. */
    async revokeClient(clientId: string): Promise<boolean> {
      const revoked = await clients.revokeClient(clientId, clock.now());
      clientActive.set(clientId, false);
      return revoked;
    },

    /** Creates a client and returns its secret: the only time the secret is ever shown. */
    async createClient(input: { orgId: string; name: string; scopes?: readonly string[] }) {
      const scopes = (input.scopes ?? ALL_SCOPES).filter(isScope) as Scope[];
      const id = deps.ids.next('client');
      const secret = `cs_${randomBytes(32).toString('base64url')}`;
      await clients.insertClient({ id, orgId: input.orgId, name: input.name, secretHash: hashSecret(secret), scopes });
      return { clientId: id, clientSecret: secret, scopes };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
