import { type ParamRefs, sqlText } from '../../db/sql.js';

/**
 * New events (a JSON array of `{ type, data }`) in one INSERT, for a caller's data-modifying CTE. Rows
 * take their feed sequence in array order; the transaction id comes from the column default, the id from both.
 */
export const eventRowsInsert = (p: ParamRefs<{ orgId: unknown; events: unknown }>) => sqlText`
  insert into events (org_id, type, data)
  select ${p.orgId}, r.type, r.data
  from jsonb_populate_recordset(null::events, ${p.events}) with ordinality as r
  order by r.ordinality`;
