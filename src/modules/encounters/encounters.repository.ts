import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { encounters } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { EncounterListQuery } from './encounters.schemas.js';

export type EncounterRow = typeof encounters.$inferSelect;
const base = tenantTable<typeof encounters, EncounterRow>(encounters);

export const encountersRepository = {
  ...base,
  findByExternalId: async (db: DbOrTx, orgId: string, externalId: string) =>
    (await db.select().from(encounters).where(and(eq(encounters.orgId, orgId), eq(encounters.externalId, externalId))).limit(1))[0],
  /** Inserts unless the org already has this externalId (then returns undefined; a racing insert is waited for). */
  insertUnlessTaken: async (db: DbOrTx, values: typeof encounters.$inferInsert) =>
    (await db.insert(encounters).values(values).onConflictDoNothing({ target: [encounters.orgId, encounters.externalId] }).returning())[0],
  list: (db: DbOrTx, orgId: string, q: EncounterListQuery) =>
    base.list(db, orgId, q, and(q.patientId ? eq(encounters.patientId, q.patientId) : undefined, q.externalId ? eq(encounters.externalId, q.externalId) : undefined)),
};
