import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type ProviderRow, providers } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';

export type { ProviderRow };
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
  findMany: (db: DbOrTx, orgId: string, ids: string[]): Promise<ProviderRow[]> =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select()
          .from(providers)
          .where(and(eq(providers.orgId, orgId), inArray(providers.id, ids))),
};
