import { type ChildProcess, spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { emitEvent } from '../../src/modules/events/events.service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { claimUpdated } from '../support/events.js';
import { type Received, startReceiver } from './webhooks-receiver.js';

const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_HTTP_HOSTS: '127.0.0.1',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.1',
  WEBHOOK_RETRY_LIMIT: '5',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_TIMEOUT_MS: '1000',
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(WEBHOOK_ENV);
});
afterAll(async () => {
  await t.services.webhookDelivery.stop();
  await t.close();
});

/** `npm run worker` as its own process on the test's database. */
function spawnWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, ...WEBHOOK_ENV, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', SEED_DEMO: 'false' },
    stdio: 'ignore',
  });
}

// A second process needs a database both can open: PostgreSQL (the embedded PGlite is one process's).
describe.skipIf(!process.env.DATABASE_URL)('a worker killed mid-delivery', () => {
  it('loses nothing: every event arrives, a repeat only ever under the same webhook-id and body', {
    timeout: 240_000,
  }, async () => {
    const receiver = await startReceiver();
    const acknowledged: Received[] = [];
    let victim: string | null = null;
    let worker: ChildProcess | null = spawnWorker();
    try {
      const org = await t.newOrg();
      const res = await t.http
        .post('/v1/webhook-endpoints')
        .set('authorization', org.auth)
        .send({ url: receiver.url, eventTypes: ['*'] })
        .expect(201);
      expect(res.body.id).toMatch(/^whk_/);
      receiver.answer((r) => {
        // The 10th delivery is held open while its worker is killed (SIGKILL: no shutdown, nothing recorded).
        if (victim === null && acknowledged.length === 9) {
          victim = r.id;
          worker?.kill('SIGKILL');
          return 'hang';
        }
        acknowledged.push(r);
        return 204;
      });
      const events: string[] = [];
      for (let i = 0; i < 30; i++) {
        events.push(await t.database.db.transaction((tx) => emitEvent(tx, org.orgId, claimUpdated(i))));
      }
      await receiver.waitFor(() => victim !== null, 60_000);
      await new Promise<void>((ok) =>
        worker!.exitCode !== null || worker!.signalCode ? ok() : worker!.once('exit', () => ok()),
      );
      worker = null;
      // Answered by the dead worker, maybe before it recorded them: these may come again (same webhook-id).
      const answeredBeforeKill = acknowledged.length;

      // A new worker takes over: pg-boss hands the abandoned job out again once it expires.
      await t.services.webhookDelivery.start();
      // (the abandoned job expires after 2 × WEBHOOK_TIMEOUT_MS + 30 s, seen at pg-boss's next maintenance pass)
      await receiver.waitFor(() => new Set(acknowledged.map((r) => r.id)).size >= events.length, 120_000);
      await new Promise((r) => setTimeout(r, 1500));

      // What a receiver that drops repeated webhook-ids keeps: each event exactly once.
      const firstCopy = new Map<string, Received>();
      for (const r of acknowledged) {
        const seen = firstCopy.get(r.id);
        // A repeat (a delivery answered just before the kill, not yet recorded) is the same message.
        if (seen) expect(JSON.parse(r.body)).toEqual(JSON.parse(seen.body));
        else firstCopy.set(r.id, r);
      }
      expect([...firstCopy.keys()].sort()).toEqual([...events].sort());
      for (const r of acknowledged) expect(JSON.parse(r.body).id).toBe(r.id);
      // The delivery held open when the worker died came again, under the same webhook-id.
      expect(receiver.received.filter((r) => r.id === victim).length).toBeGreaterThanOrEqual(2);
      // Only what the dead worker had answered but not recorded comes twice.
      expect(acknowledged.length - events.length).toBeLessThanOrEqual(answeredBeforeKill);
      // And the delivery records hold one successful attempt per event.
      const ok = await queryRows<{ event_id: string; n: string }>(
        t.database.db,
        sql`select event_id, count(*) as n from webhook_delivery_attempts where succeeded group by event_id`,
      );
      expect(ok.map((r) => r.event_id).sort()).toEqual([...events].sort());
      expect(ok.every((r) => r.n === '1')).toBe(true);
    } finally {
      worker?.kill('SIGKILL');
      await receiver.close();
    }
  });
});
