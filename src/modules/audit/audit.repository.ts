import type { DbOrTx } from '../../db/client.js';
import { run } from '../../db/sql.js';
import { auditInsert } from './audit.sql.js';

export const auditRepository = {
  insert: (
    db: DbOrTx,
    row: {
      orgId: string;
      actor: string;
      auditAction: string;
      auditResource: string;
      auditIds: string[];
      requestId: string;
    },
  ) => run(db, auditInsert, row),
};
