import type { DbOrTx } from '../../db/client.js';
import { Params, runStatement } from '../../db/statements.js';
import type { RequestContext } from '../../lib/context.js';

export type AuditAction = 'create' | 'read' | 'list' | 'update' | 'deactivate';

/**
 * The audit row of a request that reads or writes patient data (who, which org, what, which ids, under
 * which request id), as one INSERT: on its own (recordAudit) or inside a caller's single statement.
 */
export const insertAudit = (
  ctx: RequestContext,
  action: AuditAction,
  resourceType: string,
  resourceIds: string[],
  p: Params,
): string =>
  `insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    values (${p.add(ctx.orgId)}, ${p.add(ctx.actor)}, ${p.add(`${resourceType}.${action}`)}, ${p.add(resourceType)}, ${p.add(resourceIds)}::text[], ${p.add(ctx.requestId)})`;

/** Records the audit row: writes inside their transaction, reads right after the query. */
export async function recordAudit(
  db: DbOrTx,
  ctx: RequestContext,
  action: AuditAction,
  resourceType: string,
  resourceIds: string[],
) {
  const p = new Params();
  const text = insertAudit(ctx, action, resourceType, resourceIds, p);
  await runStatement(db, { name: 'audit_insert', text, values: p.values });
}
