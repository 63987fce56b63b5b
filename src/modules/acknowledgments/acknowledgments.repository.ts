import { and, asc, eq, getTableColumns, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type AcknowledgmentRow, acknowledgments } from '../../db/schema/index.js';
import { keysetWhere, type PageQuery } from '../../lib/pagination.js';

export type { AcknowledgmentRow };
/** A row as read back: everything but the file itself, which may run to megabytes. */
export type AcknowledgmentView = Omit<AcknowledgmentRow, 'x12'>;

const { x12: _file, ...viewColumns } = getTableColumns(acknowledgments);
const byId = (orgId: string, id: string) => and(eq(acknowledgments.orgId, orgId), eq(acknowledgments.id, id));

export const acknowledgmentsRepository = {
  /**
   * Inserts the file's row unless the organization already has it: the same bytes (unique file hash) or the same
   * interchange (unique sender + ISA13 + kind). A concurrent insert of it waits for the first transaction, then
   * finds its row. Returns the new row, or undefined when the file was there first.
   */
  insertNew: async (db: DbOrTx, row: AcknowledgmentRow): Promise<AcknowledgmentView | undefined> => {
    const rows = await db.insert(acknowledgments).values(row).onConflictDoNothing().returning(viewColumns);
    return rows[0];
  },

  /** The row a file repeats: the same bytes, or the same interchange from the same sender. */
  findFirst: async (
    db: DbOrTx,
    orgId: string,
    file: Pick<AcknowledgmentRow, 'fileHash' | 'senderId' | 'interchangeControlNumber' | 'kind'>,
  ): Promise<AcknowledgmentView | undefined> => {
    const rows = await db
      .select(viewColumns)
      .from(acknowledgments)
      .where(
        and(
          eq(acknowledgments.orgId, orgId),
          or(
            eq(acknowledgments.fileHash, file.fileHash),
            and(
              eq(acknowledgments.senderId, file.senderId),
              eq(acknowledgments.interchangeControlNumber, file.interchangeControlNumber),
              eq(acknowledgments.kind, file.kind),
            ),
          ),
        ),
      )
      .orderBy(asc(acknowledgments.createdAt))
      .limit(1);
    return rows[0];
  },

  find: async (db: DbOrTx, orgId: string, id: string): Promise<AcknowledgmentView | undefined> => {
    const rows = await db.select(viewColumns).from(acknowledgments).where(byId(orgId, id)).limit(1);
    return rows[0];
  },

  /** The results, written in the transaction that inserted the row (so never seen without them). */
  setResults: async (db: DbOrTx, orgId: string, id: string, results: AcknowledgmentRow['results']) => {
    const rows = await db.update(acknowledgments).set({ results }).where(byId(orgId, id)).returning(viewColumns);
    return rows[0]!;
  },

  /**
   * Keyset page ordered by (createdAt, id), on the (org_id, created_at, id) index: an acknowledgment never changes
   * once committed (its updatedAt is its createdAt), so this is the (updatedAt, id) order every list uses.
   */
  list: (db: DbOrTx, orgId: string, page: PageQuery) => {
    const { where, orderBy } = keysetWhere({ updatedAt: acknowledgments.createdAt, id: acknowledgments.id }, page);
    return db
      .select(viewColumns)
      .from(acknowledgments)
      .where(and(eq(acknowledgments.orgId, orgId), where))
      .orderBy(...orderBy)
      .limit(page.limit + 1);
  },
};
