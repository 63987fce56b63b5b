import { ClaimsApiError } from './errors.js';
import type { Schemas } from './types.js';

/** OAuth 2.0 client credentials, as `npm run client:create` (or the embedded demo) prints them. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** A space-separated subset of the client's scopes; default all of them. */
  scope?: string | undefined;
}

/** A bearer token you already hold, or a function that returns a current one (your own identity provider). */
export type TokenSource = string | (() => string | Promise<string>);

export interface TokenProvider {
  /** A token valid for at least a few more seconds. */
  get(): Promise<string>;
  /** The API refused `token` (401): forget it, so the next `get()` asks for a new one. */
  invalidate(token: string): void;
  /** Whether `invalidate` + `get` can produce a different token (client credentials, or a function). */
  readonly renewable: boolean;
}

/** The token endpoint, relative to the base URL. */
export const TOKEN_PATH = '/v1/oauth/token';

/** Renew this long before `expires_in` runs out, so a token never expires between `get()` and the request. */
const EARLY_RENEWAL_MS = 30_000;

export function staticTokens(source: TokenSource): TokenProvider {
  if (typeof source === 'string') return { get: async () => source, invalidate: () => {}, renewable: false };
  return { get: async () => source(), invalidate: () => {}, renewable: true };
}

/**
 * Client-credentials tokens from `POST /v1/oauth/token` (form-encoded, RFC 6749 §4.4), cached until shortly before
 * they expire. Concurrent callers share one token request.
 */
export function clientCredentialsTokens(
  baseUrl: string,
  credentials: ClientCredentials,
  fetchImpl: (request: Request) => Promise<Response>,
  now: () => number = Date.now,
): TokenProvider {
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function request(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    } satisfies Schemas['TokenRequest']);
    if (credentials.scope) form.set('scope', credentials.scope);
    const response = await fetchImpl(
      new Request(`${baseUrl}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      }),
    );
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new ClaimsApiError(response, body);
    const token = body as Schemas['TokenResponse'];
    const lifetimeMs = token.expires_in * 1000;
    // A short-lived token is renewed at half its life rather than never being reused.
    current = { token: token.access_token, renewAt: now() + Math.max(lifetimeMs - EARLY_RENEWAL_MS, lifetimeMs / 2) };
    return token.access_token;
  }

  return {
    renewable: true,
    async get() {
      if (current && now() < current.renewAt) return current.token;
      pending ??= request().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
