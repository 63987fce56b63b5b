import type { DbOrTx } from '../../db/client.js';
import {
  type CoverageParty,
  type JournalTransaction,
  type LedgerEntry,
  receivableRows,
  refundPatientCredit,
  refundPayer,
} from '../../domain/ledger/index.js';
import type { RequestContext } from '../../lib/context.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { refundEventData, toRefund } from './payment-mapper.js';
import { coverageNotOnClaim } from './payments.errors.js';
import { paymentsRepository as repo, type RefundRow } from './payments.repository.js';
import type { RefundCreate } from './payments.schemas.js';
import type { LockedClaim, PaymentsDeps, PostingUnit } from './posting-unit.js';
import { rule } from './posting-unit.js';

/** The payer a refund pays back: the claim's own coverage by default, else one with a receivable on the claim. */
function coverageOf(claim: LockedClaim, entries: readonly LedgerEntry[], coverageId?: string): CoverageParty {
  const wanted = coverageId ?? claim.coverageId;
  if (wanted === claim.coverageId) return { kind: 'coverage', coverageId: wanted, payerId: claim.payerId };
  const row = receivableRows(entries, { claimId: claim.id }).find(
    (r) => r.party.kind === 'coverage' && r.party.coverageId === wanted,
  );
  if (!row || row.party.kind !== 'coverage') throw coverageNotOnClaim(claim.id, wanted);
  return row.party;
}

/** Money paid back out of a credit: a patient's unapplied credit, or a payer's credit balance on a claim. */
export function createRefundsService({ db, clock, ids, ledger }: PaymentsDeps, unit: PostingUnit) {
  /** The refund's transaction, and for a payer refund the claim and coverage it pays back. */
  async function plan(tx: DbOrTx, ctx: RequestContext, body: RefundCreate, locked: readonly LockedClaim[]) {
    const { patientId, amountCents } = body;
    if (body.recipient === 'patient' || !body.claimId) {
      const entries = await ledger.patientSideEntries(tx, ctx.orgId, patientId);
      return { transaction: rule(() => refundPatientCredit({ patientId, amountCents, entries })), claim: null };
    }
    const claim = await unit.ownClaim(tx, ctx, locked, body.claimId, 'claimId');
    const entries = await ledger.claimEntries(tx, ctx.orgId, [claim.id]);
    const coverage = coverageOf(claim, entries, body.coverageId);
    const transaction: JournalTransaction = rule(() =>
      refundPayer({ claimId: claim.id, patientId, coverage, amountCents, entries }),
    );
    return { transaction, claim: { id: claim.id, coverage } };
  }

  return {
    createRefund: (ctx: RequestContext, body: RefundCreate) =>
      writeTx(db, ctx, async (tx) => {
        const locked = await unit.lockPatient(tx, ctx, body.patientId);
        const { transaction, claim } = await plan(tx, ctx, body, locked);
        const row: RefundRow = {
          orgId: ctx.orgId,
          id: ids.next('refund'),
          patientId: body.patientId,
          recipient: body.recipient,
          claimId: claim?.id ?? null,
          coverageId: claim?.coverage.coverageId ?? null,
          payerId: claim?.coverage.payerId ?? null,
          amountCents: body.amountCents,
          method: body.method,
          reference: body.reference ?? null,
          refundedOn: body.refundedOn ?? unit.today(ctx),
          transactionId: ledger.newTransactionId(),
          createdAt: clock.now(),
        };
        const refund = toRefund(row);
        await unit.post(
          tx,
          ctx,
          {
            id: row.transactionId,
            transaction,
            sourceType: 'refund',
            sourceId: row.id,
            effectiveDate: row.refundedOn,
            patientId: row.patientId,
            claimId: row.claimId,
          },
          locked,
          { type: 'refund.posted', data: refundEventData(refund) },
        );
        await repo.insertRefund(tx, row);
        await recordAudit(tx, ctx, 'create', 'refund', [row.id]);
        return { status: 201, body: refund };
      }),

    async retrieveRefund(ctx: RequestContext, id: string) {
      const row = await repo.findRefund(db, ctx.orgId, id);
      if (!row) throw notFound('refund', id);
      await recordAudit(db, ctx, 'read', 'refund', [id]);
      return toRefund(row);
    },
  };
}
