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
import { keySealerFor } from './signing-key-crypto.js';
import {
  loadSigningKeys,
  rotateSigningKeys,
  SIGNING_ALG,
  type SigningKeyDeps,
  type SigningKeySet,
} from './signing-keys.js';

const CACHE_MAX = 5_000;
const KEY_RELOAD_MS = 10_000;
/** A rotation made by another process is signed with, and a key past its overlap unpublished, within this. */
export const KEY_REFRESH_MS = 60_000;

/**
 * Verifies bearer tokens: our own (ES256, keys from the database) and, when configured, an external identity
 * provider's (its JWKS URL). Algorithm allow-list, `iss`, `aud`, `exp`/`nbf` with the configured skew, a required
 * `iat` not in the future and `exp - iat` within the configured maximum, all against the injected clock.
 */
export async function createTokenVerifier(deps: { db: Db; config: Config; clock: Clock; ids: Ids }) {
  const { config, clock } = deps;
  const keyDeps: SigningKeyDeps = {
    db: deps.db,
    ids: deps.ids,
    clock,
    sealer: await keySealerFor(config),
    overlapSeconds: config.AUTH_KEY_OVERLAP_SECONDS!, // defaulted by loadConfig
  };
  let keys = await loadSigningKeys(keyDeps);
  let localJwks = createLocalJWKSet({ keys: keys.publicJwks });
  let lastReload = clock.now().getTime();

  // Another process may have created a newer key (a rotation): re-read the key table at most every 10 s when a
  // token names a kid we lack, and at least once a minute anyway.
  async function reloadKeys(minAgeMs = KEY_RELOAD_MS): Promise<boolean> {
    if (clock.now().getTime() - lastReload < minAgeMs) return false;
    lastReload = clock.now().getTime();
    keys = await loadSigningKeys(keyDeps);
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

  // What jose leaves to us: a token issued in the future (beyond the skew) or living longer than we allow is
  // refused, so a leaked signing key or a misconfigured IdP cannot mint long-lived tokens; `scope` must be the
  // space-separated string our token endpoint issues (an array is someone else's convention, not guessed at).
  function checkClaims(payload: JWTPayload): JWTPayload {
    const now = Math.floor(clock.now().getTime() / 1000);
    const iat = payload.iat!; // required and numeric: jose checked
    if (iat > now + config.AUTH_CLOCK_SKEW_SECONDS) throw invalidToken('The bearer token was issued in the future.');
    if (payload.exp! - iat > config.AUTH_TOKEN_MAX_LIFETIME_SECONDS) {
      throw invalidToken(`The bearer token lives longer than ${config.AUTH_TOKEN_MAX_LIFETIME_SECONDS} s.`);
    }
    if (payload.scope !== undefined && typeof payload.scope !== 'string') {
      throw invalidToken('The scope claim must be a space-separated string.');
    }
    return payload;
  }

  async function verifyUncached(token: string): Promise<JWTPayload> {
    let unverifiedIssuer: string | undefined;
    try {
      unverifiedIssuer = decodeJwt(token).iss;
    } catch {
      throw invalidToken('The bearer token is not a well-formed JWT.');
    }
    const options = {
      clockTolerance: config.AUTH_CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'iat', 'org'],
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
        return checkClaims(payload);
      }
      const own = { ...options, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, algorithms: [SIGNING_ALG] };
      try {
        return checkClaims((await jwtVerify(token, localJwks, own)).payload);
      } catch (err) {
        if (err instanceof joseErrors.JWKSNoMatchingKey && (await reloadKeys())) {
          return checkClaims((await jwtVerify(token, localJwks, own)).payload);
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

    /** A new signing key from now on (this process at once, others within a minute); see rotateSigningKeys. */
    async rotate() {
      const rotated = await rotateSigningKeys(keyDeps);
      await reloadKeys(0);
      return rotated;
    },

    /** The same, re-read from the database when older than a minute: what tokens are signed with. */
    async currentSigningKeys(): Promise<SigningKeySet> {
      await reloadKeys(KEY_REFRESH_MS);
      return keys;
    },

    async verify(token: string): Promise<JWTPayload> {
      await reloadKeys(KEY_REFRESH_MS);
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
