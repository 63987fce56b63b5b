import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createDb, type Database } from '../../src/db/client.js';
import { ALL_SCOPES } from '../../src/lib/scopes.js';
import type { Services } from '../../src/services.js';
import { textSource } from '../../src/modules/remittances/remittances.service.js';
import { createBenchClinic, createSlotAllocator, encounterFor, postJson } from './bench-clinic.js';
import { type BenchDatabase, createBenchDatabase } from './bench-database.js';
import { benchApp } from './bench-services.js';
import { withCpuProfile } from './cpu-profile.js';
import { synthetic835 } from './x12-fixtures.js';

/**
 * The X12 sections that need PostgreSQL: `POST /v1/submissions` of N ready claims, then posting an 835 answering
 * those N claims, beside a raw `pg` floor writing the same rows. One private database, dropped at the end.
 */

export interface DbFigures {
  claims: number;
  submitMs: number;
  postMs: number;
  floorMs: number;
  /** Rows the post wrote, by table: what the floor writes too. */
  rows: Record<string, number>;
}

async function patchWithEtag(base: string, auth: string, path: string, body: object) {
  const got = await fetch(`${base}${path}`, { headers: { authorization: auth } });
  const etag = got.headers.get('etag')!;
  const res = await fetch(`${base}${path}`, {
    method: 'PATCH',
    headers: { authorization: auth, 'if-match': etag, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`PATCH ${path}: ${res.status} ${await res.text()}`);
}

/** Claims posted through the API at a few at a time (setup, not measured). */
async function readyClaims(
  base: string,
  auth: string,
  clinic: Awaited<ReturnType<typeof createBenchClinic>>,
  n: number,
) {
  const slot = createSlotAllocator(clinic.patients);
  const ids: string[] = [];
  const workers = Array.from({ length: 8 }, async () => {
    while (ids.length < n) {
      const index = ids.length;
      ids.push('');
      const body = await postJson(base, auth, '/v1/encounters', encounterFor(clinic, slot()));
      const claim = (body.claims as { id: string; status: string }[])[0]!;
      if (claim.status !== 'ready') throw new Error(`setup claim not ready: ${claim.status}`);
      ids[index] = claim.id;
    }
  });
  await Promise.all(workers);
  return ids.slice(0, n);
}

/**
 * The floor: the rows the post wrote (one remittance, one adjudication per CLP, the claims' status and payer claim
 * number, their history and events, the journal transactions and entries of the decisions), copied with new keys
 * and written with raw `pg` in one transaction, in
 * batches of the same size, with no reading, matching or mapping.
 */
async function floorPost(pool: pg.Pool, orgId: string, remittanceId: string, batch: number): Promise<number> {
  const client = await pool.connect();
  try {
    const adjudications = (
      await client.query('select * from adjudications where org_id = $1 and remittance_id = $2 order by sequence', [
        orgId,
        remittanceId,
      ])
    ).rows;
    const history = (
      await client.query(`select * from claim_history where org_id = $1 and reason like '835 trace %' order by id`, [
        orgId,
      ])
    ).rows;
    // Every event the post wrote (one transaction): claim.status_changed, claim.adjudicated, claim.denied, remittance.posted.
    const events = (
      await client.query(
        `select id, type, data from events where org_id = $1 and tx_id = (select tx_id from events
           where org_id = $1 and type = 'remittance.posted' and data->>'remittanceId' = $2) order by seq`,
        [orgId, remittanceId],
      )
    ).rows;
    const remittance = (
      await client.query('select * from remittances where org_id = $1 and id = $2', [orgId, remittanceId])
    ).rows[0];
    // The journal transactions the post wrote (one per adjudication, issue 10) and their entries, in post order.
    const journal = (
      await client.query(
        `select t.*, (select jsonb_agg(to_jsonb(e) order by e.entry_number) from journal_entries e
           where e.org_id = t.org_id and e.transaction_id = t.id) as entries
         from journal_transactions t
         where t.org_id = $1 and t.source_type = 'adjudication'
           and t.source_id in (select id from adjudications where org_id = $1 and remittance_id = $2)
         order by t.position`,
        [orgId, remittanceId],
      )
    ).rows as { id: string; entries: { transaction_id: string }[] }[];
    const started = performance.now();
    await client.query('begin');
    const floorId = `${remittanceId}f`;
    await client.query(`insert into remittances select * from jsonb_populate_record(null::remittances, $1::jsonb)`, [
      JSON.stringify({ ...remittance, id: floorId, trace_number: `${remittance.trace_number}-floor` }),
    ]);
    for (let i = 0; i < adjudications.length; i += batch) {
      const slice = adjudications.slice(i, i + batch);
      await client.query(
        `insert into adjudications select * from jsonb_populate_recordset(null::adjudications, $1::jsonb)`,
        [JSON.stringify(slice.map((a) => ({ ...a, id: `${a.id}f`, remittance_id: floorId })))],
      );
      const claimIds = slice.map((a) => a.claim_id).filter(Boolean);
      await client.query(
        `update claims c set version = c.version + 1, updated_at = now(), payer_claim_number = x.n
         from unnest($2::text[], $3::text[]) as x(id, n) where c.org_id = $1 and c.id = x.id`,
        [orgId, claimIds, slice.filter((a) => a.claim_id).map((a) => a.payer_claim_control_number)],
      );
      const hist = history.slice(i, i + batch);
      await client.query(
        `insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id)
         select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id
         from jsonb_populate_recordset(null::claim_history, $1::jsonb)`,
        [JSON.stringify(hist)],
      );
      const ev = events.slice(
        Math.floor((i / adjudications.length) * events.length),
        Math.floor(((i + batch) / adjudications.length) * events.length),
      );
      await client.query(
        `insert into events (org_id, id, type, data) select $1, r.id, r.type, r.data
         from jsonb_populate_recordset(null::events, $2::jsonb) as r`,
        [orgId, JSON.stringify(ev.map((e) => ({ ...e, id: `${e.id}f` })))],
      );
      const jt = journal.slice(
        Math.floor((i / adjudications.length) * journal.length),
        Math.floor(((i + batch) / adjudications.length) * journal.length),
      );
      await client.query(
        `with t as (insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id,
             patient_id, claim_id, effective_date)
           select org_id, id, kind, reversal, reverses_id, source_type, source_id, patient_id, claim_id, effective_date
           from jsonb_populate_recordset(null::journal_transactions, $1::jsonb))
         insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
           claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
         select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
           patient_id, category, reason_code, amount_cents, effective_date
         from jsonb_populate_recordset(null::journal_entries, $2::jsonb)`,
        [
          JSON.stringify(jt.map(({ entries: _, ...t }) => ({ ...t, id: `${t.id}f`, reverses_id: null }))),
          JSON.stringify(jt.flatMap((t) => t.entries.map((e) => ({ ...e, transaction_id: `${e.transaction_id}f` })))),
        ],
      );
    }
    await client.query('commit');
    return performance.now() - started;
  } finally {
    client.release();
  }
}

export async function runDbSections(
  serverUrl: string,
  claims: number,
  log: (line: string) => void,
): Promise<DbFigures> {
  const bench: BenchDatabase = await createBenchDatabase(serverUrl, `claims_bench_x12_${process.pid}`, 8);
  const floorPool = new pg.Pool({ connectionString: bench.url, max: 2, options: '-c jit=off' });
  floorPool.on('error', () => undefined);
  let app: FastifyInstance | null = null;
  let reopened: Database | null = null;
  try {
    const built: { services: Services; app: FastifyInstance } = await benchApp(bench.database, {
      DATABASE_URL: serverUrl,
      DATABASE_POOL_MAX: '8',
    });
    app = built.app;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { id: orgId } = await built.services.organizations.create({ name: 'Bench X12 Clinic' });
    const { token } = await built.services.auth.signToken({
      orgId,
      subject: 'bench',
      scopes: ALL_SCOPES,
      ttlSeconds: 7200,
    });
    const auth = `Bearer ${token}`;
    const clinic = await createBenchClinic(base, orgId, auth, Math.ceil(claims / 250));
    await patchWithEtag(base, auth, '/v1/organization', {
      x12Submitter: {
        submitterId: 'ETIN12345',
        name: 'BENCH CLINIC',
        contactName: 'BILLING',
        contactPhone: '2175550100',
      },
    });
    await patchWithEtag(base, auth, `/v1/payers/${clinic.payerId}`, {
      x12Receiver: { receiverId: 'CLEARHOUSE01', name: 'BENCH CLEARINGHOUSE', usage: 'T' },
    });
    const setupStarted = performance.now();
    const claimIds = await readyClaims(base, auth, clinic, claims);
    log(
      `  setup: ${claims} ready claims through POST /v1/encounters in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );
    // Measure as a server that started on a database holding data: statistics taken (as autovacuum would), and
    // fresh connections, so PostgreSQL's cached foreign-key check plans are not the ones made for empty tables.
    await floorPool.query('analyze');
    await app.close();
    reopened = await createDb({ databaseUrl: bench.url, dataDir: 'unused', poolMax: 8 });
    const rebuilt = await benchApp(reopened, { DATABASE_URL: serverUrl, DATABASE_POOL_MAX: '8' });
    app = rebuilt.app;
    built.services = rebuilt.services;
    await app.ready();

    // POST /v1/submissions of every ready claim (one interchange, two ST sets of 5,000).
    const submitStarted = performance.now();
    const submitted = await withCpuProfile(process.env.BENCH_CPU_PROFILE, 'x12-submit', () =>
      app!.inject({
        method: 'POST',
        url: '/v1/submissions',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload: JSON.stringify({ claimIds }),
      }),
    );
    const submitMs = performance.now() - submitStarted;
    if (submitted.statusCode !== 201)
      throw new Error(`submission: ${submitted.statusCode} ${submitted.body.slice(0, 500)}`);

    // The 835 answering them: every claim by CLP01 and REF*6R, some reversed and paid again.
    const loaded = await built.services.claims.byIdsLocked(bench.database.db, orgId, claimIds);
    const answers = loaded.map(({ claim, lines }) => ({
      patientControlNumber: claim.patientControlNumber,
      lines: lines.map((l) => ({
        controlNumber: l.controlNumber,
        procedureCode: l.code,
        chargeCents: l.chargeCents,
        unitsThousandths: l.unitsThousandths,
        dateOfService: l.dateOfService,
      })),
    }));
    const era = synthetic835(answers.length, {
      claims: answers,
      reversalEvery: 0,
      claimsPerTransaction: answers.length,
    });
    const ctx = { orgId, timeZone: 'America/New_York', actor: 'bench', requestId: 'bench-post', idempotency: null };
    const postStarted = performance.now();
    const posted = await withCpuProfile(process.env.BENCH_CPU_PROFILE, 'x12-post', () =>
      built.services.remittances.post(ctx, textSource(era)),
    );
    const postMs = performance.now() - postStarted;
    const remittance = posted.body.data[0]!;
    if (remittance.unmatchedCount !== 0) throw new Error(`${remittance.unmatchedCount} claims unmatched`);
    const count = async (sql: string) => Number((await floorPool.query(sql, [orgId])).rows[0].n);
    const rows = {
      adjudications: await count('select count(*) as n from adjudications where org_id = $1'),
      claim_history: await count(
        `select count(*) as n from claim_history where org_id = $1 and reason like '835 trace %'`,
      ),
      events: await count(
        `select count(*) as n from events where org_id = $1 and tx_id = (select tx_id from events
           where org_id = $1 and type = 'remittance.posted')`,
      ),
      journal_transactions: await count(
        `select count(*) as n from journal_transactions where org_id = $1 and source_type = 'adjudication'`,
      ),
      journal_entries: await count(
        `select count(*) as n from journal_entries e join journal_transactions t
           on t.org_id = e.org_id and t.id = e.transaction_id where e.org_id = $1 and t.source_type = 'adjudication'`,
      ),
    };
    const floorMs = await floorPost(floorPool, orgId, remittance.id, 1000);
    return { claims, submitMs, postMs, floorMs, rows };
  } finally {
    await app?.close();
    await reopened?.close();
    await floorPool.end();
    await bench.drop();
  }
}

export interface MemoryFigures {
  fileMb: number;
  baselineMb: number;
  peakMb: number;
  seconds: number;
  claims: number;
}

/**
 * Peak memory posting an 835 of about `megabytes` MB (claims of nobody we bill: each kept as an unmatched
 * adjudication), streamed from disk in a child process of its own, so the figure is the post's alone.
 */
export async function runMemorySection(
  serverUrl: string,
  megabytes: number,
  log: (line: string) => void,
  nodeFlags: string[] = [],
) {
  const bench = await createBenchDatabase(serverUrl, `claims_bench_x12m_${process.pid}`, 2);
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-x12-memory-'));
  try {
    const perClaim = synthetic835(1000, { reversalEvery: 0 }).length / 1000;
    const claims = Math.ceil((megabytes * 2 ** 20) / perClaim);
    const file = path.join(dir, 'era.835');
    writeFileSync(file, synthetic835(claims, { reversalEvery: 0, seed: 7 }));
    log(`  memory: ${claims.toLocaleString('en-US')} claims, ${(statSync(file).size / 2 ** 20).toFixed(1)} MB written`);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const loader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = path.join(root, 'bench/support/x12-memory-child.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...nodeFlags, '--expose-gc', '--import', loader, child, bench.url, file],
      { maxBuffer: 1 << 20 },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as MemoryFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await bench.drop();
  }
}
