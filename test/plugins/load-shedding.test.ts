import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous step as long as a huge file parse
  }
}

/**
 * Waits until under-pressure has just taken a sample (its cached memory figures change). under-pressure judges the
 * loop by the mean delay since the last sample: a block starting late in a sample period is averaged with the
 * period's normal ticks and may stay under the limit; one starting right after a sample is the period's only tick.
 */
async function justAfterASample(app: TestApp['app']) {
  const { memoryUsage } = app as unknown as { memoryUsage(): { heapUsed: number; rssBytes: number } };
  const before = memoryUsage();
  for (let i = 0; i < 1_000; i++) {
    await sleep(2);
    const now = memoryUsage();
    if (now.heapUsed !== before.heapUsed || now.rssBytes !== before.rssBytes) return;
  }
  throw new Error('under-pressure took no sample in 2 s');
}

describe('load shedding: a lagging event loop', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await createTestApp({ LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '50', LOAD_SHED_MAX_POOL_WAITING: '0' });
    org = await t.newOrg();
  });
  afterAll(() => t.close());

  it('answers 503 problem+json (overloaded) with Retry-After, then serves again once the loop keeps up', async () => {
    await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
    await sleep(2_200); // shedding starts once a sample covers only time after the app was ready
    await justAfterASample(t.app);
    blockEventLoop(1_500);
    await sleep(5); // the next sample (every second) sees the lag
    let shed: { status: number; headers: Record<string, string>; body: { code?: string } } | undefined;
    for (let i = 0; i < 40 && !shed; i++) {
      const res = await t.http.get('/v1/patients').set('authorization', org.auth);
      if (res.status === 503) shed = res;
      else await sleep(50);
    }
    expect(shed, 'a request after the lag is shed').toBeDefined();
    expect(shed!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(shed!.body.code).toBe('overloaded');
    expect(Number(shed!.headers['retry-after'])).toBeGreaterThan(0);

    // The following samples see a loop that keeps up: requests are served again.
    let served = false;
    for (let i = 0; i < 60 && !served; i++) {
      served = (await t.http.get('/v1/patients').set('authorization', org.auth)).status === 200;
      if (!served) await sleep(100);
    }
    expect(served).toBe(true);
  });
});

describe('load shedding right after start', () => {
  it('does not shed for the lag of starting itself (migrations, code loads run before the server serves)', async () => {
    const t = await createTestApp({ LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '50', LOAD_SHED_MAX_POOL_WAITING: '0' });
    try {
      const org = await t.newOrg();
      blockEventLoop(1_200); // as a starter code-set load does
      await sleep(20);
      await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('load shedding: a saturated database pool (PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await createTestApp({ LOAD_SHED_MAX_POOL_WAITING: '5', LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0' });
    org = await t.newOrg();
  });
  afterAll(() => t.close());

  it('answers 503 while more queries wait for a connection than allowed, and serves again after', async () => {
    // The test pool has 20 connections: 30 slow queries leave 10 waiting.
    // (A drizzle query runs when awaited: `.then` starts each one now.)
    await sleep(2_200); // shedding starts once a sample covers only time after the app was ready
    const hogs = Array.from({ length: 30 }, () => t.database.db.execute(sql`select pg_sleep(1.5)`).then(() => 0));
    await sleep(600); // the pool is looked at every 250 ms
    const res = await t.http.get('/v1/patients').set('authorization', org.auth);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('overloaded');
    expect(res.headers['retry-after']).toBeDefined();
    await Promise.all(hogs);
    await sleep(600);
    await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
  });
});

if (!process.env.DATABASE_URL)
  console.info('load-shedding.test: the pool test needs PostgreSQL (the embedded database has one connection)');
