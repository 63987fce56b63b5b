import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../lib/ids.js';
import { ALL_SCOPES, isScope, type Scope } from '../../lib/scopes.js';
import { createClientsRepository } from './clients.repository.js';
import { oauthError } from './auth.errors.js';
import { SIGNING_ALG, type SigningKeySet } from './signing-keys.js';

/** Client secrets are 256-bit random values, so a fast hash is enough (no password stretching needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

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

export function createAuthService(deps: { db: Db; config: Config; keys: () => SigningKeySet }) {
  const clients = createClientsRepository(deps.db);

  async function signToken(input: { orgId: string; subject: string; scopes: readonly string[]; ttlSeconds?: number }) {
    const keys = deps.keys();
    const ttl = input.ttlSeconds ?? deps.config.AUTH_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ org: input.orgId, scope: input.scopes.join(' ') })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
      .setIssuer(deps.config.AUTH_ISSUER)
      .setAudience(deps.config.AUTH_AUDIENCE)
      .setSubject(input.subject)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${ttl}s`)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(keys.privateKey);
    return { token, ttl };
  }

  return {
    signToken,

    /** OAuth 2.0 client-credentials grant (RFC 6749 §4.4). */
    async issueToken(req: TokenRequest) {
      if (req.grantType !== 'client_credentials') {
        throw oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
      }
      if (!req.clientId || !req.clientSecret) {
        throw oauthError(401, 'invalid_client', 'Send client_id and client_secret (form fields or HTTP Basic).');
      }
      const client = await clients.findClient(req.clientId);
      if (!client || client.revokedAt || !secretMatches(req.clientSecret, client.secretHash)) {
        throw oauthError(401, 'invalid_client', 'Unknown client or wrong secret.');
      }
      const requested = req.scope ? req.scope.split(' ').filter(Boolean) : client.scopes;
      const notAllowed = requested.filter((s) => !client.scopes.includes(s));
      if (notAllowed.length > 0)
        throw oauthError(400, 'invalid_scope', `This client may not request: ${notAllowed.join(' ')}.`);
      const { token, ttl } = await signToken({ orgId: client.orgId, subject: client.id, scopes: requested });
      return { access_token: token, token_type: 'Bearer' as const, expires_in: ttl, scope: requested.join(' ') };
    },

    /** Creates a client and returns its secret: the only time the secret is ever shown. */
    async createClient(input: { orgId: string; name: string; scopes?: readonly string[] }) {
      const scopes = (input.scopes ?? ALL_SCOPES).filter(isScope) as Scope[];
      const id = newId('client');
      const secret = `cs_${randomBytes(32).toString('base64url')}`;
      await clients.insertClient({ id, orgId: input.orgId, name: input.name, secretHash: hashSecret(secret), scopes });
      return { clientId: id, clientSecret: secret, scopes };
    },

    async createOrganization(name: string, id = newId('organization')) {
      await clients.insertOrganization({ id, name });
      return { id, name };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
