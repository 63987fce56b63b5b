import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';

type AuditParams = 'orgId' | 'actor' | 'auditAction' | 'auditResource' | 'auditIds' | 'requestId';

/**
 * The audit row of a request that reads or writes patient data (who, which org, what, which ids, which
 * request), for a caller's statement; `onlyIf` makes it conditional (a read audits only what it found).
 * Values are parameter references or SQL literals.
 */
export const auditRowInsert = (
  p: Pick<ParamRefs<Record<AuditParams, unknown>>, AuditParams>,
  onlyIf?: string,
) => sqlText`
  insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
  select ${p.orgId}, ${p.actor}, ${p.auditAction}, ${p.auditResource}, ${p.auditIds}, ${p.requestId}
  ${onlyIf ? `where ${onlyIf}` : ''}`;

export const auditInsert = defineStatement(
  'audit_insert',
  {
    orgId: 'text',
    actor: 'text',
    auditAction: 'text',
    auditResource: 'text',
    auditIds: 'text[]',
    requestId: 'text',
  },
  (p) => auditRowInsert(p),
);
