import { tenantTable } from '../../db/tenant-table.js';
import { type PayerRow, payers } from '../../db/schema/index.js';

export type { PayerRow };
export const payersRepository = tenantTable<typeof payers, PayerRow>(payers);
