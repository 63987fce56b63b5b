import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ALL_SCOPES } from '../../src/lib/scopes.js';
import { createTestApp, type TestApp } from '../support/app.js';

const PATIENT = { firstName: 'Rate', lastName: 'Limited', birthDate: '1990-01-01', sex: 'female' };

/** `"a";r=1;t=2, "b";r=3;t=4` → { a: { r: 1, t: 2 }, b: … } */
function parseList(value: string | undefined): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const item of (value ?? '').split(',').map((s) => s.trim())) {
    const [name, ...params] = item.split(';');
    if (!name) continue;
    out[JSON.parse(name)] = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k!, Number(v)]));
  }
  return out;
}

async function tokenFor(t: TestApp, orgId: string, subject: string) {
  return `Bearer ${(await t.services.auth.signToken({ orgId, subject, scopes: ALL_SCOPES })).token}`;
}

describe('per-client and per-organization budgets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CLIENT: '3', RATE_LIMIT_ORGANIZATION: '5', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('counts a client, says so in RateLimit/RateLimit-Policy, and answers 429 problem+json beyond', async () => {
    const org = await t.newOrg();
    for (let i = 0; i < 3; i++) {
      const res = await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
      expect(parseList(res.headers['ratelimit-policy'])).toEqual({
        client: { q: 3, w: 60 },
        organization: { q: 5, w: 60 },
      });
      const state = parseList(res.headers.ratelimit);
      expect(state.client!.r).toBe(2 - i);
      expect(state.organization!.r).toBe(4 - i);
      expect(state.client!.t).toBeGreaterThan(0);
      expect(state.client!.t).toBeLessThanOrEqual(60);
    }
    const over = await t.http.post('/v1/patients').set('authorization', org.auth).send(PATIENT).expect(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.body).toMatchObject({ code: 'rate_limited', status: 429, type: '/problems/rate_limited' });
    expect(over.body.detail).toMatch(/client limit of 3 requests per 60 s/);
    const retry = Number(over.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(parseList(over.headers.ratelimit).client).toEqual({ r: 0, t: expect.any(Number) });

    // Nothing was written by the refused POST, and the organization's budget was not charged for it.
    const other = await tokenFor(t, org.orgId, 'second-client');
    const list = await t.http.get('/v1/patients').set('authorization', other).expect(200);
    expect(list.body.data).toHaveLength(0);
    expect(parseList(list.headers.ratelimit).organization!.r).toBe(1);
  });

  it("shares the organization's budget among its clients; another organization is not affected", async () => {
    const org = await t.newOrg();
    const clients = await Promise.all(['a', 'b', 'c'].map((s) => tokenFor(t, org.orgId, s)));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await t.http.get('/v1/patients').set('authorization', clients[i % 3]!)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await t.http.get('/v1/patients').set('authorization', clients[2]!).expect(429);
    expect(refused.body.detail).toMatch(/organization limit/);

    const elsewhere = await t.newOrg();
    await t.http.get('/v1/patients').set('authorization', elsewhere.auth).expect(200);
  });
});

describe('routes without a token, and the token endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ADDRESS: '4', AUTH_TOKEN_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('keys token requests by client id and address: one client guessing does not lock out another', async () => {
    const org = await t.newOrg();
    const good = await t.services.auth.createClient({ orgId: org.orgId, name: 'pm', scopes: ['patients:read'] });
    const guess = { grant_type: 'client_credentials', client_id: 'cli_guesser', client_secret: 'wrong' };
    await t.http.post('/v1/oauth/token').type('form').send(guess).expect(401);
    await t.http.post('/v1/oauth/token').type('form').send(guess).expect(401);
    const locked = await t.http.post('/v1/oauth/token').type('form').send(guess).expect(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(locked.body.detail).toMatch(/token limit of 2/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Object.keys(parseList(locked.headers['ratelimit-policy']))).toEqual(['address', 'token']);

    // Same address, another client id (sent as HTTP Basic): its own budget.
    const basic = Buffer.from(`${good.clientId}:${good.clientSecret}`).toString('base64');
    const ok = await t.http
      .post('/v1/oauth/token')
      .set('authorization', `Basic ${basic}`)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(200);
    expect(parseList(ok.headers.ratelimit).token!.r).toBe(1);
  });

  it('counts the address on routes that take no token (health, the token endpoint)', async () => {
    // Four address-counted requests were made by the test before (three token posts and one more).
    const res = await t.http.get('/health');
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('rate_limited');
    expect(Object.keys(parseList(res.headers['ratelimit-policy']))).toEqual(['address']);
  });
});

const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl && !process.env.CI)('several API processes on one Redis (REDIS_URL)', () => {
  it('share one budget', async () => {
    if (!redisUrl) throw new Error('CI runs this with REDIS_URL set (.ci/run starts Redis)');
    const prefix = `claims-api-test:${randomBytes(6).toString('hex')}:`;
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_CLIENT: '5' };
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      // One organization known to both apps' databases is not needed: the budget is keyed by org and client ids,
      // and each app verifies its own tokens. The same ids on both sides stand for one client behind two processes.
      const org = await a.newOrg();
      await b.database.exec(
        `insert into organizations (id, name) values ('${org.orgId}', 'Shared Clinic') on conflict do nothing`,
      );
      const onB = await tokenFor(b, org.orgId, 'test-suite');
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const [app, auth] = i % 2 === 0 ? [a, org.auth] : [b, onB];
        statuses.push((await app.http.get('/v1/patients').set('authorization', auth)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

if (!redisUrl && !process.env.CI) console.info('rate-limit.test: no REDIS_URL, the shared-budget test is skipped');

describe('a REDIS_URL that does not answer', () => {
  it('stops the start, as a bad DATABASE_URL does', async () => {
    const t = await createTestApp();
    try {
      const config = { ...t.config, REDIS_URL: 'redis://127.0.0.1:1' };
      await expect(buildApp({ ...t.services, config })).rejects.toThrow(/REDIS_URL does not answer/);
    } finally {
      await t.close();
    }
  });
});
