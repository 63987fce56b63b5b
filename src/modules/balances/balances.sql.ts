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
 * The statement in one statement (one snapshot, one round trip): a first row with the patient's name and address
 * (JSON text, parsed once) and the visits a statement may list, then the receivables per claim, line, party and
 * category, one row each (their patient columns null). The visits are the claims with any receivable figure not
 * zero: every claim on which some party owes is among them, and the service keeps those (patientPosition's open
 * claims). They come as one JSON array of flat [claim, date of service, payer, status, line, code, line date]
 * rows, oldest visit first (a claim without lines: one row, its line fields null): flat, they cost the database
 * about half what nested objects did.
 */
export const statementRead = defineStatement(
  'statement_read',
  { orgId: 'text', patientId: 'text', actor: 'text', requestId: 'text' },
  (p) => sqlText`
    with ${auditedPatientRead(p, 'patient_statement', 'first_name, last_name, address::text as address_json')},
      g as (${patientReceivableGroups(p, { perLine: true, dated: true })}),
      v as (
        select c.id, c.date_of_service, c.payer_id, c.status, l.line_number, l.code, l.date_of_service as line_date
        from claims c
        left join claim_lines l on l.org_id = c.org_id and l.claim_id = c.id
        where c.org_id = ${p.orgId}
          and c.id in (select g.claim_id from g where g.claim_id is not null and g.cents <> '0')
      )
    select x.first_name, x.last_name, x.address_json,
      (select coalesce(json_agg(json_build_array(v.id, v.date_of_service, v.payer_id, v.status, v.line_number, v.code,
        v.line_date) order by v.date_of_service, v.id, v.line_number), '[]') from v)::text as visits_json,
      null as claim_id, null as line_number, null as account_kind, null as party, null as payer_id,
      null as category, null as cents, null as charged_on, null as first_owed_on
    from x
    union all
    select null, null, null, null, g.*
    from g
    where exists (select 1 from x)`,
);
