import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { claimHistory, claimLines, claims } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { ClaimListQuery } from './claims.schemas.js';

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimLineRow = typeof claimLines.$inferSelect;
export type ClaimHistoryRow = typeof claimHistory.$inferSelect;

const base = tenantTable<typeof claims, ClaimRow>(claims);

export const claimsRepository = {
  ...base,

  list: (db: DbOrTx, orgId: string, q: ClaimListQuery) =>
    base.list(
      db,
      orgId,
      q,
      and(
        q.status ? inArray(claims.status, q.status) : undefined,
        q.patientId ? eq(claims.patientId, q.patientId) : undefined,
        q.payerId ? eq(claims.payerId, q.payerId) : undefined,
        q.dateOfServiceFrom ? gte(claims.dateOfService, q.dateOfServiceFrom) : undefined,
        q.dateOfServiceTo ? lte(claims.dateOfService, q.dateOfServiceTo) : undefined,
      ),
    ),

  byEncounter: (db: DbOrTx, orgId: string, encounterId: string) =>
    db.select().from(claims).where(and(eq(claims.orgId, orgId), eq(claims.encounterId, encounterId))).orderBy(asc(claims.createdAt), asc(claims.id)),

  byEncounters: (db: DbOrTx, orgId: string, encounterIds: string[]) =>
    encounterIds.length === 0
      ? Promise.resolve([] as ClaimRow[])
      : db.select().from(claims).where(and(eq(claims.orgId, orgId), inArray(claims.encounterId, encounterIds))).orderBy(asc(claims.createdAt), asc(claims.id)),

  linesOf: (db: DbOrTx, orgId: string, claimIds: string[]) =>
    claimIds.length === 0
      ? Promise.resolve([] as ClaimLineRow[])
      : db.select().from(claimLines).where(and(eq(claimLines.orgId, orgId), inArray(claimLines.claimId, claimIds))).orderBy(asc(claimLines.claimId), asc(claimLines.lineNumber)),

  insertLines: (db: DbOrTx, rows: (typeof claimLines.$inferInsert)[]) => (rows.length ? db.insert(claimLines).values(rows) : Promise.resolve()),

  deleteLines: (db: DbOrTx, orgId: string, claimId: string) => db.delete(claimLines).where(and(eq(claimLines.orgId, orgId), eq(claimLines.claimId, claimId))),

  /** Unconditional update with a version bump (callers hold the row lock). */
  update: async (db: DbOrTx, orgId: string, id: string, patch: Partial<typeof claims.$inferInsert>) =>
    (
      await db
        .update(claims)
        .set({ ...patch, version: sql`${claims.version} + 1`, updatedAt: sql`now()` })
        .where(base.byId(orgId, id))
        .returning()
    )[0]!,

  insertHistory: (db: DbOrTx, row: typeof claimHistory.$inferInsert) => db.insert(claimHistory).values(row),

  /**
   * A claim, its lines and the audit row for reading it, in one round trip: the audit insert only
   * happens when the claim exists in the caller's organization.
   */
  readAudited: async (db: DbOrTx, orgId: string, id: string, audit: { actor: string; requestId: string }) => {
    const [row] = await queryRows<{ claim: Record<string, unknown>; lines: Record<string, unknown>[] }>(
      db,
      sql`with c as (select * from claims where org_id = ${orgId} and id = ${id}),
        a as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
              select org_id, ${audit.actor}, 'claim.read', 'claim', array[id], ${audit.requestId} from c)
        select row_to_json(c.*) as claim,
          coalesce((select json_agg(l order by l.line_number) from claim_lines l where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
        from c`,
    );
    if (!row) return undefined;
    return { claim: fromJsonRow(row.claim) as ClaimRow, lines: row.lines.map((l) => fromJsonRow(l) as ClaimLineRow) };
  },

  history: (db: DbOrTx, orgId: string, claimId: string) =>
    db.select().from(claimHistory).where(and(eq(claimHistory.orgId, orgId), eq(claimHistory.claimId, claimId))).orderBy(asc(claimHistory.id)),
};

/** row_to_json output → the row shape drizzle returns: camelCase keys, timestamps as Date. */
function fromJsonRow(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[camel] = camel === 'createdAt' || camel === 'updatedAt' ? new Date(value as string) : value;
  }
  return out;
}
