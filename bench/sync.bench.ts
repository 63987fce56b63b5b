/**
 * Sync at the speed PM systems need (issue 11, part 6): a PM system catching up on every claim through
 * GET /v1/claims?updatedSince= and on every event through GET /v1/events?after=, each beside a raw `pg` keyset
 * scan over the same rows measured in the same run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:sync
 *
 * Creates its own database (claims_sync_<pid>) on that server, migrates it, posts BENCH_SYNC_ENCOUNTERS real
 * encounters through the API, then multiplies their claims (with lines) and events with SQL up to the totals
 * (bench/support/sync-seed.ts) and runs VACUUM ANALYZE, as a server's tables would have been. The measured API runs
 * in a worker thread on an ephemeral port; the client walks every page, one request in flight over keep-alive
 * HTTP, at the largest `limit` the API allows (read from its query schemas). Floors: bench/support/sync-walks.ts.
 * Each round walks both sides, the order alternating from round to round.
 * Knobs: BENCH_SYNC_CLAIMS (100000), BENCH_SYNC_EVENTS (200000), BENCH_SYNC_ROUNDS (2), BENCH_SYNC_ENCOUNTERS (20),
 * BENCH_CPU_PROFILE (a directory: V8 profiles of the server thread during each API walk, `sync-<feed>-<round>.cpuprofile`).
 */
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import pg from 'pg';
import { ALL_SCOPES } from '../src/lib/scopes.js';
import { ClaimListQuery } from '../src/modules/claims/claims.schemas.js';
import { EventQuery } from '../src/modules/events/events.schemas.js';
import { type AppThread, startAppThread } from './support/app-thread.js';
import { createBenchClinic, createSlotAllocator, encounterFor, postJson } from './support/bench-clinic.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchApp } from './support/bench-services.js';
import { machineBusyMs, processCpuMs } from './support/cpu-usage.js';
import { createHttpClient } from './support/http-client.js';
import { seedClaims, seedEvents } from './support/sync-seed.js';
import {
  statementsPerPage,
  type Walk,
  walkClaimsApi,
  walkClaimsFloor,
  walkEventsApi,
  walkEventsFloor,
} from './support/sync-walks.js';

const env = process.env;
const serverUrl = env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write('bench:sync needs DATABASE_URL (a PostgreSQL server it may create and drop a database on).\n');
  process.exit(2);
}
const knob = (name: string, fallback: number) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const CLAIMS = knob('BENCH_SYNC_CLAIMS', 100_000);
const EVENTS = knob('BENCH_SYNC_EVENTS', 200_000);
const ROUNDS = knob('BENCH_SYNC_ROUNDS', 2);
const ENCOUNTERS = knob('BENCH_SYNC_ENCOUNTERS', 20);
const PROFILE_DIR = env.BENCH_CPU_PROFILE || undefined;
/** The largest page each list accepts, from the API's own query schemas. */
const CLAIMS_PAGE = ClaimListQuery.shape.limit.unwrap().maxValue ?? 100;
const EVENTS_PAGE = EventQuery.shape.limit.unwrap().maxValue ?? 500;
const AIMS = { claims: 10_000, events: 20_000 };
const POOL = 4;
const WARMUP_PAGES = 50;
const log = (line: string) => process.stdout.write(`${line}\n`);
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

const bench = await createBenchDatabase(serverUrl, `claims_sync_${process.pid}`, POOL);
const floor = new pg.Client({ connectionString: bench.url, application_name: 'claims-bench-floor' });
floor.on('error', () => undefined);
process.once('SIGINT', () => {
  process.on('uncaughtException', () => undefined);
  void bench.drop().finally(() => process.exit(130));
});
let server: AppThread | null = null;
let app: FastifyInstance | null = null;
let failed = false;
try {
  const built = await benchApp(bench.database, { DATABASE_URL: serverUrl, DATABASE_POOL_MAX: String(POOL) });
  const { services } = built;
  app = built.app;
  const setupUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const { id: orgId } = await services.organizations.create({ name: 'Bench Sync Clinic' });
  const { token } = await services.auth.signToken({ orgId, subject: 'bench', scopes: ALL_SCOPES, ttlSeconds: 7200 });
  const auth = `Bearer ${token}`;
  const clinic = await createBenchClinic(setupUrl, orgId, auth, Math.min(ENCOUNTERS, 10));
  const slot = createSlotAllocator(clinic.patients);
  for (let i = 0; i < ENCOUNTERS; i++) await postJson(setupUrl, auth, '/v1/encounters', encounterFor(clinic, slot()));

  await floor.connect();
  const started = performance.now();
  const seededClaims = await seedClaims(floor, orgId, CLAIMS);
  const seededEvents = await seedEvents(floor, orgId, EVENTS);
  // A server's tables are vacuumed (hint bits, visibility map) and analyzed; the checkpoint writes the seed's dirty
  // pages now rather than during the measured walks.
  await floor.query('vacuum analyze claims, claim_lines, events');
  await floor.query('checkpoint');
  log(
    `database ${bench.name}: ${thousands(seededClaims.claims)} claims (${thousands(seededClaims.lines)} lines) and ` +
      `${thousands(seededEvents.events)} events from ${ENCOUNTERS} real encounters, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(events ${seededEvents.perTransaction} per tx id, ids by ${seededEvents.idsBy})`,
  );

  server = await startAppThread(bench.url, POOL);
  const http = createHttpClient(server.baseUrl, 1);
  log(`measured API on ${server.baseUrl} (its own thread, pool ${POOL}); floor: raw pg, one connection\n`);
  const feeds = {
    claims: {
      page: CLAIMS_PAGE,
      expected: seededClaims.claims,
      lines: seededClaims.lines,
      ours: () => walkClaimsApi(http, auth, seededClaims.since, CLAIMS_PAGE),
      warm: () => walkClaimsApi(http, auth, seededClaims.since, CLAIMS_PAGE, WARMUP_PAGES),
      floor: () => walkClaimsFloor(floor, orgId, seededClaims.since, CLAIMS_PAGE),
    },
    events: {
      page: EVENTS_PAGE,
      expected: seededEvents.events,
      lines: 0,
      ours: () => walkEventsApi(http, auth, EVENTS_PAGE),
      warm: () => walkEventsApi(http, auth, EVENTS_PAGE, WARMUP_PAGES),
      floor: () => walkEventsFloor(floor, orgId, EVENTS_PAGE),
    },
  };
  const results: Record<string, { ours: Measured[]; floor: Measured[] }> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    // Warm-up: a floor walk (buffer cache) and the first pages of ours (plans, V8's optimisation of the server).
    await feed.floor();
    await feed.warm();
    const r = { ours: [] as Measured[], floor: [] as Measured[] };
    for (let round = 0; round < ROUNDS; round++) {
      const runOurs = async () => r.ours.push(await measure(`sync-${name}-${round + 1}`, feed.ours, feed));
      const runFloor = async () => r.floor.push(await measure(null, feed.floor, feed));
      if (round % 2 === 0) {
        await runFloor();
        await runOurs();
      } else {
        await runOurs();
        await runFloor();
      }
    }
    results[name] = r;
  }
  http.close();
  await server.close();
  server = null;
  // Statements per page, counted on the in-process app (same code, warm database) over the first pages of each feed.
  const counted = await statementsPerPage(setupUrl, auth, seededClaims.since, {
    claims: CLAIMS_PAGE,
    events: EVENTS_PAGE,
  });
  // A missed aim is a result, printed in the table; the exit code reports errors only, as in the other benches.
  printResults(results, feeds, counted);
} catch (err) {
  failed = true;
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
} finally {
  await server?.close();
  await app?.close();
  await floor.end().catch(() => undefined);
  await bench.drop();
}
process.exitCode = failed ? 1 : 0;

interface Measured {
  walk: Walk;
  /** CPU ms per 1,000 items: the whole machine, the server thread, this process without it, the rest. */
  cpu: { machine: number | null; server: number | null; client: number; outside: number | null };
}

/** One full walk with its CPU cost; `profile` names the server-thread profile written when BENCH_CPU_PROFILE is set. */
async function measure(
  profile: string | null,
  walk: () => Promise<Walk>,
  expected: { expected: number; lines: number },
): Promise<Measured> {
  const sample = async () => ({
    machine: machineBusyMs(),
    proc: processCpuMs(),
    server: (await server?.cpuMs()) ?? null,
  });
  if (profile && PROFILE_DIR) await server!.profileStart();
  const a = await sample();
  const w = await walk();
  const b = await sample();
  if (profile && PROFILE_DIR) await server!.profileStop(path.join(PROFILE_DIR, `${profile}.cpuprofile`));
  if (w.items !== expected.expected || w.lines !== expected.lines)
    throw new Error(`a walk saw ${w.items} items and ${w.lines} lines, not ${expected.expected} and ${expected.lines}`);
  const per = 1000 / w.items;
  const machine = a.machine === null || b.machine === null ? null : (b.machine - a.machine) * per;
  const serverMs = a.server === null || b.server === null ? null : (b.server - a.server) * per;
  const procMs = (b.proc - a.proc) * per;
  return {
    walk: w,
    cpu: {
      machine,
      server: serverMs,
      client: procMs - (serverMs ?? 0),
      outside: machine === null ? null : machine - procMs,
    },
  };
}

function printResults(
  results: Record<string, { ours: Measured[]; floor: Measured[] }>,
  feeds: Record<string, { page: number }>,
  counted: Awaited<ReturnType<typeof statementsPerPage>>,
): void {
  const rate = (ms: Measured[]) =>
    ms.reduce((n, m) => n + m.walk.items, 0) / ms.reduce((s, m) => s + m.walk.seconds, 0);
  const rates = (ms: Measured[]) => ms.map((m) => thousands(m.walk.items / m.walk.seconds)).join(', ');
  log(
    '| sync | items | page | pages | ours items/s (each round) | floor items/s (each round) | ours / floor | aim | result |',
  );
  log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [name, r] of Object.entries(results)) {
    const ours = rate(r.ours);
    const fl = rate(r.floor);
    const aim = AIMS[name as keyof typeof AIMS];
    const pass = ours >= aim;
    const w = r.ours[0]!.walk;
    const what =
      name === 'claims' ? `GET /v1/claims?updatedSince= (${thousands(w.lines)} lines)` : 'GET /v1/events?after=';
    log(
      `| ${what} | ${thousands(w.items)} | ${feeds[name]!.page} | ${thousands(w.pages)} | **${thousands(ours)}** (${rates(r.ours)}) | ${thousands(fl)} (${rates(r.floor)}) | ${(ours / fl).toFixed(2)} | ≥ ${thousands(aim)}/s | ${pass ? 'pass' : 'FAIL'} |`,
    );
  }
  const ms = (n: number | null) => (n === null ? 'n/a' : n.toFixed(1));
  log('\nCPU ms per 1,000 items, mean of rounds (machine = all cores; outside = PostgreSQL, kernel, other load)\n');
  log('| walk | machine | API thread | client | outside |');
  log('|---|---:|---:|---:|---:|');
  for (const [name, r] of Object.entries(results)) {
    for (const [side, list] of [
      ['ours', r.ours],
      ['floor', r.floor],
    ] as const) {
      const mean = (k: keyof Measured['cpu']) =>
        list.some((m) => m.cpu[k] === null) ? null : list.reduce((s, m) => s + m.cpu[k]!, 0) / list.length;
      log(
        `| ${name} ${side} | ${ms(mean('machine'))} | ${ms(mean('server'))} | ${ms(mean('client'))} | ${ms(mean('outside'))} |`,
      );
    }
  }
  for (const name of ['claims', 'events'] as const) {
    const c = counted[name];
    log(
      `\n${name}: ${c.total.toFixed(1)} statements per page (first ${c.pages} pages, in-process app, one at a time, ${c.ms.toFixed(1)} ms per page)`,
    );
    for (const t of c.tallies)
      log(`  ${t.count.toFixed(2).padStart(6)} × ${t.statement.padEnd(28)} ${t.totalMs.toFixed(2)} ms`);
  }
}
