import type { RefundPostedData, WriteoffPostedData } from '../../domain/event-data.js';
import type { JournalTransaction, LedgerEntry } from '../../domain/ledger/index.js';
import type { PatientPaymentRow, RefundRow, WriteoffRow } from './payments.repository.js';
import type { Allocation, Payment, Refund, Writeoff } from './payments.schemas.js';

/** Rows and their journal transactions as API objects: what was applied is read from the entries posted. */

/** What a payment or credit application took off the patient's receivables, per claim and line. */
export function allocationsOf(t: Pick<JournalTransaction, 'entries'>): Allocation[] {
  return t.entries
    .filter((e) => e.account.kind === 'receivable' && e.amountCents < 0)
    .map((e) => ({ claimId: e.claimId!, lineNumber: e.lineNumber, amountCents: 0 - e.amountCents }));
}

/** What a transaction put into (+) or took from (−) the patient's unapplied credit. */
export function creditOf(entries: readonly LedgerEntry[]): number {
  const credit = entries.filter((e) => e.account.kind === 'patient_credit').reduce((s, e) => s - e.amountCents, 0);
  return credit === 0 ? 0 : credit;
}

export function toPayment(row: PatientPaymentRow, t: Pick<JournalTransaction, 'entries'>): Payment {
  const createdAt = row.createdAt.toISOString();
  return {
    id: row.id,
    object: 'payment',
    patientId: row.patientId,
    amountCents: row.amountCents,
    appliedCents: row.appliedCents,
    creditCents: row.creditCents,
    method: row.method,
    reference: row.reference,
    receivedOn: row.receivedOn,
    allocations: allocationsOf(t),
    journalTransactionId: row.transactionId,
    createdAt,
    updatedAt: createdAt,
  };
}

export function toWriteoff(
  row: WriteoffRow,
  t: Pick<JournalTransaction, 'entries'>,
  reversedById: string | null,
): Writeoff {
  const createdAt = row.createdAt.toISOString();
  return {
    id: row.id,
    object: 'writeoff',
    claimId: row.claimId,
    patientId: row.patientId,
    side: row.side,
    coverageId: row.coverageId,
    reason: row.reason,
    amountCents: row.amountCents,
    lines: t.entries
      .filter((e) => e.account.kind === 'receivable')
      .map((e) => ({ lineNumber: e.lineNumber, amountCents: Math.abs(e.amountCents) })),
    note: row.note,
    reversesId: row.reversesId,
    reversedById,
    journalTransactionId: row.transactionId,
    createdAt,
    updatedAt: createdAt,
  };
}

export function toRefund(row: RefundRow): Refund {
  const createdAt = row.createdAt.toISOString();
  return {
    id: row.id,
    object: 'refund',
    patientId: row.patientId,
    recipient: row.recipient,
    amountCents: row.amountCents,
    method: row.method,
    reference: row.reference,
    refundedOn: row.refundedOn,
    claimId: row.claimId,
    coverageId: row.coverageId,
    payerId: row.payerId,
    journalTransactionId: row.transactionId,
    createdAt,
    updatedAt: createdAt,
  };
}

/** writeoff.posted: the write-off (or its reversal) as the feed carries it. */
export const writeoffEventData = (w: Writeoff): WriteoffPostedData => ({
  writeoffId: w.id,
  claimId: w.claimId,
  patientId: w.patientId,
  side: w.side,
  coverageId: w.coverageId,
  reason: w.reason,
  amountCents: w.amountCents,
  lines: w.lines,
  reversesId: w.reversesId,
});

/** refund.posted: the refund as the feed carries it. */
export const refundEventData = (r: Refund): RefundPostedData => ({
  refundId: r.id,
  patientId: r.patientId,
  recipient: r.recipient,
  amountCents: r.amountCents,
  method: r.method,
  refundedOn: r.refundedOn,
  claimId: r.claimId,
  coverageId: r.coverageId,
  payerId: r.payerId,
});
