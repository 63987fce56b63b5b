import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { systemClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';

const ids = createIds(systemClock);
import { DIAGNOSES, SERVICE_LINES, type BenchClinic, type Slot } from './bench-clinic.js';

/** What the floor copies from a real POST /v1/encounters response so its rows are the same size. */
export interface FloorTemplate {
  /** The full 201 body, stored as the idempotency response like the app does. */
  responseBody: string;
  /** The claim's scrub issues (warnings only on the clean path). */
  claimIssues: string;
}

const LINE_COLUMNS = 10;
const linePlaceholders = SERVICE_LINES.map(
  (_, row) => `(${Array.from({ length: LINE_COLUMNS }, (_, c) => `$${row * LINE_COLUMNS + c + 1}`).join(', ')})`,
).join(', ');
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The intake floor: the rows one POST /v1/encounters (with Idempotency-Key) writes, inserted with raw
 * `pg` in one transaction, no HTTP, no ORM, no reads or scrubbing — idempotency key claimed (1 insert),
 * 1 encounter, 1 claim, 5 claim lines (one multi-row insert), 1 claim history row, 2 events
 * (encounter.created, claim.created), 1 audit row, then the idempotency key completed (1 update).
 * Same tables and DDL as the app (indexes, foreign keys, jsonb), same payload sizes.
 */
export async function floorPostEncounter(
  pool: pg.Pool,
  clinic: BenchClinic,
  slot: Slot,
  template: FloorTemplate,
): Promise<void> {
  const org = clinic.orgId;
  const encounterId = ids.next('encounter');
  const claimId = ids.next('claim');
  const pcn = ids.patientControlNumber();
  const requestId = `req_${randomBytes(16).toString('hex')}`;
  const key = `floor-${slot.n}-${randomBytes(4).toString('hex')}`;
  const lines = SERVICE_LINES.map((l) => ({
    ...l,
    modifiers: [],
    dateOfService: null,
    ndc: null,
    ndcQuantityThousandths: null,
    ndcUnit: null,
    description: null,
  }));
  const total = lines.reduce((sum, l) => sum + l.chargeCents, 0);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into idempotency_keys (org_id, key, request_hash, method, path, state, expires_at)
       values ($1, $2, $3, 'POST', '/v1/encounters', 'in_flight', now() + interval '24 hours') returning key`,
      [org, key, randomBytes(32).toString('hex')],
    );
    await client.query(
      `insert into encounters (org_id, id, external_id, body_hash, patient_id, billing_provider_id, rendering_provider_id, date_of_service, place_of_service, diagnoses, lines, self_pay)
       values ($1, $2, $3, $4, $5, $6, $7, $8, '11', $9, $10, false) returning *`,
      [
        org,
        encounterId,
        `floor-visit-${slot.n}`,
        randomBytes(32).toString('hex'),
        slot.patient.id,
        clinic.billingId,
        clinic.renderingId,
        slot.dateOfService,
        JSON.stringify(DIAGNOSES),
        JSON.stringify(lines),
      ],
    );
    await client.query(
      `insert into claims (org_id, id, encounter_id, patient_id, coverage_id, payer_id, billing_provider_id, status, patient_control_number,
         date_of_service, date_of_service_to, place_of_service, diagnoses, total_charge_cents, filing_deadline, issues, code_fingerprint)
       values ($1, $2, $3, $4, $5, $6, $7, 'ready', $8, $9, $9, '11', $10, $11, $12, $13, $14) returning *`,
      [
        org,
        claimId,
        encounterId,
        slot.patient.id,
        slot.patient.coverageId,
        clinic.payerId,
        clinic.billingId,
        pcn,
        slot.dateOfService,
        JSON.stringify(DIAGNOSES),
        total,
        addDays(slot.dateOfService, 365),
        template.claimIssues,
        lines.map((l) => l.code).sort(),
      ],
    );
    await client.query(
      `insert into claim_lines (org_id, claim_id, line_number, control_number, code, modifiers, units, charge_cents, diagnosis_pointers, date_of_service) values ${linePlaceholders}`,
      lines.flatMap((l, i) => [
        org,
        claimId,
        i + 1,
        `${pcn}${String(i + 1).padStart(2, '0')}`,
        l.code,
        l.modifiers,
        l.units,
        l.chargeCents,
        l.diagnosisPointers,
        slot.dateOfService,
      ]),
    );
    // The claim's charges (issue 10): one journal transaction, a receivable/charges pair per line.
    const journalId = ids.next('journalTransaction');
    await client.query(
      `insert into journal_transactions (org_id, id, kind, reversal, source_type, source_id, patient_id, claim_id, effective_date)
       values ($1, $2, 'claim_charge', false, 'claim', $3, $4, $3, $5)`,
      [org, journalId, claimId, slot.patient.id, slot.dateOfService],
    );
    const party = `coverage:${slot.patient.coverageId}`;
    await client.query(
      `insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number, patient_id, category, amount_cents, effective_date)
       select $1, $2, n, case when n % 2 = 1 then 'receivable:' || $3 || ':' || $4 else 'charges' end,
         case when n % 2 = 1 then 'receivable' else 'charges' end, case when n % 2 = 1 then $4 end,
         case when n % 2 = 1 then $5 end, $3, (n + 1) / 2, $6, 'charge', case when n % 2 = 1 then c else -c end, $8
       from unnest($7::bigint[]) with ordinality as x(c, line), generate_series(line * 2 - 1, line * 2) as n`,
      [
        org,
        journalId,
        claimId,
        party,
        clinic.payerId,
        slot.patient.id,
        lines.map((l) => l.chargeCents),
        slot.dateOfService,
      ],
    );
    await client.query(
      `insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id) values ($1, $2, null, 'ready', 'built and scrubbed clean', '{}', 'bench', $3)`,
      [org, claimId, requestId],
    );
    await client.query(`insert into events (org_id, id, type, data) values ($1, $2, 'encounter.created', $3)`, [
      org,
      ids.next('event'),
      JSON.stringify({ encounterId, patientId: slot.patient.id, externalId: `floor-visit-${slot.n}`, selfPay: false }),
    ]);
    await client.query(`insert into events (org_id, id, type, data) values ($1, $2, 'claim.created', $3)`, [
      org,
      ids.next('event'),
      JSON.stringify({
        claimId,
        encounterId,
        patientId: slot.patient.id,
        payerId: clinic.payerId,
        status: 'ready',
        totalChargeCents: total,
        errorCount: 0,
        warningCount: 0,
      }),
    ]);
    await client.query(
      `insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id) values ($1, 'bench', 'encounter.create', 'encounter', $2, $3)`,
      [org, [encounterId], requestId],
    );
    await client.query(
      `update idempotency_keys set state = 'completed', response_status = 201, response_body = $3, response_headers = $4 where org_id = $1 and key = $2`,
      [org, key, template.responseBody, JSON.stringify({ etag: '"v1"' })],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}

/** The retrieval floor: the claim row and its lines by primary key, as GET /v1/claims/{id} reads them. */
export async function floorGetClaim(pool: pg.Pool, orgId: string, claimId: string): Promise<void> {
  const claim = await pool.query('select * from claims where org_id = $1 and id = $2 limit 1', [orgId, claimId]);
  if (claim.rowCount !== 1) throw new Error(`floor: claim ${claimId} not found`);
  await pool.query('select * from claim_lines where org_id = $1 and claim_id = $2 order by claim_id, line_number', [
    orgId,
    claimId,
  ]);
}

/** The retrieval floor plus the audit insert the endpoint also makes (PHI read): for the breakdown only. */
export async function floorGetClaimAudited(pool: pg.Pool, orgId: string, claimId: string): Promise<void> {
  await floorGetClaim(pool, orgId, claimId);
  await pool.query(
    `insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id) values ($1, 'bench', 'claim.read', 'claim', $2, $3)`,
    [orgId, [claimId], `req_${randomBytes(16).toString('hex')}`],
  );
}
