/**
 * Receivables aging report benchmark (issue 10, section 7: "aging report over 100,000 claims, aim < 1 s"), beside a
 * floor measured in the same run on the same rows.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ledger-reports
 *
 * A private database (created, migrated, dropped) gets BENCH_REPORT_CLAIMS (100,000) claims and the journal a
 * practice would hold for them (bench/support/ledger-reports-fixture.ts: charges, payer decisions, patient
 * payments, credit balances; ~1.85 M entries, ~1.06 M of them receivable), then `VACUUM ANALYZE` (a server's tables
 * have statistics and a visibility map). Then, in rounds alternating the order of the sides, each once per round:
 * - `GET /v1/reports/aging?asOf=<today>` — the default report (service-date basis, nothing effective after asOf);
 * - the same as of 90 days earlier (a quarter-end report: a quarter of the journal is dated after it);
 * - `basis=billed_date` as of today;
 * - the floor: a bare `select sum(amount_cents) from journal_entries` over the same rows (raw pg).
 * The app runs in this process (`app.inject`: routing, auth, validation, serialization; no socket). Each report is
 * checked once against the figures the fixture computed itself.
 * Phases: the schema as migrated; then, unless the schema already has it, with the partial receivables index
 * the report is designed for (RECEIVABLES_INDEX below) built on the same rows.
 * Knobs: BENCH_REPORT_CLAIMS, BENCH_REPORT_ROUNDS (15), BENCH_REPORT_WARMUP (2).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { addDays } from '../src/domain/claims/calendar-date.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchApp } from './support/bench-services.js';
import { type Expected, loadLedgerFixture } from './support/ledger-reports-fixture.js';

const env = process.env;
const knob = (name: string, fallback: number) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const CLAIMS = knob('BENCH_REPORT_CLAIMS', 100_000);
const ROUNDS = knob('BENCH_REPORT_ROUNDS', 15);
const WARMUP = knob('BENCH_REPORT_WARMUP', 2);
const TODAY = '2026-12-01';
const QUARTER_AGO = addDays(TODAY, -90);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** What src/db/schema/ledger.ts would declare as `index('journal_entries_receivables_index').on(…).where(…)`. */
const RECEIVABLES_INDEX = `create index "journal_entries_receivables_index" on "journal_entries" using btree
  ("org_id", "claim_id", "party", "payer_id", "transaction_id", "amount_cents") where account_kind = 'receivable'`;

const serverUrl = env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL is required (a PostgreSQL server; the benchmark makes its own database)');

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface Side {
  name: string;
  run(): Promise<unknown>;
}

async function timeSides(sides: Side[]) {
  for (let i = 0; i < WARMUP; i++) for (const s of sides) await s.run();
  const samples = new Map(sides.map((s) => [s.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const start = performance.now();
      await s.run();
      samples.get(s.name)!.push(performance.now() - start);
    }
  }
  return new Map(
    [...samples].map(([name, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), min: sorted[0]! }];
    }),
  );
}

interface ReportGroup {
  buckets: { amountCents: number }[];
  creditCents: number;
}

/** The report's figures as the fixture keys them ('' for the patient side). */
function figuresOf(report: { payers: (ReportGroup & { payerId: string })[]; patient: ReportGroup }) {
  const out: Expected = new Map();
  const add = (key: string, g: ReportGroup) =>
    out.set(key, { buckets: g.buckets.map((b) => b.amountCents), creditCents: g.creditCents });
  for (const p of report.payers) add(p.payerId, p);
  if (report.patient.buckets.some((b) => b.amountCents !== 0) || report.patient.creditCents !== 0) {
    add('', report.patient);
  }
  return out;
}

const sortedJson = (m: Expected) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));

const name = `bench_ledger_reports_${process.pid}`;
const bench = await createBenchDatabase(serverUrl, name, 4);
const floorPool = new pg.Pool({ connectionString: bench.url, max: 2 });
try {
  const { services, app } = await benchApp(bench.database, { DATABASE_URL: bench.url });
  await app.ready();
  const { id: orgId } = await services.organizations.create({ name: 'Bench Clinic' });
  const { token } = await services.auth.signToken({ orgId, subject: 'bench', scopes: ['balances:read'] });
  const started = performance.now();
  const fixture = await loadLedgerFixture(floorPool, {
    orgId,
    claims: CLAIMS,
    patients: Math.ceil(CLAIMS / 4),
    payers: 8,
    asOf: TODAY,
    checkDates: [TODAY, QUARTER_AGO],
    seed: 20261201,
  });
  await floorPool.query('vacuum analyze');
  const sizes = (
    await floorPool.query(
      `select pg_size_pretty(pg_relation_size('journal_entries')) as entries,
        (select count(*) from journal_entries where account_kind = 'receivable') as receivable`,
    )
  ).rows[0] as { entries: string; receivable: string };
  log(
    `loaded ${CLAIMS.toLocaleString('en-US')} claims: ${fixture.transactions.toLocaleString('en-US')} transactions, ` +
      `${fixture.entries.toLocaleString('en-US')} entries (${Number(sizes.receivable).toLocaleString('en-US')} ` +
      `receivable; table ${sizes.entries}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const report = async (query: string) => {
    const res = await app.inject({ url: `/v1/reports/aging?${query}`, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`aging ${query}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const floorSql = 'select sum(amount_cents) from journal_entries';
  const sides: Side[] = [
    { name: `aging as of today (${TODAY})`, run: () => report(`asOf=${TODAY}`) },
    { name: `aging as of a quarter ago (${QUARTER_AGO})`, run: () => report(`asOf=${QUARTER_AGO}`) },
    { name: 'aging as of today, basis=billed_date', run: () => report(`asOf=${TODAY}&basis=billed_date`) },
    { name: 'floor: select sum(amount_cents) from journal_entries', run: () => floorPool.query(floorSql) },
  ];

  for (const [k, on] of [TODAY, QUARTER_AGO].entries()) {
    const got = sortedJson(figuresOf(await report(`asOf=${on}`)));
    if (got !== sortedJson(fixture.expected[k]!)) throw new Error(`the report as of ${on} differs from the fixture`);
  }
  log('the report as of today and as of a quarter ago match the figures the fixture computed');

  const hasIndex = (
    await floorPool.query(
      `select 1 from pg_indexes where tablename = 'journal_entries' and indexdef like '%(account_kind = ''receivable''::text)%'`,
    )
  ).rowCount;
  const phases = hasIndex
    ? ['schema as migrated (has a receivables index)']
    : ['schema as migrated', '+ receivables index'];
  for (const [i, phase] of phases.entries()) {
    if (i === 1) {
      const t0 = performance.now();
      await floorPool.query(RECEIVABLES_INDEX);
      await floorPool.query('vacuum analyze journal_entries');
      const size = (
        await floorPool.query(`select pg_size_pretty(pg_relation_size('journal_entries_receivables_index')) as s`)
      ).rows[0] as { s: string };
      log(`built the receivables index (${size.s}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const timings = await timeSides(sides);
    const floor = timings.get(sides[3]!.name)!;
    log(`\n${phase}: ${ROUNDS} rounds after ${WARMUP} warm-ups (load average ${loadAverage()})`);
    log('| measure | p50 | p99 | min | p50 / floor p50 | aim |');
    log('|---|---:|---:|---:|---:|---|');
    for (const s of sides) {
      const t = timings.get(s.name)!;
      const aim = s === sides[0] ? (t.p99 < 1000 ? '< 1 s ✔' : '< 1 s ✗') : '';
      log(
        `| ${s.name} | ${t.p50.toFixed(0)} ms | ${t.p99.toFixed(0)} ms | ${t.min.toFixed(0)} ms | ${(t.p50 / floor.p50).toFixed(2)}× | ${aim} |`,
      );
    }
  }
  await app.close();
} finally {
  await floorPool.end();
  await bench.drop();
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
