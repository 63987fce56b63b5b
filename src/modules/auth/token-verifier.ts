import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Ids } from '../../lib/ids.js';
import { invalidToken } from './auth.errors.js';
import { loadSigningKeys, SIGNING_ALG, type SigningKeySet } from './signing-keys.js';

const CACHE_MAX = 5_000;
const KEY_RELOAD_MS = 10_000;

/**
 * Verifies bearer tokens: our own (ES256, keys from the database) and, when configured, an external identity
 * provider's (its JWKS URL). Algorithm allow-list, `iss`, `aud`, `exp`/`nbf` with the configured skew, all
 * against the injected clock.
 */
export async function createTokenVerifier(deps: { db: Db; config: Config; clock: Clock; ids: Ids }) {
  const { db, config, clock } = deps;
  let keys = await loadSigningKeys(db, deps.ids);
  let localJwks = createLocalJWKSet({ keys: keys.publicJwks });
  let lastReload = clock.now().getTime();

  // Another process may have created a newer key; re-read the key table at most every 10 s.
  async function reloadKeys(): Promise<boolean> {
    if (clock.now().getTime() - lastReload < KEY_RELOAD_MS) return false;
    lastReload = clock.now().getTime();
    keys = await loadSigningKeys(db, deps.ids);
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

  async function verifyUncached(token: string): Promise<JWTPayload> {
    let unverifiedIssuer: string | undefined;
    try {
      unverifiedIssuer = decodeJwt(token).iss;
    } catch {
      throw invalidToken('The bearer token is not a well-formed JWT.');
    }
    const options = {
      clockTolerance: config.AUTH_CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'org'],
      currentDate: clock.now(),
    };
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
      const own = { ...options, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, algorithms: [SIGNING_ALG] };
      try {
        return (await jwtVerify(token, localJwks, own)).payload;
      } catch (err) {
        if (err instanceof joseErrors.JWKSNoMatchingKey && (await reloadKeys())) {
          return (await jwtVerify(token, localJwks, own)).payload;
        }
        throw err;
      }
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw invalidToken('The bearer token has expired; request a new one.');
      if (err instanceof joseErrors.JOSEError) throw invalidToken(`The bearer token was refused (${err.code}).`);
      throw err;
    }
  }

  // Verified tokens are remembered until they expire: an ES256 verify per request is the largest fixed cost of a
  // read. Only successfully verified tokens enter; expiry is re-checked on every hit.
  const verified = new Map<string, JWTPayload>();

  return {
    /** The keys this API signs with (newest) and publishes (every active one). */
    signingKeys: (): SigningKeySet => keys,

    async verify(token: string): Promise<JWTPayload> {
      const hit = verified.get(token);
      if (hit && typeof hit.exp === 'number' && hit.exp * 1000 > clock.now().getTime()) return hit;
      if (hit) verified.delete(token);
      const payload = await verifyUncached(token);
      if (verified.size >= CACHE_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
      return payload;
    },
  };
}
export type TokenVerifier = Awaited<ReturnType<typeof createTokenVerifier>>;
