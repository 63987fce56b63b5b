import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimsApiError, createClaimsClient } from '../sdk/typescript/src/index.js';

/**
 * The SDK's own behaviour, on a scripted fetch: token caching and renewal, which requests are retried and with
 * which key, how errors that are not problems surface. The flows against the real API are in test/e2e/sdk-flows.
 */

type Reply = Response | Error | ((request: Request) => Response | Error);
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, detail: code, code, requestId: 'req_1' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const token = (n: number, expiresIn = 900) =>
  json(200, { access_token: `tok-${n}`, token_type: 'Bearer', expires_in: expiresIn, scope: 'patients:read' });

/** A fetch that answers from a script and records what it was sent. */
function scripted(...replies: Reply[]) {
  const seen: { method: string; path: string; auth: string | null; key: string | null; body: string }[] = [];
  const fetch = async (request: Request) => {
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      auth: request.headers.get('authorization'),
      key: request.headers.get('idempotency-key'),
      body: await request.text(),
    });
    const next = replies.shift();
    if (!next) throw new Error(`unscripted request ${request.method} ${request.url}`);
    const reply = typeof next === 'function' ? next(request) : next;
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch, seen };
}

const PAYER = {
  name: 'Acme Health Plan',
  ediPayerId: '60054',
  claimFilingIndicator: 'CI',
  timelyFilingDays: 365,
} as const;
const credentials = { clientId: 'cli_test', clientSecret: 'cs_test' };
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

afterEach(() => {
  vi.useRealTimers();
});

describe('createClaimsClient', () => {
  it('exchanges client credentials once (form-encoded) and reuses the token, also for concurrent calls', async () => {
    const { fetch, seen } = scripted(
      token(1),
      json(200, { object: 'organization' }),
      json(200, { object: 'organization' }),
    );
    const claims = createClaimsClient({ baseUrl: 'http://api.test/', credentials, fetch });
    await Promise.all([claims.GET('/v1/organization'), claims.GET('/v1/organization')]);
    expect(seen.map((s) => s.path)).toEqual(['/v1/oauth/token', '/v1/organization', '/v1/organization']);
    expect(new URLSearchParams(seen[0]!.body).get('grant_type')).toBe('client_credentials');
    expect(seen[0]!.auth).toBeNull();
    expect(seen.slice(1).map((s) => s.auth)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('asks for a new token before the old one expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { fetch, seen } = scripted(token(1, 900), json(200, {}), json(200, {}), token(2), json(200, {}));
    const claims = createClaimsClient({ baseUrl: 'http://api.test', credentials, fetch });
    await claims.GET('/v1/organization');
    vi.advanceTimersByTime(869_000);
    await claims.GET('/v1/organization');
    vi.advanceTimersByTime(2_000); // 30 s before expiry
    await claims.GET('/v1/organization');
    expect(seen.map((s) => s.auth ?? s.path)).toEqual([
      '/v1/oauth/token',
      'Bearer tok-1',
      'Bearer tok-1',
      '/v1/oauth/token',
      'Bearer tok-2',
    ]);
  });

  it('gives each POST its own Idempotency-Key and keeps it across retries; a key the call set is used as it is', async () => {
    const { fetch, seen } = scripted(
      new TypeError('fetch failed'),
      problem(503, 'database_unavailable'),
      json(201, { id: 'pyr_1' }),
      json(201, { id: 'pyr_2' }),
      json(201, { id: 'pyr_3' }),
    );
    const claims = createClaimsClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: fast });
    const { data } = await claims.POST('/v1/payers', { body: PAYER });
    expect(data.id).toBe('pyr_1');
    await claims.POST('/v1/payers', { body: PAYER });
    await claims.POST('/v1/payers', { body: PAYER, params: { header: { 'idempotency-key': 'mine-1' } } });
    const keys = seen.map((s) => s.key);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).not.toBe(keys[0]);
    expect(keys[4]).toBe('mine-1');
    expect(seen.every((s) => s.body === JSON.stringify(PAYER))).toBe(true);
  });

  it('retries a keyed write still in progress, and a 429 after its Retry-After, but not a PATCH after a 503', async () => {
    const { fetch, seen } = scripted(
      problem(409, 'idempotency_request_in_progress'),
      json(201, { id: 'pyr_1' }, { 'idempotent-replayed': 'true' }),
      new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }),
      json(200, { id: 'pat_1' }),
      problem(503, 'database_unavailable'),
    );
    const claims = createClaimsClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: fast });
    await claims.POST('/v1/payers', { body: PAYER });
    await claims.GET('/v1/patients/{id}', { params: { path: { id: 'pat_1' } } });
    const err = await claims
      .PATCH('/v1/patients/{id}', { params: { path: { id: 'pat_1' }, header: { 'if-match': '"v1"' } }, body: {} })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/payers',
      'POST /v1/payers',
      'GET /v1/patients/pat_1',
      'GET /v1/patients/pat_1',
      'PATCH /v1/patients/pat_1',
    ]);
  });

  it('stops retrying after the configured attempts and returns the last answer', async () => {
    const { fetch, seen } = scripted(problem(503, 'database_unavailable'), problem(503, 'database_unavailable'));
    const claims = createClaimsClient({
      baseUrl: 'http://api.test',
      token: 't',
      fetch,
      retry: { ...fast, retries: 1 },
    });
    await expect(claims.GET('/v1/organization')).rejects.toMatchObject({ status: 503 });
    expect(seen).toHaveLength(2);
  });

  it('renews a refused token once, then lets the 401 stand', async () => {
    const { fetch, seen } = scripted(token(1), problem(401, 'invalid_token'), token(2), problem(401, 'invalid_token'));
    const claims = createClaimsClient({ baseUrl: 'http://api.test', credentials, fetch });
    await expect(claims.GET('/v1/organization')).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    expect(seen.map((s) => s.auth ?? s.path)).toEqual([
      '/v1/oauth/token',
      'Bearer tok-1',
      '/v1/oauth/token',
      'Bearer tok-2',
    ]);
  });

  it('reports an answer that is not a problem as unexpected_response, with its status', async () => {
    const { fetch } = scripted(
      new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const claims = createClaimsClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: { retries: 0 } });
    const err = await claims.GET('/v1/organization').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClaimsApiError);
    expect(err).toMatchObject({ status: 502, code: 'unexpected_response', problem: undefined });
  });

  it('sends an X12 file as it is when the call sets its content type', async () => {
    const { fetch, seen } = scripted(json(201, { object: 'list', data: [], nextCursor: null }));
    const claims = createClaimsClient({ baseUrl: 'http://api.test', token: 't', fetch });
    await claims.POST('/v1/acknowledgments', { headers: { 'content-type': 'application/edi-x12' }, body: 'ISA*00*~' });
    expect(seen[0]!.body).toBe('ISA*00*~');
  });

  it('refuses credentials and a token together', () => {
    expect(() => createClaimsClient({ baseUrl: 'http://api.test', token: 't', credentials })).toThrow(/either/);
  });
});
