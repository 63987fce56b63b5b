import { defineStatement, sqlText } from '../../db/sql.js';
import { auditRowInsert } from '../audit/audit.sql.js';
import { claimRowsInsert, scrubReferenceColumns } from '../claims/claims.sql.js';
import { primaryCoverageOn } from '../coverages/coverages.sql.js';
import { eventRowsInsert } from '../events/events.sql.js';
import { responseStore } from '../idempotency/idempotency.sql.js';

/**
 * Intake's fixed statements (rendered in intake.sql). A new visit costs two statements after the
 * Idempotency-Key claim: `intake_read` and `encounter_create`.
 */

/**
 * Everything intake reads before it writes, in one statement: the patient and providers the encounter
 * names (each in the caller's organization), the primary coverage in force on the date of service with
 * its payer (`primaryCoverageOn`, the coverages module's rule), the database clock, the encounter already posted under the
 * externalId (if any), and the scrubber's reference data for the claim (`claimId` '' for a new one).
 */
export const intakeRead = defineStatement(
  'intake_read',
  {
    orgId: 'text',
    patientId: 'text',
    dateOfService: 'date',
    providerIds: 'text[]',
    externalId: 'text?',
    claimId: 'text',
    codeSystems: 'text[]',
    codeKeys: 'text[]',
    procedureCodes: 'text[]',
    claimFrom: 'date',
  },
  (p) => sqlText`
    with cov as (${primaryCoverageOn(p)})
    select (select row_to_json(x) from patients x where x.org_id = ${p.orgId} and x.id = ${p.patientId}) as patient,
      (select coalesce(json_agg(v), '[]') from providers v where v.org_id = ${p.orgId} and v.id = any(${p.providerIds})) as providers,
      (select row_to_json(cov.coverage) from cov) as coverage,
      (select row_to_json(cov.payer) from cov) as payer,
      to_json(now()::timestamptz(3)) as now,
      (select row_to_json(x) from encounters x where x.org_id = ${p.orgId} and x.external_id = ${p.externalId}) as existing,
      ${scrubReferenceColumns(p)}`,
);

/**
 * A new encounter with everything its creation writes, in one statement (atomic on its own, no transaction
 * round trips): the encounter, its claim (or none: `claim` null, `claimLines` and `claimHistory` empty) with
 * lines and first history entry, the encounter.created and claim.created events in that order, the audit
 * row and the idempotent response (none when `idempotencyKey` is null). Rows carry the timestamps given, so
 * the response built from them is what a read returns. A second encounter under the same externalId fails
 * the unique index (23505) and writes nothing.
 */
export const encounterCreate = defineStatement(
  'encounter_create',
  {
    orgId: 'text',
    encounter: 'jsonb',
    claim: 'jsonb?',
    claimLines: 'jsonb',
    claimHistory: 'jsonb',
    journalTransactions: 'jsonb',
    journalEntries: 'jsonb',
    events: 'jsonb',
    actor: 'text',
    requestId: 'text',
    auditIds: 'text[]',
    idempotencyKey: 'text?',
    responseStatus: 'int',
    responseBody: 'jsonb?',
    responseHeaders: 'jsonb?',
  },
  (p) => sqlText`
    with e as (insert into encounters select * from jsonb_populate_record(null::encounters, ${p.encounter})),
      ${claimRowsInsert(p)},
      ev as (${eventRowsInsert(p)}),
      au as (${auditRowInsert({ ...p, auditAction: `'encounter.create'`, auditResource: `'encounter'` })}),
      k as (${responseStore(p)})
    select 1`,
);
