import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';
import { auditRowInsert } from '../audit/audit.sql.js';
import { eventRowsInsert } from '../events/events.sql.js';
import { journalRowsInsert } from '../ledger/ledger.sql.js';

/**
 * The claims module's fixed statements (rendered in claims.sql). Intake composes two of its fragments into
 * its own single-statement read and write: `scrubReferenceColumns` and `claimRowsInsert`.
 */

type ReferenceParams =
  | 'orgId'
  | 'patientId'
  | 'dateOfService'
  | 'claimId'
  | 'codeSystems'
  | 'codeKeys'
  | 'procedureCodes'
  | 'claimFrom';

/** Every version of the given codes (`versions`) and the NCCI pairs among the procedure codes (`ptp`). */
const codeVersionAndPairColumns = (
  p: ParamRefs<{ codeSystems: unknown; codeKeys: unknown; procedureCodes: unknown }>,
) =>
  sqlText`
  (select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code,
      'billable', c.billable, 'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to,
      'shortDescription', c.short_description, 'longDescription', c.long_description) order by c.effective_from), '[]')
    from unnest(${p.codeSystems}, ${p.codeKeys}) as k(system, code_key)
    join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
  (select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
      'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
    from ncci_ptp_edits where column1 = any(${p.procedureCodes}) and column2 = any(${p.procedureCodes})) as ptp`;

/**
 * The scrubber's reference rows as four select-list columns, so a caller reads them in the same round trip
 * as whatever else it needs: every version of every code on the claim (`versions`), the NCCI pairs among its
 * procedure codes (`ptp`), their MUE limits on the date (`mue`), and the patient's other claims on the
 * claim's first service date (`others`, for the duplicate edit; the claim itself left out).
 */
export const scrubReferenceColumns = (p: Pick<ParamRefs<Record<ReferenceParams, unknown>>, ReferenceParams>) => sqlText`
  ${codeVersionAndPairColumns(p)},
  (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
      'adjudicationIndicator', adjudication_indicator, 'rationale', rationale)), '[]')
    from mue_limits where code = any(${p.procedureCodes}) and effective_from <= ${p.dateOfService}
      and (effective_to is null or effective_to >= ${p.dateOfService})) as mue,
  (select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
      'billingProviderId', billing_provider_id, 'payerId', payer_id, 'codes', code_fingerprint, 'status', status,
      'createdAt', created_at)), '[]')
    from claims where org_id = ${p.orgId} and patient_id = ${p.patientId} and date_of_service = ${p.claimFrom}
      and id <> ${p.claimId}) as others`;

const referenceParams = {
  orgId: 'text',
  patientId: 'text',
  dateOfService: 'date',
  claimId: 'text',
  codeSystems: 'text[]',
  codeKeys: 'text[]',
  procedureCodes: 'text[]',
  claimFrom: 'date',
} as const;

/** The scrubber's references on their own (a rebuild or a dry run, which read the parties elsewhere). */
export const scrubReferences = defineStatement(
  'scrub_references',
  referenceParams,
  (p) => sqlText`
  select ${scrubReferenceColumns(p)}`,
);

type ClaimRowsParams = 'claim' | 'claimLines' | 'claimHistory' | 'journalTransactions' | 'journalEntries';

/**
 * Data-modifying CTEs `c`, `l`, `h`, `jt`, `je`: a new claim (JSON of its row, or null for none), its lines, its
 * first history entry and the journal transaction of its charges (JSON arrays; none for a void or a 0.00 claim). Foreign keys are checked at the end of the statement, when every row exists.
 */
export const claimRowsInsert = (p: Pick<ParamRefs<Record<ClaimRowsParams, unknown>>, ClaimRowsParams>) => sqlText`
  c as (insert into claims select * from jsonb_populate_record(null::claims, ${p.claim}) where ${p.claim} is not null),
  l as (insert into claim_lines select * from jsonb_populate_recordset(null::claim_lines, ${p.claimLines})),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at
    from jsonb_populate_recordset(null::claim_history, ${p.claimHistory})),
  ${journalRowsInsert(p)}`;

/** A new claim with its lines, first history entry and claim.created event (a rebuild that finds no claim). */
export const claimInsert = defineStatement(
  'claim_insert',
  {
    orgId: 'text',
    claim: 'jsonb',
    claimLines: 'jsonb',
    claimHistory: 'jsonb',
    journalTransactions: 'jsonb',
    journalEntries: 'jsonb',
    events: 'jsonb',
  },
  (p) => sqlText`
    with ${claimRowsInsert(p)},
      ev as (${eventRowsInsert(p)})
    select 1`,
);

/** A claim, its lines and the audit row of reading it, in one round trip; nothing is audited for a claim not found. */
export const claimReadAudited = defineStatement(
  'claim_read_audited',
  { orgId: 'text', claimId: 'text', actor: 'text', requestId: 'text' },
  (p) => sqlText`
    with c as (select * from claims where org_id = ${p.orgId} and id = ${p.claimId}),
      a as (${auditRowInsert(
        { ...p, auditAction: `'claim.read'`, auditResource: `'claim'`, auditIds: `array[${p.claimId}]` },
        'exists (select 1 from c)',
      )})
    select row_to_json(c.*) as claim,
      coalesce((select json_agg(l order by l.line_number) from claim_lines l
        where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
    from c`,
);

/**
 * The claims to send, locked, with everything the 837P and the pre-submission scrub need, in one round trip: each
 * claim with its lines, patient, coverage, payer and providers (JSON rows). Either the listed claims (whatever their
 * status: the caller says which are not ready) or, with `payerId`, every ready claim of that payer.
 */
export const claimsForSubmission = defineStatement(
  'claims_for_submission',
  { orgId: 'text', claimIds: 'text[]', payerId: 'text?' },
  (p) => sqlText`
    with c as (
      select * from claims
      where org_id = ${p.orgId}
        and (id = any(${p.claimIds}) or (${p.payerId} is not null and payer_id = ${p.payerId} and status = 'ready'))
      order by id
      for update
    )
    select row_to_json(c.*) as claim,
      coalesce((select json_agg(l order by l.line_number) from claim_lines l
        where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines,
      (select row_to_json(x) from patients x where x.org_id = c.org_id and x.id = c.patient_id) as patient,
      (select row_to_json(x) from coverages x where x.org_id = c.org_id and x.id = c.coverage_id) as coverage,
      (select row_to_json(x) from payers x where x.org_id = c.org_id and x.id = c.payer_id) as payer,
      coalesce((select json_agg(x) from providers x where x.org_id = c.org_id
        and x.id in (c.billing_provider_id, c.rendering_provider_id, c.referring_provider_id, c.facility_id)), '[]'::json)
        as providers
    from c`,
);

/**
 * The scrubber's reference rows for many claims at once: code versions for all their codes, NCCI pairs among all
 * their procedure codes, MUE limits on any date (the caller picks each claim's), and the other claims of the same
 * patients on the same first service dates (paired arrays). Each claim's own share is picked out in code.
 */
export const scrubReferencesBatch = defineStatement(
  'scrub_references_batch',
  {
    orgId: 'text',
    codeSystems: 'text[]',
    codeKeys: 'text[]',
    procedureCodes: 'text[]',
    patientIds: 'text[]',
    claimFroms: 'text[]',
  },
  (p) => sqlText`
  select
  ${codeVersionAndPairColumns(p)},
  (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
      'adjudicationIndicator', adjudication_indicator, 'rationale', rationale,
      'effectiveFrom', effective_from, 'effectiveTo', effective_to)), '[]')
    from mue_limits where code = any(${p.procedureCodes})) as mue,
  (select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
      'billingProviderId', billing_provider_id, 'payerId', payer_id, 'codes', code_fingerprint, 'status', status,
      'createdAt', created_at)), '[]')
    from claims where org_id = ${p.orgId} and (patient_id, date_of_service) in
      (select patient_id, claim_from::date from unnest(${p.patientIds}, ${p.claimFroms}) as k(patient_id, claim_from))) as others`,
);

/**
 * Status changes for many claims in one statement: each claim moves from the status the caller saw (under its row
 * lock) to the new one, with its version bumped and, where given, the payer's claim number; their history rows and
 * events are written with them. `updated` says how many claims moved: fewer than asked means one changed meanwhile.
 */
export const claimTransitionsApply = defineStatement(
  'claim_transitions_apply',
  { orgId: 'text', changes: 'jsonb', claimHistory: 'jsonb', events: 'jsonb' },
  (p) => sqlText`
    with ch as (
      select * from jsonb_to_recordset(${p.changes})
        as x(id text, from_status text, to_status text, payer_claim_number text, corrected_by_claim_id text)
    ),
      u as (
        update claims c set status = ch.to_status,
          payer_claim_number = coalesce(ch.payer_claim_number, c.payer_claim_number),
          corrected_by_claim_id = coalesce(ch.corrected_by_claim_id, c.corrected_by_claim_id),
          version = c.version + 1, updated_at = now()
        from ch where c.org_id = ${p.orgId} and c.id = ch.id and c.status = ch.from_status
        returning c.id
      ),
      h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id)
        select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id
        from jsonb_populate_recordset(null::claim_history, ${p.claimHistory}) with ordinality as r order by r.ordinality),
      ev as (${eventRowsInsert(p)})
    select (select count(*) from u)::int as updated`,
);

/** Claims by patient control number (CLM01, echoed as 835 CLP01 and 277CA TRN02), locked, with their lines. */
export const claimsByControlNumbers = defineStatement(
  'claims_by_control_numbers',
  { orgId: 'text', patientControlNumbers: 'text[]' },
  (p) => sqlText`
    with c as (
      select * from claims where org_id = ${p.orgId} and patient_control_number = any(${p.patientControlNumbers})
      order by id
      for update
    )
    select row_to_json(c.*) as claim,
      coalesce((select json_agg(l order by l.line_number) from claim_lines l
        where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
    from c`,
);

/**
 * What posting a payer's decision needs of each claim it names (CLP01), locked: its status and parties, and per line
 * what an 835 line is matched on. Lighter than the whole rows for files of thousands of claims.
 */
export const claimsForPosting = defineStatement(
  'claims_for_posting',
  { orgId: 'text', patientControlNumbers: 'text[]' },
  (p) => sqlText`
    with c as (
      select id, encounter_id, patient_id, coverage_id, payer_id, status, patient_control_number from claims
      where org_id = ${p.orgId} and patient_control_number = any(${p.patientControlNumbers})
      order by id
      for update
    )
    select c.id, c.encounter_id, c.patient_id, c.coverage_id, c.payer_id, c.status, c.patient_control_number,
      coalesce((select json_agg(json_build_array(l.line_number, l.control_number, l.code, l.date_of_service, l.charge_cents)
          order by l.line_number)
        from claim_lines l where l.org_id = ${p.orgId} and l.claim_id = c.id), '[]'::json) as lines
    from c`,
);

/**
 * Every claim of a patient, locked in id order, with only what a posting on the patient's balance reads of it
 * (payments, write-offs, refunds: ownership, service date, coverage, status for settlement).
 */
export const claimsLockByPatient = defineStatement(
  'claims_lock_by_patient',
  { orgId: 'text', patientId: 'text' },
  (p) => sqlText`
    select id, encounter_id, patient_id, status, coverage_id, payer_id, date_of_service::text as date_of_service
    from claims
    where org_id = ${p.orgId} and patient_id = ${p.patientId}
    order by id
    for update`,
);

/** The lines of these claims, by claim and line number (a page of claims, a batch): decoded by the row codec. */
export const claimLinesOf = defineStatement(
  'claim_lines_of',
  { orgId: 'text', claimIds: 'text[]' },
  (p) => sqlText`
    select * from claim_lines
    where org_id = ${p.orgId} and claim_id = any(${p.claimIds})
    order by claim_id, line_number`,
);
