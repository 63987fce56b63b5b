import { tenantTable } from '../../db/tenant-table.js';
import { payers } from '../../db/schema/index.js';

export type PayerRow = typeof payers.$inferSelect;
export const payersRepository = tenantTable<typeof payers, PayerRow>(payers);
