/**
 * Code-set benchmark on PostgreSQL: full ICD-10-CM import, code search through the HTTP API and
 * 1,000-code validation, each beside a floor measured in the same run. Creates its own database on the
 * server of DATABASE_URL (migrated, with the starter set like every other database) and drops it afterwards.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432 npm run bench:codes
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { codePrefixOf } from '../src/domain/code-search.js';
import { normalizeCode, parserFor, type CodeRecord } from '../src/domain/codesets/index.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchApp } from './support/bench-services.js';
import { percentile } from './support/load-runner.js';

const ICD_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../shared/data/codesets/icd10cm_order_2026.txt',
);
const INDEX_FILE = path.join(path.dirname(ICD_FILE), 'icd10cm_index_2017.xml');
const DATE_OF_SERVICE = '2026-01-15';
const AIMS = { importSeconds: 20, searchP99Ms: 20, validateP99Ms: 50 };

/** What coders type: code prefixes (any case, with or without the dot) and words, one typo (trigram fallback). */
const SEARCHES = [
  'E11',
  'e116',
  'E11.6',
  'I10',
  'Z00',
  'M54.5',
  'J45',
  'R07',
  'F41',
  'S72',
  'type 2 diabetes without complications',
  'essential hypertension',
  'urinary tract infection',
  'low back pain',
  'chest pain',
  'asthma',
  'hypothyroidism',
  'atrial fibrillation',
  'high blood pressure',
  'hypothyroidsm',
];
/** What patients and front desks type (answered through our lay table and the Alphabetic Index). */
const LAY = [
  'heart attack',
  'kidney stones',
  'pink eye',
  'water pills',
  'neck pain',
  'stomach ache',
  'the flu',
  'bed wetting',
];
/** Words that match nothing as typed: typos, a word too many, gibberish (each takes the fallback steps). */
const NO_MATCH = ['diabetis type 2', 'chronic neck pain', 'qwzx blorft', 'asthmatic bronchitis xyz'];
const ALL_SEARCHES = [...SEARCHES, ...LAY, ...NO_MATCH];
const WARMUP_ROUNDS = 10;
const SEARCH_ROUNDS = 100; // × 32 queries = 3,200 requests
const VALIDATE_RUNS = 50;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  process.stderr.write(
    'bench:codes needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432); it creates and drops its own database.\n',
  );
  process.exit(2);
}
if (!existsSync(ICD_FILE)) {
  process.stderr.write(`bench:codes needs the ICD-10-CM FY2026 order file at ${ICD_FILE}\n`);
  process.exit(2);
}

const seconds = (ms: number) => ms / 1000;
const stats = (samples: number[]) => ({
  n: samples.length,
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
  max: Math.max(...samples),
});
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const bench = await createBenchDatabase(
  databaseUrl,
  `codes_bench_${process.pid}_${randomBytes(3).toString('hex')}`,
  10,
);
const { database, url: benchUrl } = bench;
const raw = new pg.Client({ connectionString: benchUrl });

try {
  await raw.connect();
  const version = (await raw.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;

  // (a) import, beside parsing alone and a plain multi-row INSERT of the same rows into a table without indexes
  const [records, parseMs] = await timed(async () => {
    const out: CodeRecord[] = [];
    for await (const r of parserFor('icd10cm').parse(createReadStream(ICD_FILE))) out.push(r);
    return out;
  });
  await raw.query(`create table bare_codes (system text, code_key text, code text, short_description text, long_description text,
    billable boolean, effective_from date, effective_to date, release text, source text, attributes jsonb)`);
  const [, floorMs] = await timed(async () => {
    await raw.query('begin');
    for (let i = 0; i < records.length; i += 10_000) {
      const batch = records.slice(i, i + 10_000);
      await raw.query(
        `insert into bare_codes select 'icd10cm', k, c, s, l, b, '2025-10-01', null, 'bench', 'bench', a::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[]) as t(k, c, s, l, b, a)`,
        [
          batch.map((r) => normalizeCode('icd10cm', r.code)),
          batch.map((r) => r.code),
          batch.map((r) => r.shortDescription),
          batch.map((r) => r.longDescription),
          batch.map((r) => r.billable),
          batch.map((r) => JSON.stringify(r.attributes)),
        ],
      );
    }
    await raw.query('commit');
  });
  // The API on an ephemeral port, called over real HTTP with keep-alive; the import goes through its services.
  const { app, services } = await benchApp(database, { DATABASE_URL: benchUrl });
  const [summary, importMs] = (await timed(() =>
    services.codes.importFile({ target: 'icd10cm', filePath: ICD_FILE }),
  )) as [{ records: number }, number];
  if (summary.records !== 98_186) throw new Error(`expected 98,186 records, imported ${summary.records}`);
  const [indexSummary, indexMs] = await timed(() =>
    services.codes.importFile({ target: 'icd10cm-index', filePath: INDEX_FILE }),
  );

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { id: orgId } = await services.organizations.create({ name: 'Bench Clinic' });
    const { token } = await services.auth.signToken({ orgId, subject: 'bench', scopes: ['codes:read'] });
    const headers = { authorization: `Bearer ${token}` };
    const get = async (url: string) => {
      const res = await fetch(`${address}${url}`, { headers });
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      return res.json();
    };

    // (b) search latency, beside a primary-key SELECT on a raw connection and the HTTP round trip of /health
    const searchUrl = (q: string) => `/v1/codes/icd10cm?${new URLSearchParams({ q, validOn: DATE_OF_SERVICE })}`;
    for (let i = 0; i < WARMUP_ROUNDS; i++) for (const q of ALL_SEARCHES) await get(searchUrl(q));
    const prefixMs: number[] = [];
    const wordsMs: number[] = [];
    const layMs: number[] = [];
    const noMatchMs: number[] = [];
    for (let i = 0; i < SEARCH_ROUNDS; i++) {
      for (const q of ALL_SEARCHES) {
        const [, ms] = await timed(() => get(searchUrl(q)));
        if (LAY.includes(q)) layMs.push(ms);
        else if (NO_MATCH.includes(q)) noMatchMs.push(ms);
        else (codePrefixOf(q) !== null ? prefixMs : wordsMs).push(ms);
      }
    }
    const keys = (
      await raw.query<{ code_key: string }>(`select code_key from codes where system = 'icd10cm' order by code_key`)
    ).rows.map((r) => r.code_key);
    const pkMs: number[] = [];
    for (let i = 0; i < (WARMUP_ROUNDS + SEARCH_ROUNDS) * ALL_SEARCHES.length; i++) {
      const key = keys[(i * 7_919) % keys.length]!;
      const [, ms] = await timed(() =>
        raw.query(`select * from codes where system = 'icd10cm' and code_key = $1`, [key]),
      );
      if (i >= WARMUP_ROUNDS * ALL_SEARCHES.length) pkMs.push(ms);
    }
    const healthMs: number[] = [];
    for (let i = 0; i < 2_200; i++) {
      const [, ms] = await timed(async () => (await fetch(`${address}/health`)).json());
      if (i >= 200) healthMs.push(ms);
    }

    // (c) validating 1,000 distinct codes (billable codes and headers) in one request
    const items = Array.from({ length: 1_000 }, (_, i) => ({
      system: 'icd10cm',
      code: records[i * 98]!.code,
      dateOfService: DATE_OF_SERVICE,
    }));
    const validate = async () => {
      const res = await fetch(`${address}/v1/codes/validate`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      if (res.status !== 200) throw new Error(`validate: HTTP ${res.status}`);
      return res.json();
    };
    for (let i = 0; i < 5; i++) await validate();
    const validateMs: number[] = [];
    for (let i = 0; i < VALIDATE_RUNS; i++) validateMs.push((await timed(validate))[1]);
    const keyList = items.map((i) => normalizeCode('icd10cm', i.code));
    const validateFloorMs: number[] = [];
    for (let i = 0; i < VALIDATE_RUNS; i++) {
      validateFloorMs.push(
        (
          await timed(() => raw.query(`select * from codes where system = 'icd10cm' and code_key = any($1)`, [keyList]))
        )[1],
      );
    }

    const search = stats([...prefixMs, ...wordsMs, ...layMs, ...noMatchMs]);
    const pk = stats(pkMs);
    const rows: [string, string, string, string, string][] = [];
    const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
    const ok = (v: number, aim: number) => (v < aim ? 'yes' : 'NO');
    rows.push([
      'ICD-10-CM import, 98,186 codes',
      `${seconds(importMs).toFixed(2)} s`,
      `${seconds(floorMs).toFixed(2)} s insert into bare table (+ ${seconds(parseMs).toFixed(2)} s parse)`,
      `${(importMs / (floorMs + parseMs)).toFixed(1)}× parse+insert`,
      `< ${AIMS.importSeconds} s: ${ok(seconds(importMs), AIMS.importSeconds)}`,
    ]);
    rows.push([
      'ICD-10-CM Alphabetic Index import',
      `${seconds(indexMs).toFixed(2)} s`,
      `${(indexSummary as { terms: number }).terms.toLocaleString('en-US')} terms`,
      '',
      '',
    ]);
    rows.push([
      `search p50 (all ${ALL_SEARCHES.length} queries)`,
      fmt(search.p50),
      `${fmt(pk.p50)} PK select`,
      `${(search.p50 / pk.p50).toFixed(1)}×`,
      '',
    ]);
    rows.push([
      `search p99 (all ${ALL_SEARCHES.length} queries)`,
      fmt(search.p99),
      `${fmt(pk.p99)} PK select`,
      `${(search.p99 / pk.p99).toFixed(1)}×`,
      `< ${AIMS.searchP99Ms} ms: ${ok(search.p99, AIMS.searchP99Ms)}`,
    ]);
    for (const [label, samples] of [
      ['  prefix queries', prefixMs],
      ['  word queries', wordsMs],
      ['  lay phrases', layMs],
      ['  no-match fallbacks', noMatchMs],
    ] as const) {
      const s = stats(samples);
      rows.push([`${label} p50 / p99 / max`, `${fmt(s.p50)} / ${fmt(s.p99)} / ${fmt(s.max)}`, '', '', `n=${s.n}`]);
    }
    const health = stats(healthMs);
    rows.push(['HTTP floor: GET /health p50 / p99', `${fmt(health.p50)} / ${fmt(health.p99)}`, '', '', '']);
    const v = stats(validateMs);
    const vf = stats(validateFloorMs);
    rows.push([
      'validate 1,000 codes p50',
      fmt(v.p50),
      `${fmt(vf.p50)} one SELECT of the 1,000 keys`,
      `${(v.p50 / vf.p50).toFixed(1)}×`,
      '',
    ]);
    rows.push([
      'validate 1,000 codes p99',
      fmt(v.p99),
      `${fmt(vf.p99)}`,
      `${(v.p99 / vf.p99).toFixed(1)}×`,
      `< ${AIMS.validateP99Ms} ms: ${ok(v.p99, AIMS.validateP99Ms)}`,
    ]);

    const widths = [0, 1, 2, 3, 4].map((c) =>
      Math.max(...rows.map((r) => r[c]!.length), ['measure', 'result', 'floor', 'ratio', 'aim'][c]!.length),
    );
    const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
    process.stdout.write(
      [
        `codes benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${version}`,
        `import summary: ${JSON.stringify(summary)}`,
        line(['measure', 'result', 'floor', 'ratio', 'aim']),
        line(widths.map((w) => '-'.repeat(w))),
        ...rows.map(line),
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
  }
} finally {
  await raw.end().catch(() => undefined);
  await bench.drop();
}
