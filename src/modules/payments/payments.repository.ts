import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  type PatientPaymentRow,
  patientPayments,
  type RefundRow,
  refunds,
  type WriteoffRow,
  writeoffs,
} from '../../db/schema/index.js';
import { keysetWhere, type PageQuery } from '../../lib/pagination.js';

export type { PatientPaymentRow, RefundRow, WriteoffRow };

/** Payments, write-offs and refunds never change: their creation time orders their lists. */
const paymentKeys = { updatedAt: patientPayments.createdAt, id: patientPayments.id };

export const paymentsRepository = {
  insertPayment: async (db: DbOrTx, row: PatientPaymentRow) => {
    await db.insert(patientPayments).values(row);
  },
  insertWriteoff: async (db: DbOrTx, row: WriteoffRow) => {
    await db.insert(writeoffs).values(row);
  },
  insertRefund: async (db: DbOrTx, row: RefundRow) => {
    await db.insert(refunds).values(row);
  },

  findPayment: async (db: DbOrTx, orgId: string, id: string) =>
    (
      await db
        .select()
        .from(patientPayments)
        .where(and(eq(patientPayments.orgId, orgId), eq(patientPayments.id, id)))
    )[0],

  /** A patient's payments in (createdAt, id) order after the page's cursor; `limit + 1` rows. */
  async paymentsOf(db: DbOrTx, orgId: string, patientId: string, page: PageQuery) {
    const { where, orderBy } = keysetWhere(paymentKeys, page);
    return db
      .select()
      .from(patientPayments)
      .where(and(eq(patientPayments.orgId, orgId), eq(patientPayments.patientId, patientId), where))
      .orderBy(...orderBy)
      .limit(page.limit + 1);
  },

  findWriteoff: async (db: DbOrTx, orgId: string, id: string) =>
    (
      await db
        .select()
        .from(writeoffs)
        .where(and(eq(writeoffs.orgId, orgId), eq(writeoffs.id, id)))
    )[0],

  /** The reversals of these write-offs (each has at most one: a unique index). */
  reversalsOf: async (db: DbOrTx, orgId: string, ids: readonly string[]) =>
    ids.length === 0
      ? []
      : db
          .select()
          .from(writeoffs)
          .where(and(eq(writeoffs.orgId, orgId), inArray(writeoffs.reversesId, [...ids]))),

  /** A claim's write-offs and their reversals, oldest first. */
  writeoffsOfClaim: async (db: DbOrTx, orgId: string, claimId: string) =>
    db
      .select()
      .from(writeoffs)
      .where(and(eq(writeoffs.orgId, orgId), eq(writeoffs.claimId, claimId)))
      .orderBy(asc(writeoffs.createdAt), asc(writeoffs.id)),

  findRefund: async (db: DbOrTx, orgId: string, id: string) =>
    (
      await db
        .select()
        .from(refunds)
        .where(and(eq(refunds.orgId, orgId), eq(refunds.id, id)))
    )[0],
};
