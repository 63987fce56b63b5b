import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiClients } from '../../db/schema/index.js';

export function createClientsRepository(db: DbOrTx) {
  return {
    findClient: async (id: string) => (await db.select().from(apiClients).where(eq(apiClients.id, id)).limit(1))[0],
    insertClient: (row: typeof apiClients.$inferInsert, tx: DbOrTx = db) => tx.insert(apiClients).values(row),
  };
}
export type ClientsRepository = ReturnType<typeof createClientsRepository>;
