import { type ParamRefs, sqlText } from '../../db/sql.js';

/**
 * New events (a JSON array of `{ id, type, data }`) in one INSERT, for a caller's data-modifying CTE. Rows
 * take their feed sequence in array order; the transaction id comes from the column default.
 */
export const eventRowsInsert = (p: ParamRefs<{ orgId: unknown; events: unknown }>) => sqlText`
  insert into events (org_id, id, type, data)
  select ${p.orgId}, r.id, r.type, r.data
  from jsonb_populate_recordset(null::events, ${p.events}) with ordinality as r
  order by r.ordinality`;
