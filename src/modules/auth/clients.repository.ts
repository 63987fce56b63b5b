import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiClients, organizations } from '../../db/schema/index.js';

export function createClientsRepository(db: DbOrTx) {
  return {
    findClient: async (id: string) => (await db.select().from(apiClients).where(eq(apiClients.id, id)).limit(1))[0],
    insertClient: (row: typeof apiClients.$inferInsert, tx: DbOrTx = db) => tx.insert(apiClients).values(row),
    insertOrganization: (row: typeof organizations.$inferInsert, tx: DbOrTx = db) =>
      tx.insert(organizations).values(row),
    findOrganization: async (id: string) =>
      (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0],
  };
}
export type ClientsRepository = ReturnType<typeof createClientsRepository>;
