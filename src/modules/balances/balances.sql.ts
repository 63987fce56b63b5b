import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';
import { auditRowInsert } from '../audit/audit.sql.js';
import { patientReceivableGroups } from '../ledger/ledger.sql.js';

/**
 * The balance reads as read models, like the reports: each one statement that checks the patient is the
 * organization's, records the audit row of the read, and sums the patient's journal in the database (the ledger's
 * `patientReceivableGroups`), so a patient with thousands of entries costs one round trip and a few hundred rows.
 * No row: no such patient in the organization (and nothing audited).
 */

type ReadParams = ParamRefs<{ orgId: unknown; patientId: unknown; actor: unknown; requestId: unknown }>;

/**
 * `x`, the patient's row (the columns given) when it is the organization's, and `a`, the audit row of the read,
 * written only then: the head of each read below.
 */
const auditedPatientRead = (p: ReadParams, resource: string, columns: string) => sqlText`
  x as (select ${columns} from patients where org_id = ${p.orgId} and id = ${p.patientId}),
  a as (${auditRowInsert(
    { ...p, auditAction: `'${resource}.read'`, auditResource: `'${resource}'`, auditIds: `array[${p.patientId}]` },
    'exists (select 1 from x)',
  )})`;

/**
 * The patient's receivables per claim and party, with their aging dates: one row per group, or one row of nulls
 * when the patient has no entries (rows, not JSON: a thousand groups parse in half the time).
 */
export const balanceRead = defineStatement(
  'balance_read',
  { orgId: 'text', patientId: 'text', actor: 'text', requestId: 'text' },
  (p) => sqlText`
    with ${auditedPatientRead(p, 'patient_balance', 'id')}
    select g.*
    from x
    left join lateral (
      ${patientReceivableGroups(p, { perLine: false, dated: true })}
    ) g on true`,
);

/**
 * The patient's name and address (on each row; the address as JSON text, parsed once), and receivables per claim,
 * line, party and category.
 */
export const statementRead = defineStatement(
  'statement_read',
  { orgId: 'text', patientId: 'text', actor: 'text', requestId: 'text' },
  (p) => sqlText`
    with ${auditedPatientRead(p, 'patient_statement', 'first_name, last_name, address::text as address_json')}
    select x.first_name, x.last_name, x.address_json, g.*
    from x
    left join lateral (
      ${patientReceivableGroups(p, { perLine: true, dated: true })}
    ) g on true`,
);

/**
 * What a statement shows of each visit it lists: the claim's date of service, payer and status, and each line's
 * code and date, oldest visit first (only the columns the statement prints, not the claim rows).
 */
export const statementVisits = defineStatement(
  'statement_visits',
  { orgId: 'text', claimIds: 'text[]' },
  (p) => sqlText`
    select c.id, c.date_of_service::text as date_of_service, c.payer_id, c.status, l.line_number, l.code,
      l.date_of_service::text as line_date_of_service
    from claims c
    left join claim_lines l on l.org_id = c.org_id and l.claim_id = c.id
    where c.org_id = ${p.orgId} and c.id = any(${p.claimIds})
    order by c.date_of_service, c.id, l.line_number`,
);
