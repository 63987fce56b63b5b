import { defineStatement, sqlText } from '../../db/sql.js';

/**
 * Takes `count` control numbers of one kind for an organization: the row lock serializes concurrent submissions,
 * so numbers only grow and, once the transaction commits, none is handed out twice. Returns the last one taken.
 */
export const controlNumbersTake = defineStatement(
  'control_numbers_take',
  { orgId: 'text', kind: 'text', count: 'int' },
  (p) => sqlText`
    insert into x12_control_numbers (org_id, kind, last_value) values (${p.orgId}, ${p.kind}, ${p.count})
    on conflict (org_id, kind) do update set last_value = x12_control_numbers.last_value + excluded.last_value
    returning last_value`,
);

/** A submission with its claims, and submission.created / claim.submitted events (inserted by the caller's CTE). */
export const submissionInsert = defineStatement(
  'submission_insert',
  { submission: 'jsonb', submissionClaims: 'jsonb' },
  (p) => sqlText`
    with s as (insert into submissions select * from jsonb_populate_record(null::submissions, ${p.submission})),
      c as (insert into submission_claims select * from jsonb_populate_recordset(null::submission_claims, ${p.submissionClaims}))
    select 1`,
);
