import { defineStatement, sqlText } from '../../db/sql.js';

/**
 * The remittances module's fixed statements (rendered in remittances.sql). A remittance is inserted first and
 * alone: its unique (payer, trace number) key decides, before any claim is touched, whether this is the first
 * post of the payment; a concurrent post of the same payment waits on that key and finds it taken.
 */

/** The remittance, unless one with its payer and trace number exists: then no row comes back. */
export const remittanceInsert = defineStatement(
  'remittance_insert',
  { remittance: 'jsonb' },
  (p) => sqlText`
    insert into remittances select * from jsonb_populate_record(null::remittances, ${p.remittance})
    on conflict (org_id, payer_key, trace_number) do nothing
    returning id`,
);

/**
 * A batch of adjudications, and the payer claim control number (CLP07) each matched claim now carries: the
 * latest one, which a replacement or void must name (REF*F8).
 */
export const adjudicationsInsert = defineStatement(
  'adjudications_insert',
  { orgId: 'text', adjudications: 'jsonb', payerClaimNumbers: 'jsonb' },
  (p) => sqlText`
    with a as (insert into adjudications select * from jsonb_populate_recordset(null::adjudications, ${p.adjudications})),
      n as (
        update claims c set payer_claim_number = x.payer_claim_number, version = c.version + 1, updated_at = now()
        from jsonb_to_recordset(${p.payerClaimNumbers}) as x(id text, payer_claim_number text)
        where c.org_id = ${p.orgId} and c.id = x.id and c.payer_claim_number is distinct from x.payer_claim_number
      )
    select 1`,
);

/** Once its claims are posted: how many matched nothing, and the payer when every matched claim names the same one. */
export const remittanceFinish = defineStatement(
  'remittance_finish',
  { orgId: 'text', id: 'text', unmatchedCount: 'int', payerId: 'text?' },
  (p) => sqlText`
    update remittances set unmatched_count = ${p.unmatchedCount}, payer_id = ${p.payerId}, updated_at = now()
    where org_id = ${p.orgId} and id = ${p.id}`,
);
