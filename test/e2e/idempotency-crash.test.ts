import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientBody } from '../support/factories.js';
import {
  createStore,
  type Outcome,
  PREPARE_TIMEOUT_MS,
  prepareEmbedded,
  send,
  type ServerStore,
  startServer,
} from './server-process.js';

/**
 * kill -9 mid-request leaves an Idempotency-Key claimed in flight; the retry, on the restarted server, must
 * be processed at once (not refused with 409 for minutes).
 */

let prepared: ServerStore | undefined;
const stores: ServerStore[] = [];
beforeAll(async () => {
  prepared = await prepareEmbedded();
}, PREPARE_TIMEOUT_MS);
afterAll(async () => {
  for (const store of [...stores, ...(prepared ? [prepared] : [])]) await store.close();
});

const patient = (key: string) => ({
  method: 'POST',
  path: '/v1/patients',
  key,
  body: patientBody({ externalId: key }),
});

describe('a key claimed by a process killed with -9', () => {
  it('is claimable at once by the retry on the restarted server', async () => {
    const store = await createStore(prepared?.env().DATA_DIR);
    stores.push(store);
    const server = await startServer(store, { via: 'node' });
    const results = new Map<string, Outcome>();
    let n = 0;
    let running = true;
    const clients = Array.from({ length: 12 }, async () => {
      while (running) {
        const key = `crash-${n++}`;
        results.set(key, await send(server.port, { ...patient(key), token: server.token }));
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    server.child.kill('SIGKILL');
    await server.exited;
    running = false;
    await Promise.all(clients);
    const unanswered = [...results].filter(([, o]) => o.error).map(([key]) => key);
    expect(unanswered.length).toBeGreaterThan(0);

    const again = await startServer(store, { via: 'node' });
    try {
      const started = performance.now();
      for (const key of unanswered) {
        const retry = await send(again.port, { ...patient(key), token: again.token });
        // Processed now, or (its first attempt committed just before the kill) replayed: never "in progress".
        expect(retry.status, retry.body).toBe(201);
      }
      expect(performance.now() - started).toBeLessThan(15_000);
      const answered = [...results].find(([, o]) => o.status === 201)!;
      const replay = await send(again.port, { ...patient(answered[0]), token: again.token });
      expect(replay.headers?.['idempotent-replayed']).toBe('true');
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'PostgreSQL: a request blocked mid-write when the process dies leaves a key the retry takes at once',
    async () => {
      const store = await createStore();
      stores.push(store);
      const server = await startServer(store, { via: 'node' });
      const admin = new pg.Client({ connectionString: store.url });
      await admin.connect();
      try {
        // Hold the request inside its write: it has claimed its key and waits on the patients table.
        await admin.query('begin');
        await admin.query('lock table patients in share mode');
        const pending = send(server.port, { ...patient('blocked'), token: server.token });
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await admin.query("select state from idempotency_keys where key = 'blocked'");
          if (rows[0]?.state === 'in_flight') break;
          if (Date.now() > deadline) throw new Error('the request never claimed its key');
          await new Promise((r) => setTimeout(r, 50));
        }
        server.child.kill('SIGKILL');
        await server.exited;
        expect((await pending).error).toBeDefined();
        await admin.query('rollback');

        const again = await startServer(store, { via: 'node' });
        try {
          const started = performance.now();
          const retry = await send(again.port, { ...patient('blocked'), token: again.token });
          expect(retry.status, retry.body).toBe(201);
          expect(retry.headers?.['idempotent-replayed']).toBeUndefined();
          expect(performance.now() - started).toBeLessThan(5_000);
          const { rows } = await admin.query("select count(*)::int as n from patients where external_id = 'blocked'");
          expect(rows[0].n).toBe(1);
        } finally {
          again.child.kill('SIGTERM');
          await again.exited;
        }
      } finally {
        await admin.end();
      }
    },
  );
});
