import { eq } from 'drizzle-orm';
import { type CoverageRow, coverages } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';

export type { CoverageRow };
export const coveragesRepository = {
  ...tenantTable<typeof coverages, CoverageRow>(coverages),
  patientFilter: (patientId: string | undefined) => (patientId ? eq(coverages.patientId, patientId) : undefined),
};
