import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import { type AdjudicationRow, adjudications, type RemittanceRow, remittances } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { tenantTable } from '../../db/tenant-table.js';
import { keysetWhere, type PageQuery } from '../../lib/pagination.js';
import { adjudicationsInsert, remittanceFinish, remittanceInsert } from './remittances.sql.js';

export type { AdjudicationRow, RemittanceRow };

const remittanceCodec = rowCodec(remittances);
const adjudicationCodec = rowCodec(adjudications);
const base = tenantTable<typeof remittances, RemittanceRow>(remittances);
/** Adjudications are never updated: they page by (createdAt, id). */
const adjudicationKeys = { updatedAt: adjudications.createdAt, id: adjudications.id };

export interface AdjudicationFilter {
  claimId?: string;
  remittanceId?: string;
  matched?: boolean;
}

export const remittancesRepository = {
  /**
   * Each claim's latest decision that is not a reversal, with the payment date of its 835 (null for a JSON one): what
   * a COB claim reports of the payer before it.
   */
  latestDecisions: async (db: DbOrTx, orgId: string, claimIds: string[]) => {
    if (claimIds.length === 0) return [];
    const rows = await queryRows<{ adjudication: unknown; payment_date: string | null }>(
      db,
      sql`select distinct on (a.claim_id) row_to_json(a) as adjudication, r.payment_date::text as payment_date
      from adjudications a left join remittances r on r.org_id = a.org_id and r.id = a.remittance_id
      where a.org_id = ${orgId} and a.claim_id in ${claimIds} and a.status_code <> '22'
      order by a.claim_id, a.created_at desc, a.remittance_id desc nulls last, a.sequence desc`,
    );
    return rows.map((r) => ({ adjudication: adjudicationCodec.decode(r.adjudication), paymentDate: r.payment_date }));
  },

  find: base.find,
  list: (db: DbOrTx, orgId: string, page: PageQuery) => base.list(db, orgId, page),

  /** True when inserted; false when the payer's payment (payer key + trace number) is already posted. */
  insert: async (db: DbOrTx, row: RemittanceRow) =>
    (await run(db, remittanceInsert, { remittance: remittanceCodec.encode(row) })).length === 1,

  byPaymentKey: async (db: DbOrTx, orgId: string, payerKey: string, traceNumber: string) => {
    const [row] = await db
      .select()
      .from(remittances)
      .where(
        and(eq(remittances.orgId, orgId), eq(remittances.payerKey, payerKey), eq(remittances.traceNumber, traceNumber)),
      )
      .limit(1);
    return row;
  },

  finish: (db: DbOrTx, values: { orgId: string; id: string; unmatchedCount: number; payerId: string | null }) =>
    run(db, remittanceFinish, values),

  insertAdjudications: async (
    db: DbOrTx,
    orgId: string,
    rows: AdjudicationRow[],
    payerClaimNumbers: { id: string; payer_claim_number: string }[],
  ) => {
    if (rows.length === 0) return;
    await run(db, adjudicationsInsert, {
      orgId,
      adjudications: rows.map((r) => adjudicationCodec.encode(r)),
      payerClaimNumbers,
    });
  },

  /** Adjudications in (createdAt, id) order, filtered; `limit + 1` rows for toPage. */
  adjudications: (db: DbOrTx, orgId: string, filter: AdjudicationFilter, page: PageQuery) => {
    const { where, orderBy } = keysetWhere(adjudicationKeys, page);
    const conditions: (SQL | undefined)[] = [eq(adjudications.orgId, orgId), where];
    if (filter.claimId) conditions.push(eq(adjudications.claimId, filter.claimId));
    if (filter.remittanceId) conditions.push(eq(adjudications.remittanceId, filter.remittanceId));
    if (filter.matched === false) conditions.push(isNull(adjudications.claimId));
    if (filter.matched === true) conditions.push(isNotNull(adjudications.claimId));
    return db
      .select()
      .from(adjudications)
      .where(and(...conditions))
      .orderBy(...orderBy)
      .limit(page.limit + 1);
  },

  /** The first `limit` adjudications of each remittance that matched none of our claims, in file order (one query). */
  unmatchedOf: async (db: DbOrTx, orgId: string, remittanceIds: string[], limit: number) => {
    if (remittanceIds.length === 0) return [] as AdjudicationRow[];
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select * from (
            select a.*, row_number() over (partition by a.remittance_id order by a.sequence) as nth
            from adjudications a
            where a.org_id = ${orgId} and a.remittance_id in ${remittanceIds} and a.claim_id is null
          ) x where x.nth <= ${limit} order by x.remittance_id, x.sequence`,
    );
    return rows.map((r) => adjudicationCodec.decode(r));
  },

  /** How many adjudications a claim has (the next one posted as JSON takes the following sequence). */
  countForClaim: async (db: DbOrTx, orgId: string, claimId: string) =>
    (
      await db
        .select({ id: adjudications.id })
        .from(adjudications)
        .where(and(eq(adjudications.orgId, orgId), eq(adjudications.claimId, claimId)))
    ).length,
};
