import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiClients } from '../../db/schema/index.js';

export function createClientsRepository(db: DbOrTx) {
  return {
    findClient: async (id: string) => (await db.select().from(apiClients).where(eq(apiClients.id, id)).limit(1))[0],
    revokeClient: async (id: string, at: Date) =>
      (
        await db
          .update(apiClients)
          .set({ revokedAt: at, updatedAt: at })
          .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
          .returning({ id: apiClients.id })
      ).length > 0,
    insertClient: (row: typeof apiClients.$inferInsert, tx: DbOrTx = db) => tx.insert(apiClients).values(row),
  };
}
export type ClientsRepository = ReturnType<typeof createClientsRepository>;
