import type { DbOrTx } from '../../db/client.js';
import {
  applyPatientCredit,
  compareLines,
  type LineAmount,
  patientOpenRows,
  postPatientPayment,
  type ServiceDate,
  unappliedCredit,
} from '../../domain/ledger/index.js';
import type { RequestContext } from '../../lib/context.js';
import { type PageQuery, toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { allocationsOf, creditOf, toPayment } from './payment-mapper.js';
import { allocationExceedsBalance, duplicateAllocation, lineNotOwing } from './payments.errors.js';
import { type PatientPaymentRow, paymentsRepository as repo } from './payments.repository.js';
import type { CreditApplication, CreditApplicationCreate, PaymentCreate } from './payments.schemas.js';
import { createPostingUnit, type LockedClaim, type PaymentsDeps, rule } from './posting-unit.js';
import { createRefundsService } from './refunds.service.js';
import { createWriteoffsService } from './writeoffs.service.js';

type AllocationInput = NonNullable<PaymentCreate['allocations']>[number];
type OpenRow = ReturnType<typeof patientOpenRows>[number];

/**
 * Allocations as the posting rule takes them, one per line: an allocation naming a claim without a line is spread
 * over what the patient owes on that claim in line order (claim-level row first). What it holds beyond the claim's
 * balance stays on its last line, for the rule to hold as credit (allowCredit) or refuse.
 */
export function lineAllocations(
  allocations: readonly AllocationInput[],
  open: readonly OpenRow[],
  allowCredit: boolean,
): LineAmount[] {
  const wholeClaim = new Set<string>();
  const byLine = new Set<string>();
  for (const a of allocations) {
    const named = a.lineNumber === undefined ? wholeClaim : byLine;
    if (wholeClaim.has(a.claimId) || (a.lineNumber === undefined && byLine.has(a.claimId))) {
      throw duplicateAllocation(a.claimId);
    }
    named.add(a.claimId);
  }
  return allocations.flatMap((a): LineAmount[] => {
    if (a.lineNumber !== undefined)
      return [{ claimId: a.claimId, lineNumber: a.lineNumber, amountCents: a.amountCents }];
    const rows = open.filter((r) => r.claimId === a.claimId).sort((x, y) => compareLines(x.lineNumber, y.lineNumber));
    const owed = rows.reduce((s, r) => s + r.openCents, 0);
    if (owed <= 0) throw lineNotOwing(a.claimId, null);
    if (a.amountCents > owed && !allowCredit) throw allocationExceedsBalance(a.claimId, a.amountCents, owed);
    let left = a.amountCents;
    const out: LineAmount[] = [];
    for (const r of rows) {
      const take = Math.min(left, r.openCents);
      if (take <= 0) continue;
      out.push({ claimId: a.claimId, lineNumber: r.lineNumber, amountCents: take });
      left -= take;
    }
    out[out.length - 1]!.amountCents += left;
    return out;
  });
}

const serviceDatesOf = (locked: readonly LockedClaim[]): ServiceDate[] =>
  locked.map((c) => ({ claimId: c.id, lineNumber: null, dateOfService: c.dateOfService }));

/** The one claim a transaction is about, when it touches one: what the ledger's per-claim reads find it by. */
const soleClaim = (allocations: readonly { claimId: string }[]) => {
  const claims = new Set(allocations.map((a) => a.claimId));
  return claims.size === 1 ? [...claims][0]! : null;
};

/**
 * Patient payments and credit applications (issue 10), with write-offs and refunds beside them: each posting is one
 * journal transaction written with its source row, its event and balance.changed in one database transaction, after
 * the patient's claims and the patient are locked. Bad input is refused before anything is written.
 */
export function createPaymentsService(deps: PaymentsDeps) {
  const { db, clock, ids, ledger, patients } = deps;
  const unit = createPostingUnit(deps);

  /** The patient's open rows (oldest first) and the allocations checked against them. */
  async function prepare(
    tx: DbOrTx,
    ctx: RequestContext,
    patientId: string,
    allocations: readonly AllocationInput[] | undefined,
    allowCredit: boolean,
  ) {
    const locked = await unit.lockPatient(tx, ctx, patientId);
    for (const [i, a] of (allocations ?? []).entries()) {
      await unit.ownClaim(tx, ctx, locked, a.claimId, `allocations.${i}.claimId`);
    }
    // The receivables and credit summed per line and category: all the allocation and credit rules read.
    const entries = await ledger.patientSideEntries(tx, ctx.orgId, patientId);
    const serviceDates = serviceDatesOf(locked);
    const open = patientOpenRows(entries, patientId, serviceDates);
    const lines = allocations ? lineAllocations(allocations, open, allowCredit) : undefined;
    return { locked, entries, serviceDates, ...(lines ? { allocations: lines } : {}) };
  }

  return {
    createPayment: (ctx: RequestContext, patientId: string, body: PaymentCreate) =>
      writeTx(db, ctx, async (tx) => {
        const { locked, ...input } = await prepare(tx, ctx, patientId, body.allocations, body.allowCredit);
        const transaction = rule(() =>
          postPatientPayment({ patientId, amountCents: body.amountCents, allowCredit: body.allowCredit, ...input }),
        );
        const creditCents = creditOf(transaction.entries);
        const allocations = allocationsOf(transaction);
        const row: PatientPaymentRow = {
          orgId: ctx.orgId,
          id: ids.next('payment'),
          patientId,
          amountCents: body.amountCents,
          method: body.method,
          reference: body.reference ?? null,
          receivedOn: body.receivedOn ?? unit.today(ctx),
          appliedCents: body.amountCents - creditCents,
          creditCents,
          transactionId: ledger.newTransactionId(),
          createdAt: clock.now(),
        };
        const payment = toPayment(row, transaction);
        await unit.post(
          tx,
          ctx,
          {
            id: row.transactionId,
            transaction,
            sourceType: 'payment',
            sourceId: row.id,
            effectiveDate: row.receivedOn,
            patientId,
            claimId: soleClaim(allocations),
          },
          locked,
          {
            type: 'payment.posted',
            data: {
              paymentId: row.id,
              patientId,
              amountCents: row.amountCents,
              appliedCents: row.appliedCents,
              creditCents,
              method: row.method,
              receivedOn: row.receivedOn,
              allocations,
            },
          },
        );
        await repo.insertPayment(tx, row);
        await recordAudit(tx, ctx, 'create', 'payment', [row.id]);
        return { status: 201, body: payment };
      }),

    /** Unapplied credit moved onto what the patient owes (oldest first unless allocated): no money moves. */
    applyCredit: (ctx: RequestContext, patientId: string, body: CreditApplicationCreate) =>
      writeTx(db, ctx, async (tx) => {
        const { locked, ...input } = await prepare(tx, ctx, patientId, body.allocations, false);
        const transaction = rule(() =>
          applyPatientCredit({
            patientId,
            ...input,
            ...(body.amountCents === undefined ? {} : { amountCents: body.amountCents }),
          }),
        );
        const id = ledger.newTransactionId();
        const allocations = allocationsOf(transaction);
        const amountCents = allocations.reduce((s, a) => s + a.amountCents, 0);
        const appliedOn = unit.today(ctx);
        // No source row of its own: the transaction is the credit application (its sourceId is its own id).
        await unit.post(
          tx,
          ctx,
          {
            id,
            transaction,
            sourceType: 'payment',
            sourceId: id,
            effectiveDate: appliedOn,
            patientId,
            claimId: soleClaim(allocations),
          },
          locked,
          null,
        );
        const body201: CreditApplication = {
          id,
          object: 'credit_application',
          patientId,
          amountCents,
          allocations,
          remainingCreditCents: unappliedCredit([...input.entries, ...transaction.entries], patientId),
          appliedOn,
          createdAt: clock.now().toISOString(),
        };
        return { status: 201, body: body201 };
      }),

    async retrievePayment(ctx: RequestContext, id: string) {
      const row = await repo.findPayment(db, ctx.orgId, id);
      if (!row) throw notFound('payment', id);
      const [t] = await ledger.sourceTransactions(db, ctx.orgId, 'payment', [id]);
      await recordAudit(db, ctx, 'read', 'payment', [id]);
      return toPayment(row, t ?? { entries: [] });
    },

    async listPayments(ctx: RequestContext, patientId: string, page: PageQuery) {
      if (!(await patients.lookup(db, ctx.orgId, patientId))) throw notFound('patient', patientId);
      const rows = await repo.paymentsOf(db, ctx.orgId, patientId, page);
      const shown = rows.slice(0, page.limit).map((r) => r.id);
      const transactions = await ledger.sourceTransactions(db, ctx.orgId, 'payment', shown);
      const bySource = new Map(transactions.map((t) => [t.sourceId, t]));
      await recordAudit(db, ctx, 'list', 'payment', shown);
      return toPage(
        rows.map((r) => ({ ...r, updatedAt: r.createdAt })),
        page.limit,
        (r) => toPayment(r, bySource.get(r.id) ?? { entries: [] }),
      );
    },

    ...createWriteoffsService(deps, unit),
    ...createRefundsService(deps, unit),
  };
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;
