/**
 * Intake and claim retrieval against a floor measured in the same run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:encounters
 *
 * Creates its own database (claims_bench_<pid>) on that server, migrates it, loads the starter codes,
 * runs the API on an ephemeral port in a worker thread (BENCH_SERVER=thread, the default; `inline` runs it
 * in this thread, sharing the load generator's event loop) and drives it over real HTTP (node:http, keep-alive) with a
 * closed loop of BENCH_CONCURRENCY requests in flight; the floors run raw `pg` on a pool of the
 * app's size. Setup and the per-request query profile use an in-process instance of the same app. App and floor alternate in halves so table growth and autovacuum fall on both alike.
 * Knobs: BENCH_CONCURRENCY (32), BENCH_ENCOUNTERS (2000), BENCH_READS (5000), BENCH_WARMUP (200),
 * DATABASE_POOL_MAX (16, both pools), BENCH_CPU_PROFILE (a directory: CPU profiles of each measured half, and of the server thread in its app halves).
 */
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { ALL_SCOPES } from '../src/lib/scopes.js';
import { createBenchClinic, createSlotAllocator, encounterFor, type BenchClinic } from './support/bench-clinic.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchApp } from './support/bench-services.js';
import { createHttpClient, type HttpClient } from './support/http-client.js';
import { mergeResults, runLoad, statsOf } from './support/load-runner.js';
import { withCpuProfile } from './support/cpu-profile.js';
import { cpuPerOp, machineBusyMs, processCpuMs, type CpuPerOp, type CpuSample } from './support/cpu-usage.js';
import { countQueries } from './support/query-counter.js';
import { floorGetClaim, floorGetClaimAudited, floorPostEncounter, type FloorTemplate } from './support/raw-floor.js';

const env = process.env;
const serverUrl = env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write(
    'bench:encounters needs DATABASE_URL (a PostgreSQL server it may create and drop a database on).\n',
  );
  process.exit(2);
}
const knob = (name: string, fallback: number) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const CONCURRENCY = knob('BENCH_CONCURRENCY', 32);
const ENCOUNTERS = knob('BENCH_ENCOUNTERS', 2000);
const READS = knob('BENCH_READS', 5000);
const WARMUP = knob('BENCH_WARMUP', 200);
/** When set, a V8 CPU profile of each measured half is written there (app and floor separately). */
const PROFILE_DIR = env.BENCH_CPU_PROFILE || undefined;
const PROFILE_REQUESTS = 20;
const PATIENTS = 50;
const INTAKE_AIM = 0.5;
const RETRIEVE_AIM = 0.6;

const config = loadConfig({
  DATABASE_URL: serverUrl,
  DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? '16',
  LOG_LEVEL: 'silent',
});
const poolMax = config.DATABASE_POOL_MAX;
const log = (line: string) => process.stdout.write(`${line}\n`);

const bench = await createBenchDatabase(serverUrl, `claims_bench_${process.pid}`, poolMax);
const floorPool = new pg.Pool({ connectionString: bench.url, max: poolMax, application_name: 'claims-bench-floor' });
// Dropping the database at the end terminates any connection still closing; nothing to do then.
floorPool.on('error', () => undefined);
// Interrupted: still leave no database behind (connections in use die with it; that is expected).
process.once('SIGINT', () => {
  process.on('uncaughtException', () => undefined);
  void bench.drop().finally(() => process.exit(130));
});
let app: FastifyInstance | null = null;
let server: Worker | null = null;
/** The load generator's HTTP client, pointed at the app under measurement. */
let client: HttpClient | null = null;
let failed = false;
const SERVER_MODE = env.BENCH_SERVER === 'inline' ? 'inline' : 'thread';
try {
  const built = await benchApp(bench.database, {
    DATABASE_URL: serverUrl,
    DATABASE_POOL_MAX: String(poolMax),
  });
  app = built.app;
  const setupUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const { id: orgId } = await built.services.organizations.create({ name: 'Bench Clinic' });
  const { token } = await built.services.auth.signToken({
    orgId,
    subject: 'bench',
    scopes: ALL_SCOPES,
    ttlSeconds: 3600,
  });
  const auth = `Bearer ${token}`;
  const clinic = await createBenchClinic(setupUrl, orgId, auth, PATIENTS);
  const slot = createSlotAllocator(clinic.patients);
  // Setup and the query profile talk to the in-process app; the measured load goes to `baseUrl`.
  let baseUrl = setupUrl;
  client = createHttpClient(baseUrl, CONCURRENCY);

  let keySeq = 0;
  const claimIds: string[] = [];
  const notReady: string[] = [];
  const postEncounter = async () => {
    const res = await client!.request(
      'POST',
      '/v1/encounters',
      {
        authorization: auth,
        'content-type': 'application/json',
        'idempotency-key': `bench-${process.pid}-${keySeq++}`,
      },
      JSON.stringify(encounterFor(clinic, slot())),
    );
    const text = res.text;
    if (res.status !== 201) throw new Error(`POST /v1/encounters: ${res.status} ${text}`);
    const claim = (JSON.parse(text) as { claims: { id: string; status: string; issues: unknown[] }[] }).claims[0];
    if (!claim) throw new Error('POST /v1/encounters: no claim was built (self-pay?)');
    if (claim.status !== 'ready') notReady.push(`${claim.id}: ${claim.status} ${JSON.stringify(claim.issues)}`);
    claimIds.push(claim.id);
    return text;
  };
  const claimAt = (i: number) => claimIds[i % claimIds.length]!;
  const getClaim = (i: number) => getStatus(`/v1/claims/${claimAt(i)}`, auth, 200);

  // The clean path, checked once up front: 201 and a `ready` claim; its body sizes the floor's rows.
  const sample = JSON.parse(await postEncounter()) as { claims: { issues: unknown[] }[] };
  if (notReady.length > 0) throw new Error(`the sample claim is not ready: ${notReady[0]}`);
  const template: FloorTemplate = {
    responseBody: JSON.stringify(sample),
    claimIssues: JSON.stringify(sample.claims[0]!.issues),
  };

  const profile = await profileQueries(PROFILE_REQUESTS, postEncounter, getClaim);
  if (SERVER_MODE === 'thread') {
    // Workers do not inherit tsx's loader: a small .mjs entry registers it, then loads the TypeScript.
    server = new Worker(new URL('./support/app-worker-boot.mjs', import.meta.url), {
      workerData: { url: bench.url, poolMax },
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      server!.once('message', (m: { baseUrl: string }) => resolve(m.baseUrl));
      server!.once('error', reject);
    });
    client.close();
    client = createHttpClient(baseUrl, CONCURRENCY);
  }
  log(
    `database ${bench.name}; measured API on ${baseUrl} (${SERVER_MODE === 'thread' ? 'its own thread' : 'this thread'}); pool ${poolMax} (app and floor); ${CONCURRENCY} requests in flight`,
  );

  await runLoad(WARMUP, CONCURRENCY, async () => void (await postEncounter()));
  await runLoad(WARMUP, CONCURRENCY, () => floorPostEncounter(floorPool, clinic, slot(), template));
  // A running server's tables have planner statistics; a database created a minute ago has none until
  // autovacuum's first ANALYZE, and plans cached meanwhile (foreign-key checks are cached per
  // connection) can pick a poor index for a table the planner believes empty. Measure the steady state.
  await floorPool.query('analyze');
  const intake = await alternate(
    'intake',
    Math.ceil(ENCOUNTERS / 2),
    () => postEncounter(),
    () => floorPostEncounter(floorPool, clinic, slot(), template),
  );

  await runLoad(WARMUP * 2, CONCURRENCY, getClaim);
  await runLoad(WARMUP * 2, CONCURRENCY, (i) => floorGetClaim(floorPool, orgId, claimAt(i)));
  const reads = await alternate('retrieve', Math.ceil(READS / 2), getClaim, (i) =>
    floorGetClaim(floorPool, orgId, claimAt(i)),
  );
  // Breakdown only: the read floor plus the audit write the endpoint also makes, and the endpoint's
  // fixed cost with no database at all (a malformed id: HTTP, JWT check, problem+json 400).
  const half = Math.ceil(READS / 2);
  const readsAudited = statsOf(
    await runLoad(half, CONCURRENCY, (i) => floorGetClaimAudited(floorPool, orgId, claimAt(i))),
  );
  const noDb = statsOf(await runLoad(half, CONCURRENCY, () => getStatus('/v1/claims/not-a-claim-id', auth, 400)));

  if (notReady.length > 0) {
    failed = true;
    log(`\n${notReady.length} claims were not ready (the clean path was not measured alone); first: ${notReady[0]}`);
  } else {
    log(`all ${claimIds.length} encounters answered 201 with a ready claim`);
  }
  printResults(clinic, intake, reads, { readsAudited, noDb }, profile);
} catch (err) {
  failed = true;
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
} finally {
  if (server) {
    const closed = new Promise((resolve) => server!.once('message', resolve));
    server.postMessage('close');
    await closed;
    await server.terminate();
  }
  client?.close();
  await app?.close();
  await floorPool.end();
  await bench.drop();
}
process.exitCode = failed ? 1 : 0;

async function getStatus(path: string, auth: string, expected: number): Promise<void> {
  const res = await client!.request('GET', path, { authorization: auth });
  if (res.status !== expected) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
}

/** This machine's, this process's and (thread mode) the server thread's CPU time so far. */
async function sampleCpu(): Promise<CpuSample> {
  const serverMs = server
    ? await new Promise<number | null>((resolve) => {
        const onMessage = (m: { cpuMs?: number | null }) => {
          if (m && typeof m === 'object' && 'cpuMs' in m) {
            server!.off('message', onMessage);
            resolve(m.cpuMs ?? null);
          }
        };
        server!.on('message', onMessage);
        server!.postMessage('cpu');
      })
    : null;
  return { machineMs: machineBusyMs(), processMs: processCpuMs(), serverMs };
}

/** Asks the server thread something and waits for the answer that carries `key`. */
function askServer(message: object, key: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (m && typeof m === 'object' && key in m) {
        server!.off('message', onMessage);
        resolve(m[key]);
      }
    };
    server!.on('message', onMessage);
    server!.postMessage(message);
  });
}

/**
 * One measured run: its load result and the CPU it cost per operation. With BENCH_CPU_PROFILE, a profile of
 * this thread (load generator, floors) and, for the app's runs in thread mode, one of the server thread.
 */
async function measured(name: string, total: number, op: (i: number) => Promise<void>) {
  const profileServer = PROFILE_DIR !== undefined && server !== null && name.includes('-app-');
  if (profileServer) await askServer({ profile: 'start' }, 'profiling');
  const before = await sampleCpu();
  const result = await withCpuProfile(PROFILE_DIR, name, () => runLoad(total, CONCURRENCY, op));
  const cpu = cpuPerOp(before, await sampleCpu(), total);
  if (profileServer)
    await askServer({ profile: 'stop', file: path.join(PROFILE_DIR!, `${name}-server.cpuprofile`) }, 'profiled');
  return { result, cpu };
}

function meanCpu(runs: CpuPerOp[]): CpuPerOp {
  const avg = (k: keyof CpuPerOp) =>
    runs.some((r) => r[k] === null) ? null : runs.reduce((s, r) => s + r[k]!, 0) / runs.length;
  return { machine: avg('machine'), process: avg('process') ?? 0, server: avg('server'), outside: avg('outside') };
}

/** App and floor in alternating halves, each half `half` operations; each side's halves merged. */
async function alternate(
  label: string,
  half: number,
  appOp: (i: number) => Promise<unknown>,
  floorOp: (i: number) => Promise<void>,
) {
  const app: Awaited<ReturnType<typeof measured>>[] = [];
  const floor: Awaited<ReturnType<typeof measured>>[] = [];
  for (let round = 0; round < 2; round++) {
    floor.push(await measured(`${label}-floor-${round + 1}`, half, (i) => floorOp(i + round * half)));
    app.push(await measured(`${label}-app-${round + 1}`, half, async (i) => void (await appOp(i + round * half))));
  }
  return {
    app: statsOf(mergeResults(app.map((r) => r.result))),
    floor: statsOf(mergeResults(floor.map((r) => r.result))),
    appCpu: meanCpu(app.map((r) => r.cpu)),
    floorCpu: meanCpu(floor.map((r) => r.cpu)),
  };
}

/** Sequential requests (one in flight) with every statement the app's pool sends counted and timed. */
async function profileQueries(n: number, post: () => Promise<unknown>, get: (i: number) => Promise<void>) {
  const counter = countQueries('claims-api');
  const measure = async (op: (i: number) => Promise<unknown>) => {
    counter.reset();
    const start = performance.now();
    for (let i = 0; i < n; i++) await op(i);
    const ms = (performance.now() - start) / n;
    const tallies = counter.tallies();
    const dbMs = tallies.reduce((s, t) => s + t.totalMs, 0) / n;
    return {
      perRequest: counter.total / n,
      ms,
      dbMs,
      tallies: tallies.map((t) => ({ ...t, count: t.count / n, totalMs: t.totalMs / n })),
    };
  };
  try {
    return { post: await measure(() => post()), get: await measure(get) };
  } finally {
    counter.stop();
  }
}

function printResults(
  clinic: BenchClinic,
  intake: Awaited<ReturnType<typeof alternate>>,
  reads: Awaited<ReturnType<typeof alternate>>,
  breakdown: { readsAudited: ReturnType<typeof statsOf>; noDb: ReturnType<typeof statsOf> },
  profile: Awaited<ReturnType<typeof profileQueries>>,
) {
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const row = (op: string, a: ReturnType<typeof statsOf>, fl: ReturnType<typeof statsOf>, aim: number | null) => {
    const ratio = a.perSecond / fl.perSecond;
    const verdict = aim === null ? '—' : ratio >= aim ? 'pass' : 'FAIL';
    return `| ${op} | ${f(a.perSecond, 0)} | ${f(a.p50)} | ${f(a.p99)} | ${f(fl.perSecond, 0)} | ${f(fl.p50)} | ${f(fl.p99)} | ${f(ratio, 2)} | ${aim === null ? '—' : `≥ ${aim}`} | ${verdict} |`;
  };
  log(`\nResults (${CONCURRENCY} in flight, pool ${poolMax}, ${clinic.patients.length} patients; latencies in ms)\n`);
  log('| operation | req/s | p50 | p99 | floor req/s | floor p50 | floor p99 | ratio app/floor | aim | result |');
  log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  log(
    row(
      `POST /v1/encounters (5 lines, built + scrubbed) ×${2 * Math.ceil(ENCOUNTERS / 2)}`,
      intake.app,
      intake.floor,
      INTAKE_AIM,
    ),
  );
  log(row(`GET /v1/claims/{id} ×${2 * Math.ceil(READS / 2)}`, reads.app, reads.floor, RETRIEVE_AIM));
  log(
    '\nIntake floor: raw pg, one transaction per encounter inserting what the service writes (idempotency key, encounter, claim,',
  );
  log(
    '5 claim lines in one statement, claim history, 2 events, audit row, the charges’ journal transaction and its entries; then the key completed): 13 statements, no reads, no HTTP.',
  );
  log('Retrieval floor: raw pg, the claim row by primary key, then its lines (2 statements, no HTTP).');
  log('\nBreakdown (not judged)\n');
  log('| comparison | app req/s | app p50 | app p99 | other req/s | other p50 | other p99 | ratio |');
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const pair = (what: string, a: ReturnType<typeof statsOf>, b: ReturnType<typeof statsOf>) =>
    log(
      `| ${what} | ${f(a.perSecond, 0)} | ${f(a.p50)} | ${f(a.p99)} | ${f(b.perSecond, 0)} | ${f(b.p50)} | ${f(b.p99)} | ${f(a.perSecond / b.perSecond, 2)} |`,
    );
  pair('GET /v1/claims/{id} vs raw pg reads + the audit insert it also makes', reads.app, breakdown.readsAudited);
  pair('GET /v1/claims/{malformed} → 400 (HTTP + JWT, no database) vs the read floor', breakdown.noDb, reads.floor);
  const ms = (n: number | null) => (n === null ? 'n/a' : f(n, 2));
  log(
    '\nCPU per request in ms (machine = all cores, /proc/stat; client = the load generator and, inline, the API; outside = PostgreSQL and the rest)\n',
  );
  log('| run | machine | API thread | client | outside the process |');
  log('|---|---:|---:|---:|---:|');
  const cpuRow = (what: string, c: CpuPerOp) =>
    log(
      `| ${what} | ${ms(c.machine)} | ${ms(c.server)} | ${ms(c.server === null ? c.process : c.process - c.server)} | ${ms(c.outside)} |`,
    );
  cpuRow('POST /v1/encounters', intake.appCpu);
  cpuRow('intake floor', intake.floorCpu);
  cpuRow('GET /v1/claims/{id}', reads.appCpu);
  cpuRow('retrieval floor', reads.floorCpu);
  for (const [name, p] of [
    ['POST /v1/encounters', profile.post],
    ['GET /v1/claims/{id}', profile.get],
  ] as const) {
    log(
      `\n${name}: ${f(p.perRequest)} statements per request; one at a time ${f(p.ms, 2)} ms per request, of which ${f(p.dbMs, 2)} ms waiting on statements`,
    );
    for (const t of p.tallies) log(`  ${f(t.count, 2).padStart(6)} × ${t.statement.padEnd(28)} ${f(t.totalMs, 2)} ms`);
  }
}
