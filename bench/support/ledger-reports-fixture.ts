import type pg from 'pg';
import { addDays } from '../../src/domain/claims/calendar-date.js';
import { agingBucketOf } from '../../src/domain/ledger/aging.js';
import { systemClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';
import { createPrng } from './prng.js';

/**
 * The aging report's benchmark data: an organization with BENCH payers, patients with one coverage each, and N
 * claims (encounter + claim rows) with the journal a real practice would have written for them, generated from a
 * fixed seed and bulk-inserted with `insert … select from unnest(…)` arrays (a few thousand claims a statement,
 * every journal transaction whole in one statement so the balance trigger holds):
 * - a charge per line at the date of service (3 % self-pay: billed to the patient);
 * - for most claims, the payer's decision 10–45 days later: per line paid / CO-45 / PR moved to the patient, 8 %
 *   of lines denied (nothing posted: the balance stays with the payer);
 * - for most of those leaving patient responsibility, a patient payment 5–60 days later (a few overpaid: credit
 *   balances).
 * Nothing is effective after `asOf` ("today"): a claim too recent for its decision or payment has none yet.
 * It also returns what the report must say, computed here from the same rows (per payer and patient side).
 */

const ids = createIds(systemClock);

/** What the report must say as of one date: per group (payer id, or '' for the patient side). */
export type Expected = Map<string, { buckets: number[]; creditCents: number }>;

export interface Fixture {
  /** Per `checkDates` entry, the report's expected figures. */
  expected: Expected[];
  entries: number;
  transactions: number;
}

interface Entry {
  account: string;
  kind: string;
  party: string | null;
  payerId: string | null;
  line: number | null;
  category: string;
  reason: string | null;
  cents: number;
}

const BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'];

export interface FixtureOptions {
  orgId: string;
  claims: number;
  patients: number;
  payers: number;
  /** The last date anything is effective on ("today"). */
  asOf: string;
  /** The dates the caller will run the report as of (asOf, a quarter before…): expected figures for each. */
  checkDates: readonly string[];
  seed: number;
}

export async function loadLedgerFixture(pool: pg.Pool, options: FixtureOptions): Promise<Fixture> {
  const client = await pool.connect();
  try {
    // A bulk load as a superuser does one: no per-row foreign-key checks or balance trigger (each costs more than
    // the insert), the journal's secondary indexes built once at the end from their own definitions. What the
    // triggers would have refused is checked once the rows are in (checkLoaded).
    const indexes = await client.query<{ name: string; definition: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid in ('journal_entries'::regclass, 'journal_transactions'::regclass) and not i.indisprimary`,
    );
    for (const index of indexes.rows) await client.query(`drop index "${index.name}"`);
    await client.query('set session_replication_role = replica');
    const fixture = await load(client, options);
    await client.query('reset session_replication_role');
    for (const index of indexes.rows) await client.query(index.definition);
    await checkLoaded(client, options.orgId);
    return fixture;
  } finally {
    client.release();
  }
}

/** Every transaction balances, every entry has its transaction, every claim its payer: what the triggers check. */
async function checkLoaded(client: pg.PoolClient, orgId: string) {
  const { rows } = await client.query(
    `select
      (select count(*) from (select 1 from journal_entries where org_id = $1 group by transaction_id
        having sum(amount_cents) <> 0) x) as unbalanced,
      (select count(*) from journal_entries e where org_id = $1 and not exists (select from journal_transactions t
        where t.org_id = e.org_id and t.id = e.transaction_id)) as orphans,
      (select count(*) from claims c where org_id = $1 and not exists (select from payers y
        where y.org_id = c.org_id and y.id = c.payer_id)) as payerless`,
    [orgId],
  );
  const r = rows[0] as Record<string, string>;
  if (r.unbalanced !== '0' || r.orphans !== '0' || r.payerless !== '0')
    throw new Error(`fixture: ${JSON.stringify(r)}`);
}

async function load(client: pg.PoolClient, options: FixtureOptions): Promise<Fixture> {
  const { orgId, asOf } = options;
  const rng = createPrng(options.seed);
  const q = (text: string, values: unknown[] = []) => client.query(text, values);

  const payerIds = Array.from({ length: options.payers }, () => ids.next('payer'));
  await q(
    `insert into payers (org_id, id, name, claim_filing_indicator, timely_filing_days)
     select $1, id, 'Payer ' || n, 'CI', 365 from unnest($2::text[]) with ordinality as x(id, n)`,
    [orgId, payerIds],
  );
  const providerId = ids.next('provider');
  await q(
    `insert into providers (org_id, id, kind, npi, organization_name) values ($1, $2, 'organization', '1245319599', 'Bench Clinic')`,
    [orgId, providerId],
  );
  const patients = Array.from({ length: options.patients }, (_, i) => ({
    id: ids.next('patient'),
    coverageId: ids.next('coverage'),
    payerId: payerIds[i % payerIds.length]!,
  }));
  await q(
    `insert into patients (org_id, id, first_name, last_name, birth_date, sex)
     select $1, id, 'Bench', 'Patient', '1980-01-01', 'female' from unnest($2::text[]) as x(id)`,
    [orgId, patients.map((p) => p.id)],
  );
  await q(
    `insert into coverages (org_id, id, patient_id, payer_id, member_id, priority, relationship, effective_from)
     select $1, c, p, y, 'M' || p, 'primary', 'self', '2020-01-01' from unnest($2::text[], $3::text[], $4::text[]) as x(c, p, y)`,
    [orgId, patients.map((p) => p.coverageId), patients.map((p) => p.id), patients.map((p) => p.payerId)],
  );

  const fixture: Fixture = { expected: options.checkDates.map(() => new Map()), entries: 0, transactions: 0 };
  const BATCH = 10_000;
  for (let start = 0; start < options.claims; start += BATCH) {
    const claims: unknown[][] = [[], [], [], [], [], [], []];
    const tx: unknown[][] = [[], [], [], [], []];
    // As JSON records (JSON.stringify is far cheaper than the driver's text-array encoding of ~200,000 values).
    const en: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(options.claims, start + BATCH); i++) {
      const patient = patients[i % patients.length]!;
      const claimId = ids.next('claim');
      const dos = addDays(asOf, -rng.int(0, 420));
      const lines = Array.from({ length: rng.int(1, 5) }, () => rng.int(20, 300) * 100);
      const total = lines.reduce((a, b) => a + b, 0);
      for (const [k, v] of [
        ids.next('encounter'),
        claimId,
        patient.id,
        patient.coverageId,
        patient.payerId,
        dos,
        total,
      ].entries())
        claims[k]!.push(v);
      const coverage = { party: `coverage:${patient.coverageId}`, payerId: patient.payerId };
      const patientParty = { party: 'patient', payerId: null };
      const receivable = (who: { party: string; payerId: string | null }) => ({
        account: `receivable:${claimId}:${who.party}`,
        kind: 'receivable',
        ...who,
      });
      const other = (kind: string) => ({ account: kind, kind, party: null, payerId: null });
      const owed: { party: string; payerId: string | null; date: string; cents: number }[] = [];
      const post = (kind: string, date: string, entries: Entry[]) => {
        const id = ids.next('journalTransaction');
        for (const [k, v] of [id, kind, date, claimId, patient.id].entries()) tx[k]!.push(v);
        fixture.transactions++;
        entries.forEach((e, n) => {
          en.push({
            transaction_id: id,
            entry_number: n + 1,
            effective_date: date,
            account: e.account,
            account_kind: e.kind,
            party: e.party,
            payer_id: e.payerId,
            claim_id: claimId,
            line_number: e.line,
            patient_id: patient.id,
            category: e.category,
            reason_code: e.reason,
            amount_cents: e.cents,
          });
          fixture.entries++;
          if (e.kind === 'receivable') owed.push({ party: e.party!, payerId: e.payerId, date, cents: e.cents });
        });
      };
      const move = (
        debit: object,
        credit: object,
        cents: number,
        line: number,
        category: string,
        reason: string | null,
      ) =>
        cents === 0
          ? []
          : ([
              { ...debit, line, category, reason, cents },
              { ...credit, line, category, reason, cents: -cents },
            ] as Entry[]);

      const selfPay = rng.chance(0.03);
      const billTo = receivable(selfPay ? patientParty : coverage);
      post(
        'claim_charge',
        dos,
        lines.flatMap((c, n) => move(billTo, other('charges'), c, n + 1, 'charge', null)),
      );
      const adjudicated = addDays(dos, rng.int(10, 45));
      if (!selfPay && adjudicated <= asOf && rng.chance(0.9)) {
        const pr: number[] = [];
        const entries = lines.flatMap((charge, n) => {
          if (rng.chance(0.08)) return [];
          const allowed = Math.round(charge * (0.6 + rng.next() * 0.2));
          const patientShare = rng.chance(0.6) ? Math.round(allowed * rng.next() * 0.25) : 0;
          pr.push(patientShare);
          return [
            ...move(other('cash'), receivable(coverage), allowed - patientShare, n + 1, 'payer_paid', null),
            ...move(other('contractual'), receivable(coverage), charge - allowed, n + 1, 'contractual', 'CO-45'),
            ...move(receivable(patientParty), receivable(coverage), patientShare, n + 1, 'coinsurance', 'PR-2'),
          ];
        });
        if (entries.length > 0) post('adjudication', adjudicated, entries);
        const patientOwes = pr.reduce((a, b) => a + b, 0);
        const paidOn = addDays(adjudicated, rng.int(5, 60));
        if (patientOwes > 0 && paidOn <= asOf && rng.chance(0.6)) {
          const paid = rng.chance(0.05)
            ? patientOwes + 500
            : rng.chance(0.7)
              ? patientOwes
              : Math.ceil(patientOwes / 2);
          post('patient_payment', paidOn, move(other('cash'), receivable(patientParty), paid, 1, 'patient_paid', null));
        }
      }
      options.checkDates.forEach((on, k) => addExpected(fixture.expected[k]!, owed, dos, on));
    }
    await q(
      `with e as (insert into encounters (org_id, id, body_hash, patient_id, billing_provider_id, date_of_service,
          place_of_service, diagnoses, lines)
        select $1, e, md5(e), p, $8, d, '11', '[{"code":"I10"}]', '[]'
        from unnest($2::text[], $4::text[], $7::date[]) as x(e, p, d))
      insert into claims (org_id, id, encounter_id, patient_id, coverage_id, payer_id, billing_provider_id, status,
        patient_control_number, date_of_service, date_of_service_to, place_of_service, diagnoses, total_charge_cents,
        filing_deadline, issues, code_fingerprint)
      select $1, c, e, p, v, y, $8, 'submitted', upper(substr(md5(c), 1, 12)), d, d, '11', '[{"code":"I10"}]', t,
        d + 365, '[]', '{99213}'
      from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $9::bigint[])
        as x(e, c, p, v, y, d, t)`,
      [orgId, ...claims.slice(0, 6), providerId, claims[6]],
    );
    await q(
      `insert into journal_transactions (org_id, id, kind, reversal, source_type, source_id, patient_id, claim_id,
        effective_date)
      select $1, id, k, false, case k when 'claim_charge' then 'claim' when 'adjudication' then 'adjudication' else 'payment' end, id, p, c, d
      from unnest($2::text[], $3::text[], $4::date[], $5::text[], $6::text[]) as x(id, k, d, c, p)`,
      [orgId, ...tx],
    );
    await q(
      `insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
        claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
      select $1, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
        patient_id, category, reason_code, amount_cents, effective_date
      from json_populate_recordset(null::journal_entries, $2::json)`,
      [orgId, JSON.stringify(en)],
    );
  }
  return fixture;
}

/** Adds one claim's receivables as of `on` (entries effective by then), aged from its date of service. */
function addExpected(
  expected: Expected,
  owed: readonly { party: string; payerId: string | null; date: string; cents: number }[],
  dos: string,
  on: string,
) {
  const balances = new Map<string, { cents: number; payerId: string | null }>();
  for (const e of owed) {
    if (e.date > on) continue;
    const b = balances.get(e.party) ?? { cents: 0, payerId: e.payerId };
    b.cents += e.cents;
    balances.set(e.party, b);
  }
  for (const b of balances.values()) {
    if (b.cents === 0) continue;
    const group = expected.get(b.payerId ?? '') ?? { buckets: [0, 0, 0, 0, 0], creditCents: 0 };
    if (b.cents < 0) group.creditCents += b.cents;
    else group.buckets[BUCKETS.indexOf(agingBucketOf(dos, on))]! += b.cents;
    expected.set(b.payerId ?? '', group);
  }
}
