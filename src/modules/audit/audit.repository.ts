import type { Params } from '../../db/statements.js';
import type { DbOrTx } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import type { RequestContext } from '../../lib/context.js';

export type AuditAction = 'create' | 'read' | 'list' | 'update' | 'deactivate';

/**
 * One audit row per request that reads or writes patient data: who, which org, what, which ids,
 * under which request id. Writes record inside their transaction; reads right after the query.
 */
export async function recordAudit(db: DbOrTx, ctx: RequestContext, action: AuditAction, resourceType: string, resourceIds: string[]) {
  await db.insert(auditEvents).values({
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: `${resourceType}.${action}`,
    resourceType,
    resourceIds,
    requestId: ctx.requestId,
  });
}

/** The same audit row as one INSERT, for a caller's single statement (a data-modifying CTE). */
export const insertAudit = (ctx: RequestContext, action: AuditAction, resourceType: string, resourceIds: string[], p: Params): string =>
  `insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    values (${p.add(ctx.orgId)}, ${p.add(ctx.actor)}, ${p.add(`${resourceType}.${action}`)}, ${p.add(resourceType)}, ${p.add(resourceIds)}::text[], ${p.add(ctx.requestId)})`;
