import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { providers } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';

export type ProviderRow = typeof providers.$inferSelect;
export const providersRepository = {
  ...tenantTable<typeof providers, ProviderRow>(providers),
  findByNpi: async (db: DbOrTx, orgId: string, npi: string) =>
    (
      await db
        .select()
        .from(providers)
        .where(and(eq(providers.orgId, orgId), eq(providers.npi, npi)))
        .limit(1)
    )[0],
};
