import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type PatientRow, patients } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';

export type { PatientRow };
export const patientsRepository = {
  ...tenantTable<typeof patients, PatientRow>(patients),
  findByExternalId: async (db: DbOrTx, orgId: string, externalId: string) =>
    (
      await db
        .select()
        .from(patients)
        .where(and(eq(patients.orgId, orgId), eq(patients.externalId, externalId)))
        .limit(1)
    )[0],
  externalIdFilter: (externalId: string | undefined) => (externalId ? eq(patients.externalId, externalId) : undefined),
  /** The row, locked until the transaction ends (no key update: rows referencing the patient can still be written). */
  lockForUpdate: async (db: DbOrTx, orgId: string, id: string) =>
    (
      await db
        .select()
        .from(patients)
        .where(and(eq(patients.orgId, orgId), eq(patients.id, id)))
        .for('no key update')
    )[0],
};
