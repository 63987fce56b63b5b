import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { createLogger } from '../src/lib/logger.js';
import { createWorker } from '../src/worker.js';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A logger whose JSON lines the test reads. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('the worker', () => {
  it('purges expired Idempotency-Keys and keeps live ones', async () => {
    const org = await t.newOrg();
    await t.database.db.execute(sql`insert into idempotency_keys (org_id, key, request_hash, method, path, state, expires_at)
      values (${org.orgId}, 'old', 'h', 'POST', '/v1/payers', 'completed', now() - interval '1 hour'),
             (${org.orgId}, 'live', 'h', 'POST', '/v1/payers', 'completed', now() + interval '1 hour')`);
    const { lines, log } = capture();
    await createWorker(t.services, log).runAll();
    const keys = await queryRows<{ key: string }>(
      t.database.db,
      sql`select key from idempotency_keys where org_id = ${org.orgId} order by key`,
    );
    expect(keys.map((k) => k.key)).toEqual(['live']);
    expect(lines).toContainEqual(
      expect.objectContaining({ job: 'purge-idempotency-keys', msg: 'job done', purged: 1 }),
    );
  });

  it('logs a failing job by its error’s class and codes, never its message, and runs it again next time', async () => {
    const { lines, log } = capture();
    let calls = 0;
    const failing = {
      ...t.services,
      idempotency: {
        ...t.services.idempotency,
        purgeExpired: async () => {
          calls++;
          throw Object.assign(new TypeError('row for Jane Testpatient, born 1980-02-29'), { code: 'E_TEST' });
        },
      },
    };
    const worker = createWorker(failing, log);
    await worker.runAll();
    await worker.runAll();
    expect(calls).toBe(2);
    const failed = lines.filter((l) => l.msg === 'job failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ job: 'purge-idempotency-keys', failure: { type: 'TypeError', code: 'E_TEST' } });
    expect(JSON.stringify(lines)).not.toMatch(/Jane|1980/);
  });

  it('stops taking turns when stopped', async () => {
    const { lines, log } = capture();
    const worker = createWorker(t.services, log);
    worker.start();
    await worker.stop();
    const done = lines.filter((l) => l.msg === 'job done').length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((l) => l.msg === 'job done').length).toBe(done);
    expect(worker.jobs()).toEqual(['purge-idempotency-keys']);
  });
});
