import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientBody, payerBody, providerBody, VALID_NPIS } from '../support/factories.js';
import {
  createStore,
  type Outcome,
  send,
  type ServerProcess,
  type ServerStore,
  startServer,
} from './server-process.js';

/**
 * Horizontal scale (issue 12): two API processes on one PostgreSQL, one of them through PgBouncer (session mode,
 * Debian's package), both counting rate limits in one Redis. Requests are spread over both: the idempotency storm
 * still yields one object per key, a budget is not doubled by spreading requests, and a `kill -9` of one process
 * loses nothing it acknowledged. Runs on PostgreSQL only (the embedded database belongs to one process).
 */

const PGBOUNCER = '/usr/sbin/pgbouncer';
const REDIS_URL = process.env.REDIS_URL;
const onPostgres = Boolean(process.env.DATABASE_URL);
const inCi = Boolean(process.env.CI);
if (!onPostgres) console.info('scale-out.test: skipped, two API processes need PostgreSQL (DATABASE_URL)');
else if (!existsSync(PGBOUNCER) && !inCi)
  console.info('scale-out.test: no pgbouncer installed; both processes connect to PostgreSQL directly');

const TOKEN_BUDGET = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** PgBouncer in session mode in front of the test's PostgreSQL, on a port of its own. */
async function startPgBouncer(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'pgbouncer-'));
  chmodSync(dir, 0o777); // it drops root for the postgres user, who must write its log here
  writeFileSync(path.join(dir, 'users.txt'), `"${target.username || 'postgres'}" ""\n`, { mode: 0o644 });
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${dir}/users.txt`,
      'pool_mode = session',
      'max_client_conn = 500',
      'default_pool_size = 40',
      `logfile = ${dir}/pgbouncer.log`,
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = [...(process.getuid?.() === 0 ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = spawn(PGBOUNCER, args, { stdio: 'ignore' });
  const url = new URL(databaseUrl);
  url.port = String(port);
  for (let i = 0; ; i++) {
    const probe = new pg.Client({ connectionString: url.toString() });
    try {
      await probe.connect();
      await probe.end();
      break;
    } catch (err) {
      await probe.end().catch(() => undefined);
      if (i > 50 || child.exitCode !== null) throw new Error(`pgbouncer did not start: ${String(err)}`);
      await sleep(100);
    }
  }
  return {
    url: url.toString(),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends until the answer is final: a 409 in progress, a 503 or a lost connection are retried on the other process. */
async function untilFinal(ports: number[], first: number, options: Parameters<typeof send>[1]): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    const out = await send(ports[(first + attempt) % ports.length]!, options);
    const retry = out.error !== undefined || out.status === 409 || out.status === 503;
    if (!retry || attempt > 200) return out;
    await sleep(Math.min(1_000, 1_000 * Number(out.headers?.['retry-after'] ?? 0)) || 20);
  }
}

describe.skipIf(!onPostgres)('two API processes on one PostgreSQL', () => {
  let store: ServerStore;
  let bouncer: { url: string; stop(): Promise<void> } | undefined;
  let db: pg.Client;
  const servers: ServerProcess[] = [];
  let ports: number[] = [];
  let token = '';

  beforeAll(async () => {
    if (inCi && !REDIS_URL) throw new Error('CI runs this with REDIS_URL set (.ci/run starts Redis)');
    if (inCi && !existsSync(PGBOUNCER)) throw new Error('CI runs this with pgbouncer installed (.ci/run)');
    store = await createStore();
    const direct = store.env().DATABASE_URL!;
    if (existsSync(PGBOUNCER)) bouncer = await startPgBouncer(direct);
    const shared = {
      SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUTH_TOKEN_RATE_LIMIT_PER_MINUTE: String(TOKEN_BUDGET),
      RATE_LIMIT_CLIENT: '1000000',
      RATE_LIMIT_ORGANIZATION: '1000000',
      LOG_LEVEL: 'warn',
      ...(REDIS_URL
        ? { REDIS_URL, RATE_LIMIT_REDIS_PREFIX: `claims-api-scale:${randomBytes(6).toString('hex')}:` }
        : {}),
    };
    for (const url of [direct, bouncer?.url ?? direct]) {
      const env = { ...store.env(), ...shared, DATABASE_URL: url };
      servers.push(await startServer({ env: () => env, close: async () => undefined }, { via: 'node' }));
    }
    ports = servers.map((s) => s.port);
    token = servers[0]!.token;
    db = new pg.Client({ connectionString: direct });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await db?.end();
    await bouncer?.stop();
    await store?.close();
  });

  const post = (pathname: string, body: unknown, key?: string) => ({
    method: 'POST',
    path: pathname,
    token,
    body,
    ...(key ? { key } : {}),
  });

  it('serves one organization from either process (one of them through PgBouncer)', async () => {
    expect(bouncer !== undefined || !inCi).toBe(true);
    const created = await send(ports[1]!, post('/v1/payers', payerBody()));
    expect(created.status, created.body).toBe(201);
    const id = JSON.parse(created.body!).id;
    const read = await send(ports[0]!, { method: 'GET', path: `/v1/payers/${id}`, token });
    expect(read.status).toBe(200);
  });

  it('an idempotency storm of 1,000 concurrent posts over 50 keys, spread over both, makes exactly 50 encounters', async () => {
    const payer = JSON.parse((await send(ports[0]!, post('/v1/payers', payerBody({ ediPayerId: '87726' })))).body!);
    const billing = JSON.parse(
      (
        await send(
          ports[0]!,
          post(
            '/v1/providers',
            providerBody({
              kind: 'organization',
              npi: VALID_NPIS[1],
              organizationName: 'Scale Clinic',
              firstName: undefined,
              lastName: undefined,
            }),
          ),
        )
      ).body!,
    );
    const patient = JSON.parse((await send(ports[1]!, post('/v1/patients', patientBody()))).body!);
    const coverage = await send(
      ports[1]!,
      post('/v1/coverages', {
        patientId: patient.id,
        payerId: payer.id,
        memberId: 'XJH123456789',
        priority: 'primary',
        relationship: 'self',
        effectiveFrom: '2025-01-01',
      }),
    );
    expect(coverage.status, coverage.body).toBe(201);
    const dos = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    // No externalId: only the Idempotency-Key stands between a retry and a second encounter.
    const encounter = (i: number) => ({
      patientId: patient.id,
      billingProviderId: billing.id,
      dateOfService: dos,
      placeOfService: '11',
      diagnoses: [{ code: 'I10' }],
      lines: [{ code: '99213', modifiers: [], units: 1, chargeCents: 10_000 + i, diagnosisPointers: [1] }],
    });
    const before = Number((await db.query('select count(*) from encounters')).rows[0].count);
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, (_, n) => {
        const k = n % 50;
        return untilFinal(ports, n, post('/v1/encounters', encounter(k), `storm-${k}`)).then((out) => ({ k, out }));
      }),
    );
    const idsByKey = new Map<number, Set<string>>();
    for (const { k, out } of outcomes) {
      expect(out.status, out.body ?? out.error).toBe(201);
      const ids = idsByKey.get(k) ?? new Set();
      ids.add(JSON.parse(out.body!).id);
      idsByKey.set(k, ids);
    }
    expect([...idsByKey.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(new Set([...idsByKey.values()].map((ids) => [...ids][0])).size).toBe(50);
    const after = Number((await db.query('select count(*) from encounters')).rows[0].count);
    expect(after - before).toBe(50);
    expect(outcomes.filter((o) => o.out.headers?.['idempotent-replayed'] === 'true').length).toBe(950);
  }, 180_000);

  it.skipIf(!REDIS_URL)('a budget is shared: token guesses spread over both processes get one budget', async () => {
    const guess = { grant_type: 'client_credentials', client_id: 'cli_scaleout_guess', client_secret: 'wrong' };
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_BUDGET * 3; i++) {
      const out = await send(ports[i % 2]!, { method: 'POST', path: '/v1/oauth/token', body: guess });
      statuses.push(out.status!);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(TOKEN_BUDGET);
    expect(statuses.filter((s) => s === 429)).toHaveLength(TOKEN_BUDGET * 2);
    expect(statuses.slice(TOKEN_BUDGET).every((s) => s === 429)).toBe(true);
  });

  it('kill -9 of one process under load loses nothing it acknowledged; its clients finish on the other', async () => {
    const sent = new Map<string, Outcome[]>();
    const cut: string[] = [];
    let n = 0;
    let running = true;
    let retryMs = 0;
    const record = (key: string, out: Outcome) => sent.set(key, [...(sent.get(key) ?? []), out]);
    const clients = Array.from({ length: 16 }, async (_, c) => {
      while (running) {
        const key = `kill-${n++}`;
        const body = patientBody({ lastName: `Load${c}` });
        const out = await send(ports[c % 2]!, post('/v1/patients', body, key));
        record(key, out);
        if (out.error === undefined) continue;
        // What a client (or its load balancer) does with a request that got no answer: the same key, to the
        // process still up. A key the dead process held in flight must be claimable at once.
        cut.push(key);
        const started = performance.now();
        const again = await untilFinal([ports[1]!], 0, post('/v1/patients', body, key));
        retryMs = Math.max(retryMs, performance.now() - started);
        expect(again.status, again.body ?? again.error).toBe(201);
        record(key, again);
      }
    });
    await sleep(1_500);
    servers[0]!.child.kill('SIGKILL');
    await servers[0]!.exited;
    await sleep(1_500);
    running = false;
    await Promise.all(clients);

    console.info(
      `scale-out kill -9: ${sent.size} keys, ${cut.length} cut by the kill and sent again to the other process (slowest ${Math.round(retryMs)} ms)`,
    );
    expect(cut.length, 'some requests were cut by the kill').toBeGreaterThan(0);
    expect(retryMs).toBeLessThan(10_000);
    const errors = [...sent.values()].flat().filter((o) => o.status !== undefined && o.status >= 500);
    expect(errors.filter((o) => o.status !== 503)).toHaveLength(0);
    const acknowledged = [...sent].map(([key, outs]) => ({ key, ok: outs.find((o) => o.status === 201)! }));
    expect(acknowledged.every((a) => a.ok)).toBe(true);
    const ids = acknowledged.map((a) => JSON.parse(a.ok.body!).id as string);
    const stored = await db.query('select id from patients where id = any($1)', [ids]);
    expect(stored.rowCount).toBe(new Set(ids).size);
    // One patient per key: those named Load* are exactly the keys sent, none twice.
    const made = await db.query(`select count(*) from patients where last_name like 'Load%'`);
    expect(Number(made.rows[0].count)).toBe(sent.size);
  }, 120_000);
});
