/**
 * The ledger's hot paths against floors measured in the same run (issue 10):
 * - posting: 835-style adjudications of claims with 5 lines each (the posting rule plus the journal write, batches
 *   of 1,000 claims, one transaction per batch) and patient payments (one transaction each: the patient's entries
 *   read, the oldest-first rule, the journal write), each beside raw `pg` inserting the same journal rows;
 * - reads: GET balance and statement of a patient with 25 visits of 5 lines (claims built by POST /v1/encounters,
 *   then paid with patient responsibility: 25 open claims, 1,000 entries), p50 / p99 over HTTP (keep-alive), the
 *   API in its own thread.
 * PostgreSQL only: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ledger
 * BENCH_KEEP_DB=1 keeps the bench database and prints its URL, organization and reader patient (to profile the reads
 * against it); drop it by hand afterwards.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  chargeClaim,
  type CoverageParty,
  type JournalTransaction,
  postAdjudication,
  postPatientPayment,
} from '../src/domain/ledger/index.js';
import type { AdjudicationResult } from '../src/domain/remittance/adjudication.js';
import { createIds } from '../src/lib/ids.js';
import { systemClock } from '../src/lib/clock.js';
import { journalRows, type Posting } from '../src/modules/ledger/ledger-rows.js';
import { startAppThread } from './support/app-thread.js';
import { createBenchDatabase } from './support/bench-database.js';
import { createBenchClinic, createSlotAllocator, encounterFor, postJson } from './support/bench-clinic.js';
import { benchApp } from './support/bench-services.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) throw new Error('Set DATABASE_URL to a PostgreSQL server');
const CLAIMS = Number(process.env.BENCH_LEDGER_CLAIMS ?? 10_000);
const PAYMENTS = Number(process.env.BENCH_LEDGER_PAYMENTS ?? 1_000);
const READS = Number(process.env.BENCH_LEDGER_READS ?? 2_000);
/** Visits of the reader patient: each a claim of 5 lines with 40 entries once paid; 25 make the 1,000 entries. */
const READER_VISITS = Number(process.env.BENCH_LEDGER_READER_VISITS ?? 25);
const BATCH = 1_000;
const ids = createIds(systemClock);

const bench = await createBenchDatabase(serverUrl, `claims_bench_ledger_${process.pid}`, 8);
const floorPool = new pg.Pool({ connectionString: bench.url, max: 4 });
const { services, app } = await benchApp(bench.database, {});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const { ledger } = services;
const db = bench.database.db;

const org = await services.organizations.create({ name: 'Ledger bench' });
const token = (
  await services.auth.signToken({
    orgId: org.id,
    subject: 'bench',
    scopes: [
      'balances:read',
      'patients:write',
      'payers:write',
      'providers:write',
      'coverages:write',
      'encounters:write',
    ],
  })
).token;
const auth = `Bearer ${token}`;
const clinic = await createBenchClinic(baseUrl, org.id, auth, 20);
const [patient] = clinic.patients;
const coverage: CoverageParty = { kind: 'coverage', coverageId: patient!.coverageId, payerId: clinic.payerId };

const LINES = [15000, 2500, 4000, 9000, 3100];
const claimIdsOf = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `clm_bench${tag}${String(i).padStart(20, '0')}`);

function charge(claimId: string, patientId: string, party: CoverageParty): Posting {
  const transaction = chargeClaim({
    claimId,
    patientId,
    billTo: party,
    lines: LINES.map((c, i) => ({ lineNumber: i + 1, chargeCents: c })),
  })!;
  return { transaction, sourceType: 'claim', sourceId: claimId, effectiveDate: '2026-11-02', patientId, claimId };
}

function result(claimId: string, lines: readonly number[] = LINES): AdjudicationResult {
  return {
    patientControlNumber: claimId,
    statusCode: '1',
    chargeCents: lines.reduce((s, c) => s + c, 0),
    paidCents: lines.reduce((s, c) => s + Math.round(c * 0.6), 0),
    patientResponsibilityCents: lines.reduce((s, c) => s + Math.round(c * 0.1), 0),
    payerClaimControlNumber: null,
    filingIndicator: null,
    adjustments: [],
    remarkCodes: [],
    serviceDate: '2026-11-02',
    serviceDateTo: null,
    patientName: null,
    lines: lines.map((c) => ({
      controlNumber: null,
      procedureQualifier: 'HC',
      procedureCode: '99213',
      modifiers: [],
      billedProcedureCode: null,
      chargeCents: c,
      paidCents: Math.round(c * 0.6),
      unitsThousandths: 1000,
      allowedCents: Math.round(c * 0.7),
      serviceDate: null,
      serviceDateTo: null,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: c - Math.round(c * 0.7), quantityThousandths: null },
        {
          group: 'PR',
          reasonCode: '2',
          amountCents: Math.round(c * 0.7) - Math.round(c * 0.6),
          quantityThousandths: null,
        },
      ],
      remarkCodes: [],
    })),
  } as unknown as AdjudicationResult;
}

/** The floor: the same rows, inserted by raw pg (two multi-row statements from JSON) in one transaction. */
async function floorInsert(rows: ReturnType<typeof journalRows>[]) {
  const client = await floorPool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id, patient_id, claim_id, effective_date)
       select org_id, id, kind, reversal, reverses_id, source_type, source_id, patient_id, claim_id, effective_date
       from jsonb_populate_recordset(null::journal_transactions, $1::jsonb)`,
      [JSON.stringify(rows.map((r) => r.transaction))],
    );
    await client.query(
      `insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
       select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date
       from jsonb_populate_recordset(null::journal_entries, $1::jsonb)`,
      [JSON.stringify(rows.flatMap((r) => r.entries))],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
}

// --- 835 adjudications, 5 lines each ---
const appClaims = claimIdsOf(CLAIMS, 'a');
const floorClaims = claimIdsOf(CLAIMS, 'f');
for (const list of [appClaims, floorClaims]) {
  for (let i = 0; i < list.length; i += BATCH) {
    await db.transaction((tx) =>
      ledger.post(
        tx,
        org.id,
        list.slice(i, i + BATCH).map((c) => charge(c, patient!.id, coverage)),
      ),
    );
  }
}
const floorRows = floorClaims.map((claimId) => {
  const transaction = postAdjudication({
    claimId,
    patientId: patient!.id,
    coverage,
    result: result(claimId),
    lineNumbers: LINES.map((_, i) => i + 1),
    entries: charge(claimId, patient!.id, coverage).transaction.entries,
  }) as JournalTransaction;
  return journalRows(org.id, ids.next('journalTransaction'), {
    transaction,
    sourceType: 'adjudication',
    sourceId: claimId,
    effectiveDate: '2026-11-20',
    patientId: patient!.id,
    claimId,
  });
});
let t0 = performance.now();
for (let i = 0; i < appClaims.length; i += BATCH) {
  await db.transaction(async (tx) => {
    const batch = appClaims.slice(i, i + BATCH);
    const stored = await ledger.claimEntries(tx, org.id, batch);
    const byClaim = new Map<string, typeof stored>();
    for (const e of stored) byClaim.set(e.claimId!, [...(byClaim.get(e.claimId!) ?? []), e]);
    await ledger.post(
      tx,
      org.id,
      batch.map((claimId) => ({
        transaction: postAdjudication({
          claimId,
          patientId: patient!.id,
          coverage,
          result: result(claimId),
          lineNumbers: LINES.map((_, j) => j + 1),
          entries: byClaim.get(claimId) ?? [],
        })!,
        sourceType: 'adjudication' as const,
        sourceId: claimId,
        effectiveDate: '2026-11-20',
        patientId: patient!.id,
        claimId,
      })),
    );
  });
}
const appAdjMs = performance.now() - t0;
t0 = performance.now();
for (let i = 0; i < floorRows.length; i += BATCH) await floorInsert(floorRows.slice(i, i + BATCH));
const floorAdjMs = performance.now() - t0;

// --- patient payments, one transaction each, on patients with two open claims ---
const payers = clinic.patients.slice(1, -1);
for (const p of payers) {
  const party: CoverageParty = { kind: 'coverage', coverageId: p.coverageId, payerId: clinic.payerId };
  const postings = claimIdsOf(2, `p${p.id.slice(-6)}`).flatMap((claimId) => {
    const c = charge(claimId, p.id, party);
    const adjudicated = postAdjudication({
      claimId,
      patientId: p.id,
      coverage: party,
      result: result(claimId),
      lineNumbers: LINES.map((_, i) => i + 1),
      entries: c.transaction.entries,
    })!;
    return [c, { ...c, transaction: adjudicated, sourceType: 'adjudication' as const }];
  });
  await db.transaction((tx) => ledger.post(tx, org.id, postings));
}
const paymentFloorRows = Array.from({ length: PAYMENTS }, (_, i) => {
  const p = payers[i % payers.length]!;
  const claimId = claimIdsOf(2, `p${p.id.slice(-6)}`)[0]!;
  const transaction = postPatientPayment({
    patientId: p.id,
    amountCents: 1,
    entries: [
      {
        account: { kind: 'receivable', claimId, party: { kind: 'patient' } },
        amountCents: 100,
        category: 'coinsurance',
        claimId,
        lineNumber: 1,
        patientId: p.id,
        reasonCode: null,
      },
    ],
  });
  return journalRows(org.id, ids.next('journalTransaction'), {
    transaction,
    sourceType: 'payment',
    sourceId: `pmt_${i}`,
    effectiveDate: '2026-11-25',
    patientId: p.id,
    claimId: null,
  });
});
t0 = performance.now();
for (let i = 0; i < PAYMENTS; i++) {
  const p = payers[i % payers.length]!;
  await db.transaction(async (tx) => {
    await services.claims.lockPatientClaims(tx, org.id, p.id);
    const entries = await ledger.patientSideEntries(tx, org.id, p.id);
    const transaction = postPatientPayment({ patientId: p.id, amountCents: 1, entries });
    await ledger.post(tx, org.id, [
      {
        transaction,
        sourceType: 'payment',
        sourceId: `pmt_app_${i}`,
        effectiveDate: '2026-11-25',
        patientId: p.id,
        claimId: null,
      },
    ]);
  });
}
const appPayMs = performance.now() - t0;
t0 = performance.now();
for (const row of paymentFloorRows) await floorInsert([row]);
const floorPayMs = performance.now() - t0;

// --- reads: a patient with READER_VISITS visits over HTTP, each a claim built by intake (charges posted) and paid ---
const reader = clinic.patients.at(-1)!;
const readerParty: CoverageParty = { kind: 'coverage', coverageId: reader.coverageId, payerId: clinic.payerId };
const slot = createSlotAllocator([reader]);
const visits: { claimId: string; charges: number[] }[] = [];
for (let i = 0; i < READER_VISITS; i++) {
  const body = encounterFor(clinic, slot());
  const created = (await postJson(baseUrl, auth, '/v1/encounters', body)) as { claims: { id: string }[] };
  visits.push({ claimId: created.claims[0]!.id, charges: body.lines.map((l) => l.chargeCents) });
}
await db.transaction(async (tx) => {
  const charged = await ledger.claimEntries(
    tx,
    org.id,
    visits.map((v) => v.claimId),
  );
  await ledger.post(
    tx,
    org.id,
    visits.map(({ claimId, charges }) => ({
      transaction: postAdjudication({
        claimId,
        patientId: reader.id,
        coverage: readerParty,
        result: result(claimId, charges),
        lineNumbers: charges.map((_, i) => i + 1),
        entries: charged.filter((e) => e.claimId === claimId),
      })!,
      sourceType: 'adjudication' as const,
      sourceId: claimId,
      effectiveDate: '2026-11-20',
      patientId: reader.id,
      claimId,
    })),
  );
});
const entryCount = Number(
  (
    await floorPool.query('select count(*) from journal_entries where org_id = $1 and patient_id = $2', [
      org.id,
      reader.id,
    ])
  ).rows[0].count,
);
// The reads go to the API in its own thread (as bench/encounters does): the load generator's HTTP client and its
// garbage do not share the server's event loop, as no deployed server's clients do.
// Statistics first, as a server's autovacuum would have gathered them after these inserts.
await floorPool.query('analyze');
const reads = await startAppThread(bench.url, 8);
async function p99Of(path: string) {
  const samples: number[] = [];
  for (let i = 0; i < READS + 50; i++) {
    const s = performance.now();
    const res = await fetch(`${reads.baseUrl}${path}`, { headers: { authorization: auth } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 50) samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}
const health = await p99Of('/health');
const balance = await p99Of(`/v1/patients/${reader.id}/balance`);
const statement = await p99Of(`/v1/patients/${reader.id}/statement`);
await reads.close();

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const adjRate = rate(CLAIMS, appAdjMs);
const adjFloor = rate(CLAIMS, floorAdjMs);
const payRate = rate(PAYMENTS, appPayMs);
const payFloor = rate(PAYMENTS, floorPayMs);
console.log(
  `\nLedger (${CLAIMS} claims × 5 lines, ${PAYMENTS} payments, reads of a patient with ${entryCount} entries)\n`,
);
console.log('| measure | app | floor | ratio | aim | result |');
console.log('|---|---:|---:|---:|---|---|');
console.log(
  `| adjudications posted (claims/s) | ${adjRate} | ${adjFloor} | ${(adjRate / adjFloor).toFixed(2)} | ≥ 0.5 | ${adjRate / adjFloor >= 0.5 ? 'pass' : 'miss'} |`,
);
console.log(
  `| patient payments posted (/s) | ${payRate} | ${payFloor} | ${(payRate / payFloor).toFixed(2)} | ≥ 0.5 | ${payRate / payFloor >= 0.5 ? 'pass' : 'miss'} |`,
);
console.log(
  `| GET balance p50 / p99 (ms) | ${balance.p50.toFixed(2)} / ${balance.p99.toFixed(2)} | /health ${health.p50.toFixed(2)} / ${health.p99.toFixed(2)} | | p99 < 15 ms | ${balance.p99 < 15 ? 'pass' : 'miss'} |`,
);
console.log(
  `| GET statement p50 / p99 (ms) | ${statement.p50.toFixed(2)} / ${statement.p99.toFixed(2)} | /health ${health.p50.toFixed(2)} / ${health.p99.toFixed(2)} | | p99 < 15 ms | ${statement.p99 < 15 ? 'pass' : 'miss'} |`,
);
await app.close();
await floorPool.end();
if (process.env.BENCH_KEEP_DB) console.log(`kept ${bench.url} org ${org.id} patient ${reader.id}`);
else await bench.drop();
