import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';
import { auditRowInsert } from '../audit/audit.sql.js';
import { eventRowsInsert } from '../events/events.sql.js';

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

/**
 * The scrubber's reference rows as four select-list columns, so a caller reads them in the same round trip
 * as whatever else it needs: every version of every code on the claim (`versions`), the NCCI pairs among its
 * procedure codes (`ptp`), their MUE limits on the date (`mue`), and the patient's other claims on the
 * claim's first service date (`others`, for the duplicate edit; the claim itself left out).
 */
export const scrubReferenceColumns = (p: Pick<ParamRefs<Record<ReferenceParams, unknown>>, ReferenceParams>) => sqlText`
  (select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code,
      'billable', c.billable, 'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to,
      'shortDescription', c.short_description, 'longDescription', c.long_description) order by c.effective_from), '[]')
    from unnest(${p.codeSystems}, ${p.codeKeys}) as k(system, code_key)
    join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
  (select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
      'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
    from ncci_ptp_edits where column1 = any(${p.procedureCodes}) and column2 = any(${p.procedureCodes})) as ptp,
  (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
      'adjudicationIndicator', adjudication_indicator, 'rationale', rationale)), '[]')
    from mue_limits where code = any(${p.procedureCodes}) and effective_from <= ${p.dateOfService}
      and (effective_to is null or effective_to >= ${p.dateOfService})) as mue,
  (select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
      'billingProviderId', billing_provider_id, 'codes', code_fingerprint, 'status', status, 'createdAt', created_at)), '[]')
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

type ClaimRowsParams = 'claim' | 'claimLines' | 'claimHistory';

/**
 * Data-modifying CTEs `c`, `l`, `h`: a new claim (JSON of its row, or null for none), its lines and its first
 * history entry (JSON arrays). Foreign keys are checked at the end of the statement, when every row exists.
 */
export const claimRowsInsert = (p: Pick<ParamRefs<Record<ClaimRowsParams, unknown>>, ClaimRowsParams>) => sqlText`
  c as (insert into claims select * from jsonb_populate_record(null::claims, ${p.claim}) where ${p.claim} is not null),
  l as (insert into claim_lines select * from jsonb_populate_recordset(null::claim_lines, ${p.claimLines})),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at
    from jsonb_populate_recordset(null::claim_history, ${p.claimHistory}))`;

/** A new claim with its lines, first history entry and claim.created event (a rebuild that finds no claim). */
export const claimInsert = defineStatement(
  'claim_insert',
  { orgId: 'text', claim: 'jsonb', claimLines: 'jsonb', claimHistory: 'jsonb', events: 'jsonb' },
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
