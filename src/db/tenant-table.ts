import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { keysetWhere, type PageQuery } from '../lib/pagination.js';
import type { DbOrTx } from './client.js';

/** Columns every mutable tenant table has. */
type TenantColumns = { orgId: PgColumn; id: PgColumn; version: PgColumn; updatedAt: PgColumn };
type TenantTable = PgTable & TenantColumns;

/**
 * The few queries every tenant resource shares: lookup by (org, id), keyset list, and an
 * optimistic versioned update. Module repositories wrap these with their own types.
 */
export function tenantTable<T extends TenantTable, Row extends { id: string; updatedAt: Date; version: number }>(
  table: T,
) {
  const t = table as unknown as TenantColumns;
  const byId = (orgId: string, id: string) => and(eq(t.orgId, orgId), eq(t.id, id));

  return {
    byId,

    async find(db: DbOrTx, orgId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Row | undefined> {
      const q = db
        .select()
        .from(table as PgTable)
        .where(byId(orgId, id))
        .limit(1);
      const rows = opts.forUpdate ? await q.for('update') : await q;
      return rows[0] as Row | undefined;
    },

    async insert(db: DbOrTx, values: T['$inferInsert']): Promise<Row> {
      const rows = await db
        .insert(table)
        .values(values as never)
        .returning();
      return (rows as unknown as Row[])[0]!;
    },

    async list(db: DbOrTx, orgId: string, page: PageQuery, filter?: SQL): Promise<Row[]> {
      const { where, orderBy } = keysetWhere(t, page);
      const rows = await db
        .select()
        .from(table as PgTable)
        .where(and(eq(t.orgId, orgId), filter, where))
        .orderBy(...orderBy)
        .limit(page.limit + 1);
      return rows as Row[];
    },

    /**
     * Applies `patch` only if the row is still at `expectedVersion` (null = any), bumping the
     * version in the same statement: of N concurrent updates from one ETag exactly one wins.
     */
    async updateVersioned(
      db: DbOrTx,
      orgId: string,
      id: string,
      expectedVersion: number | null,
      patch: Partial<T['$inferInsert']>,
    ): Promise<{ row: Row } | { row: null; reason: 'not_found' | 'stale' }> {
      const versionMatch = expectedVersion === null ? undefined : eq(t.version, expectedVersion);
      const rows = (await db
        .update(table)
        .set({ ...patch, version: sql`${t.version} + 1`, updatedAt: sql`now()` } as never)
        .where(and(byId(orgId, id), versionMatch))
        .returning()) as unknown as Row[];
      if (rows[0]) return { row: rows[0] };
      const exists = await db
        .select({ id: t.id })
        .from(table as PgTable)
        .where(byId(orgId, id))
        .limit(1);
      return { row: null, reason: exists.length ? 'stale' : 'not_found' };
    },
  };
}
