/**
 * X12 benchmark (issue 9, section 9): each figure beside a floor measured in the same run, on this thread.
 *
 *   npm run bench:x12                      # every section whose prerequisites are met
 *   npm run bench:x12 -- write read        # chosen sections (or BENCH_X12_SECTIONS=write,read)
 *
 * Sections:
 *   write  write837p of a synthetic 837P of BENCH_X12_CLAIMS claims, floor: node-x12 building the same segments
 *   read   readRemittances835 (and the streaming reader) of a synthetic 835, floor: a bare split tokenizer
 *   db     (PostgreSQL) POST /v1/submissions of BENCH_X12_DB_CLAIMS ready claims, then posting an 835 answering all
 *          of them, floor: raw pg writing the same rows in one transaction (bench/support/x12-db.ts)
 *   memory (PostgreSQL) peak resident memory posting a BENCH_X12_MEMORY_MB MB 835 streamed from disk, in a child process
 * Sections that need PostgreSQL say so (`needsDatabase`) and are skipped without DATABASE_URL. A section is an entry
 * of SECTIONS: `run()` builds its input (bench/support/x12-fixtures.ts), times ours beside its floor with
 * `alternate` and returns its table rows.
 * Knobs: BENCH_X12_CLAIMS (20000), BENCH_X12_ROUNDS (7 measured rounds, each side once per round),
 * BENCH_X12_WARMUP (2), BENCH_CPU_PROFILE (a directory: a V8 profile of extra runs of our side per section).
 * Run with `node --expose-gc` (the npm script does) so a full GC precedes each timed run.
 */
import { write837p } from '../src/domain/x12/claim-837p.js';
import type { Interchange837 } from '../src/domain/x12/claim-837p.types.js';
import { DEFAULT_DELIMITERS } from '../src/domain/x12/delimiters.js';
import { createX12Stream } from '../src/domain/x12/reader.js';
import { createRemittance835Reader, readRemittances835 } from '../src/domain/x12/remittance-835.js';
import { snip837p } from '../src/domain/x12/snip-837p.js';
import { withCpuProfile } from './support/cpu-profile.js';
import { alternate, hasGc, liveHeapMb, roundRatios, type Side, type Timing } from './support/repeat-timer.js';
import { bareTokenize, buildWithNodeX12, type PlainSegment, segmentsOf } from './support/x12-floors.js';
import { runDbSections, runMemorySection } from './support/x12-db.js';
import { synthetic835, synthetic837 } from './support/x12-fixtures.js';

const env = process.env;
const knob = (name: string, fallback: number) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const CLAIMS = knob('BENCH_X12_CLAIMS', 20_000);
const DB_CLAIMS = knob('BENCH_X12_DB_CLAIMS', 10_000);
const MEMORY_MB = knob('BENCH_X12_MEMORY_MB', 50);
const ROUNDS = knob('BENCH_X12_ROUNDS', 7);
const WARMUP = knob('BENCH_X12_WARMUP', 2);
const PROFILE_DIR = env.BENCH_CPU_PROFILE || undefined;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** One line of the results table. `ratio` is ours against the floor, oriented so that higher is better. */
interface Row {
  measure: string;
  ours: string;
  floor: string;
  ratio: number;
  /** Round-by-round ratios, min–max. */
  spread: string;
  aim: string;
  pass: boolean | null;
}

interface Section {
  summary: string;
  needsDatabase?: boolean;
  run(): Promise<Row[]>;
}

const ms = (t: Timing) => `${t.medianMs.toFixed(1)} ms (${t.minMs.toFixed(1)}–${t.maxMs.toFixed(1)})`;
const perSecond = (n: number, t: Timing) => Math.round(n / (t.medianMs / 1000));
const thousands = (n: number) => n.toLocaleString('en-US');
const range = (r: { min: number; max: number }) => `${r.min.toFixed(2)}–${r.max.toFixed(2)}`;
/** A CPU profile of a few more runs of `work`, when BENCH_CPU_PROFILE names a directory. */
const profile = (name: string, work: () => unknown) =>
  withCpuProfile(PROFILE_DIR, name, async () => {
    for (let i = 0; i < 5; i++) work();
  });

const SECTIONS: Record<string, Section> = {
  write: {
    summary: `write837p, ${thousands(CLAIMS)} claims, against node-x12 building the same segments`,
    async run() {
      // Each side gets its own input before each run (see Side): the spec for us, element arrays for node-x12.
      const ours: Side<Interchange837> = { prepare: () => synthetic837(CLAIMS), run: (spec) => write837p(spec) };
      const text = write837p(synthetic837(CLAIMS));
      const floor: Side<PlainSegment[]> = {
        prepare: () => segmentsOf(text, DEFAULT_DELIMITERS),
        run: (segments) => buildWithNodeX12(segments, DEFAULT_DELIMITERS),
      };
      const issues = snip837p(text);
      if (issues.length > 0) throw new Error(`the synthetic 837P fails SNIP: ${JSON.stringify(issues[0])}`);
      if (floor.run(floor.prepare()) !== text) throw new Error('node-x12 wrote a different interchange: no floor');
      const segmentCount = text.split(DEFAULT_DELIMITERS.segment).length - 1;
      log(`write: ${thousands(CLAIMS)} claims, ${thousands(segmentCount)} segments, ${mb(text.length)}`);
      const t = alternate({ ours, floor }, ROUNDS, WARMUP);
      const spec = ours.prepare();
      await profile('x12-write', () => write837p(spec));
      const ratios = roundRatios(t.floor, t.ours);
      const rate = perSecond(CLAIMS, t.ours);
      return [
        {
          measure: `837P write, ${thousands(CLAIMS)} claims: claims/s, median (min–max time)`,
          ours: `${thousands(rate)}/s, ${ms(t.ours)}`,
          floor: `${thousands(perSecond(CLAIMS, t.floor))}/s, ${ms(t.floor)}`,
          ratio: t.floor.medianMs / t.ours.medianMs,
          spread: range(ratios),
          aim: '≥ 50,000/s and ≥ 3×',
          pass: rate >= 50_000 && t.floor.medianMs / t.ours.medianMs >= 3,
        },
      ];
    },
  },
  read: {
    summary: `readRemittances835 and the streaming reader, ${thousands(CLAIMS)} claims, against a bare tokenizer`,
    async run() {
      const text = synthetic835(CLAIMS);
      const loops = checkRemittance(text);
      const inMemory = () => readRemittances835(text).remittances.length;
      const streamed = () => streamRead(text, 64 * 1024);
      const floor = () => bareTokenize(text, DEFAULT_DELIMITERS);
      if (streamed() !== loops) throw new Error('the streaming reader saw a different number of claims');
      const t = alternate({ inMemory, streamed, floor }, ROUNDS, WARMUP);
      await profile('x12-read', inMemory);
      const row = (measure: string, ours: Timing): Row => {
        const ratio = t.floor.medianMs / ours.medianMs;
        return {
          measure,
          ours: `${mbPerSecond(text.length, ours)}, ${thousands(perSecond(loops, ours))} CLP/s, ${ms(ours)}`,
          floor: `${mbPerSecond(text.length, t.floor)}, ${ms(t.floor)}`,
          ratio,
          spread: range(roundRatios(t.floor, ours)),
          aim: '≥ 0.5× the floor',
          pass: ratio >= 0.5,
        };
      };
      return [
        row(`835 read + map, ${thousands(CLAIMS)} claims, in memory (readRemittances835)`, t.inMemory),
        row('— streamed in 64 KiB chunks (createX12Stream + createRemittance835Reader)', t.streamed),
      ];
    },
  },
  db: {
    summary: `POST /v1/submissions of ${thousands(DB_CLAIMS)} ready claims; posting an 835 answering them, against raw pg`,
    needsDatabase: true,
    async run() {
      const f = await runDbSections(env.DATABASE_URL!, DB_CLAIMS, log);
      const submitRate = perSecond(DB_CLAIMS, { medianMs: f.submitMs } as Timing);
      const postRate = perSecond(DB_CLAIMS, { medianMs: f.postMs } as Timing);
      const ratio = f.floorMs / f.postMs;
      log(
        `  the post wrote ${Object.entries(f.rows)
          .map(([t, n]) => `${thousands(n)} ${t}`)
          .join(', ')} (and the floor the same)`,
      );
      return [
        {
          measure: `POST /v1/submissions, ${thousands(DB_CLAIMS)} ready claims (rescrub, 837P, SNIP + re-read, store, submitted)`,
          ours: `${thousands(submitRate)}/s, ${(f.submitMs / 1000).toFixed(2)} s`,
          floor: '—',
          ratio: Number.NaN,
          spread: 'one run',
          aim: '≥ 5,000/s',
          pass: submitRate >= 5_000,
        },
        {
          measure: `835 posted, ${thousands(DB_CLAIMS)} claims matched (check + post, one transaction)`,
          ours: `${thousands(postRate)}/s, ${(f.postMs / 1000).toFixed(2)} s`,
          floor: `${thousands(perSecond(DB_CLAIMS, { medianMs: f.floorMs } as Timing))}/s, ${(f.floorMs / 1000).toFixed(2)} s`,
          ratio,
          spread: 'one run',
          aim: '≥ 5,000/s and ≥ 0.3×',
          pass: postRate >= 5_000 && ratio >= 0.3,
        },
      ];
    },
  },
  memory: {
    summary: `peak memory posting a ${MEMORY_MB} MB 835 streamed from disk`,
    needsDatabase: true,
    async run() {
      // Once as started by default, once with the old generation capped (V8 grows its heap lazily while garbage
      // is cheap to keep; the cap shows what the post holds on to).
      const runs = [
        { label: 'default heap', flags: [] as string[] },
        { label: 'old space capped at 96 MB', flags: ['--max-old-space-size=96'] },
      ];
      const rows: Row[] = [];
      for (const r of runs) {
        const f = await runMemorySection(env.DATABASE_URL!, MEMORY_MB, log, r.flags);
        const grown = f.peakMb - f.baselineMb;
        rows.push({
          measure: `835 of ${f.fileMb.toFixed(0)} MB (${thousands(f.claims)} claims) posted from disk, ${r.label}`,
          ours: `peak ${f.peakMb.toFixed(0)} MB RSS (${(f.peakMb / f.fileMb).toFixed(2)}× the file) = ${f.baselineMb.toFixed(0)} MB at rest + ${grown.toFixed(0)} MB, ${f.seconds.toFixed(1)} s`,
          floor: `${f.fileMb.toFixed(0)} MB file`,
          ratio: Number.NaN,
          spread: `growth ${(grown / f.fileMb).toFixed(2)}× the file`,
          aim: '< 4× the file',
          pass: f.peakMb / f.fileMb < 4,
        });
      }
      return rows;
    },
  },
};

const mb = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;
const mbPerSecond = (chars: number, t: Timing) => `${(chars / 1e6 / (t.medianMs / 1000)).toFixed(0)} MB/s`;

/** Reads the synthetic 835 once, refusing it unless it balances; the CLP loops it holds. Nothing read stays live. */
function checkRemittance(text: string): number {
  const read = readRemittances835(text);
  const loops = read.remittances.reduce((n, r) => n + r.claims.length, 0);
  const errors = read.remittances.reduce((n, r) => n + r.balanceErrors.length, 0);
  if (errors > 0 || read.warnings.length > 0) {
    throw new Error(`the synthetic 835 has ${errors} balancing errors and ${read.warnings.length} warnings`);
  }
  log(
    `read: ${thousands(CLAIMS)} claims (${thousands(loops)} CLP loops with reversals) in ${read.remittances.length} ST*835, ${thousands(read.segmentCount)} segments, ${mb(text.length)}`,
  );
  return loops;
}

/** The streaming path of a big upload: chunks in, one claim at a time out; returns the claims seen. */
function streamRead(text: string, chunk: number): number {
  let claims = 0;
  const reader = createRemittance835Reader({ onClaim: () => void claims++, onRemittanceEnd: () => undefined });
  const stream = createX12Stream(reader);
  for (let at = 0; at < text.length; at += chunk) stream.write(text.slice(at, at + chunk));
  stream.end();
  return claims;
}

function chosenSections(): string[] {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = asked.length > 0 ? asked : (env.BENCH_X12_SECTIONS?.split(',').filter(Boolean) ?? []);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0) {
    throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  }
  if (names.length > 0) return names;
  return Object.keys(SECTIONS).filter((n) => !SECTIONS[n]!.needsDatabase || env.DATABASE_URL);
}

const rows: Row[] = [];
let failed = false;
try {
  const names = chosenSections();
  log(
    `bench:x12 — sections ${names.join(', ')}; ${ROUNDS} rounds after ${WARMUP} warm-ups; ${hasGc() ? 'GC before each run' : 'no --expose-gc: GC falls where it falls'}`,
  );
  for (const name of names) {
    const section = SECTIONS[name]!;
    if (section.needsDatabase && !env.DATABASE_URL) throw new Error(`section ${name} needs DATABASE_URL`);
    // The live heap before each section: nothing a section measured may stay behind to slow the next one's GCs.
    log(`\n[${name}] ${section.summary} (live heap ${liveHeapMb().toFixed(0)} MB)`);
    const started = performance.now();
    rows.push(...(await section.run()));
    log(`[${name}] ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (err) {
  failed = true;
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}
if (rows.length > 0) {
  log('\n| measure | ours | floor | ratio (higher is better) | per-round ratio | aim | result |');
  log('|---|---|---|---:|---|---|---|');
  for (const r of rows) {
    const verdict = r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL';
    log(
      `| ${r.measure} | ${r.ours} | ${r.floor} | ${Number.isNaN(r.ratio) ? '—' : r.ratio.toFixed(2)} | ${r.spread} | ${r.aim} | ${verdict} |`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
