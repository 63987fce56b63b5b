import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { journalEntries, journalTransactions } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { entryOf, journalRows, type Posting, summedEntryOf, type StoredEntry, transactionOf } from './ledger-rows.js';
import { journalPost, patientReceivableSums } from './ledger.sql.js';

const sameTransaction = and(
  eq(journalTransactions.orgId, journalEntries.orgId),
  eq(journalTransactions.id, journalEntries.transactionId),
);

export const ledgerRepository = {
  /** Writes postings with their given ids, all in one statement. */
  async insert(tx: DbOrTx, orgId: string, postings: { id: string; posting: Posting }[]): Promise<void> {
    if (postings.length === 0) return;
    const rows = postings.map(({ id, posting }) => journalRows(orgId, id, posting));
    await run(tx, journalPost, {
      journalTransactions: rows.map((r) => r.transaction),
      journalEntries: rows.flatMap((r) => r.entries),
    });
  },

  /** Every entry about these claims (their receivables, and the cash and adjustments posted with them). */
  async entriesOfClaims(tx: DbOrTx, orgId: string, claimIds: readonly string[]): Promise<StoredEntry[]> {
    if (claimIds.length === 0) return [];
    const rows = await tx
      .select({ e: journalEntries })
      .from(journalEntries)
      .innerJoin(journalTransactions, sameTransaction)
      .where(and(eq(journalEntries.orgId, orgId), inArray(journalEntries.claimId, [...claimIds])))
      .orderBy(asc(journalTransactions.position), asc(journalEntries.entryNumber));
    return rows.map((r) => entryOf(r.e));
  },

  /** The journal transactions of these claims (by the claim they are about), with their entries, oldest first. */
  async transactionsOfClaims(tx: DbOrTx, orgId: string, claimIds: readonly string[]) {
    if (claimIds.length === 0) return [];
    const heads = await tx
      .select()
      .from(journalTransactions)
      .where(and(eq(journalTransactions.orgId, orgId), inArray(journalTransactions.claimId, [...claimIds])))
      .orderBy(asc(journalTransactions.position));
    return withEntries(tx, orgId, heads);
  },

  /** The transactions a source posted (an adjudication, a payment…), with their entries. */
  async transactionsOfSources(tx: DbOrTx, orgId: string, sourceType: string, sourceIds: readonly string[]) {
    if (sourceIds.length === 0) return [];
    const heads = await tx
      .select()
      .from(journalTransactions)
      .where(
        and(
          eq(journalTransactions.orgId, orgId),
          eq(journalTransactions.sourceType, sourceType),
          inArray(journalTransactions.sourceId, [...sourceIds]),
        ),
      )
      .orderBy(asc(journalTransactions.position));
    return withEntries(tx, orgId, heads);
  },

  /** Each patient's balances as sums of entries: what the patient owes, what insurance owes, unapplied credit. */
  async patientTotals(tx: DbOrTx, orgId: string, patientIds: readonly string[]) {
    if (patientIds.length === 0) return [];
    const rows = await tx
      .select({
        patientId: journalEntries.patientId,
        patientCents: sql<string>`coalesce(sum(${journalEntries.amountCents}) filter (where ${journalEntries.accountKind} = 'receivable' and ${journalEntries.party} = 'patient'), 0)`,
        insuranceCents: sql<string>`coalesce(sum(${journalEntries.amountCents}) filter (where ${journalEntries.accountKind} = 'receivable' and ${journalEntries.party} <> 'patient'), 0)`,
        creditCents: sql<string>`coalesce(-sum(${journalEntries.amountCents}) filter (where ${journalEntries.accountKind} = 'patient_credit'), 0)`,
      })
      .from(journalEntries)
      .where(and(eq(journalEntries.orgId, orgId), inArray(journalEntries.patientId, [...patientIds])))
      .groupBy(journalEntries.patientId);
    return rows.map((r) => ({
      patientId: r.patientId!,
      patientCents: Number(r.patientCents),
      insuranceCents: Number(r.insuranceCents),
      creditCents: Number(r.creditCents),
    }));
  },

  /** A page of the entries naming a patient, after a (position, entry number) cursor, with their transactions. */
  async patientEntryPage(
    tx: DbOrTx,
    orgId: string,
    patientId: string,
    after: { position: number; entryNumber: number } | null,
    limit: number,
  ) {
    const rows = await tx
      .select({ e: journalEntries, t: journalTransactions })
      .from(journalEntries)
      .innerJoin(journalTransactions, sameTransaction)
      .where(
        and(
          eq(journalEntries.orgId, orgId),
          eq(journalEntries.patientId, patientId),
          after === null
            ? undefined
            : sql`(${journalTransactions.position}, ${journalEntries.entryNumber}) > (${after.position}, ${after.entryNumber})`,
        ),
      )
      .orderBy(asc(journalTransactions.position), asc(journalEntries.entryNumber))
      .limit(limit + 1);
    return rows.map((r) => ({ entry: entryOf(r.e), transaction: r.t }));
  },

  /** The patient's own receivables and credit, summed per claim, line and category. */
  async patientSideOf(tx: DbOrTx, orgId: string, patientId: string) {
    const rows = await run(tx, patientReceivableSums, { orgId, patientId });
    return rows.map((row) => summedEntryOf(patientId, row));
  },
};

async function withEntries(tx: DbOrTx, orgId: string, heads: (typeof journalTransactions.$inferSelect)[]) {
  if (heads.length === 0) return [];
  const rows = await tx
    .select()
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.orgId, orgId),
        inArray(
          journalEntries.transactionId,
          heads.map((h) => h.id),
        ),
      ),
    );
  const byTransaction = new Map<string, StoredEntry[]>();
  for (const row of rows) {
    const list = byTransaction.get(row.transactionId) ?? [];
    list.push(entryOf(row));
    byTransaction.set(row.transactionId, list);
  }
  return heads.map((h) => transactionOf(h, byTransaction.get(h.id) ?? []));
}
