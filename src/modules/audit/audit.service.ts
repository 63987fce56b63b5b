import type { DbOrTx } from '../../db/client.js';
import type { RequestContext } from '../../lib/context.js';
import { auditRepository } from './audit.repository.js';

export type AuditAction = 'create' | 'read' | 'list' | 'update' | 'deactivate';

/** Objects holding patient data: showing one again (an idempotent replay) is audited as a read. */
export const AUDITED_OBJECTS: ReadonlySet<string> = new Set(['patient', 'coverage', 'encounter', 'claim']);

/**
 * Records who read or wrote which patient data (org, actor, action, ids, request id): inside the
 * transaction of a write, right after the query of a read. Statements that do everything at once embed
 * the same row (`auditRowInsert`).
 */
export async function recordAudit(
  db: DbOrTx,
  ctx: RequestContext,
  action: AuditAction,
  resourceType: string,
  resourceIds: string[],
): Promise<void> {
  await auditRepository.insert(db, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    auditAction: `${resourceType}.${action}`,
    auditResource: resourceType,
    auditIds: resourceIds,
    requestId: ctx.requestId,
  });
}
