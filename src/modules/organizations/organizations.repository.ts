import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type OrganizationRow, organizations } from '../../db/schema/index.js';

export type { OrganizationRow };

export const organizationsRepository = {
  find: async (db: DbOrTx, id: string): Promise<OrganizationRow | undefined> =>
    (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0],

  insert: async (db: DbOrTx, row: typeof organizations.$inferInsert): Promise<OrganizationRow> =>
    (await db.insert(organizations).values(row).returning())[0]!,

  /** Applies `patch` only at `expectedVersion` (null = any), bumping the version: one of N racing updates wins. */
  updateVersioned: async (
    db: DbOrTx,
    id: string,
    expectedVersion: number | null,
    patch: Partial<Pick<OrganizationRow, 'name' | 'timeZone' | 'x12Submitter'>>,
  ): Promise<OrganizationRow | undefined> =>
    (
      await db
        .update(organizations)
        .set({ ...patch, version: sql`${organizations.version} + 1`, updatedAt: sql`now()` })
        .where(
          expectedVersion === null
            ? eq(organizations.id, id)
            : sql`${organizations.id} = ${id} and ${organizations.version} = ${expectedVersion}`,
        )
        .returning()
    )[0],
};
