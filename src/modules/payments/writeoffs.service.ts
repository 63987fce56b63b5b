import type { DbOrTx } from '../../db/client.js';
import {
  type LedgerEntry,
  PATIENT,
  type Party,
  postWriteoff,
  receivableRows,
  reverse,
  type WriteoffInput,
} from '../../domain/ledger/index.js';
import type { RequestContext } from '../../lib/context.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { toWriteoff, writeoffEventData } from './payment-mapper.js';
import { lineNotOwing, writeoffAlreadyReversed, writeoffIsReversal } from './payments.errors.js';
import { paymentsRepository as repo, type WriteoffRow } from './payments.repository.js';
import type { WriteoffCreate } from './payments.schemas.js';
import type { LockedClaim, PaymentsDeps, PostingUnit } from './posting-unit.js';
import { rule } from './posting-unit.js';

/** Whose balance a write-off gives up: the patient's, or the claim's own coverage (insurance side). */
const partyOf = (side: WriteoffCreate['side'], claim: LockedClaim): Party =>
  side === 'patient' ? PATIENT : { kind: 'coverage', coverageId: claim.coverageId, payerId: claim.payerId };

/** The amount or line the rule takes: one line's whole balance when only a line is named. */
function scope(body: WriteoffCreate, entries: readonly LedgerEntry[], claimId: string, party: Party) {
  if (body.lineNumber === undefined) return body.amountCents === undefined ? {} : { amountCents: body.amountCents };
  const open = receivableRows(entries, { claimId, party }).find((r) => r.lineNumber === body.lineNumber);
  const amountCents = body.amountCents ?? open?.balanceCents ?? 0;
  if (amountCents <= 0) throw lineNotOwing(claimId, body.lineNumber);
  return { allocations: [{ lineNumber: body.lineNumber, amountCents }] } satisfies Partial<WriteoffInput>;
}

/** Write-offs with a reason, on either side of a claim, and their reversals (the exact opposite transaction). */
export function createWriteoffsService({ db, clock, ids, ledger, claims }: PaymentsDeps, unit: PostingUnit) {
  async function viewOf(tx: DbOrTx, orgId: string, row: WriteoffRow) {
    const [t] = await ledger.sourceTransactions(tx, orgId, 'writeoff', [row.id]);
    const [reversal] = await repo.reversalsOf(tx, orgId, [row.id]);
    return toWriteoff(row, t ?? { entries: [] }, reversal?.id ?? null);
  }

  return {
    createWriteoff: (ctx: RequestContext, body: WriteoffCreate) =>
      writeTx(db, ctx, async (tx) => {
        const [found] = await claims.summaries(tx, ctx.orgId, [body.claimId]);
        if (!found) throw notFound('claim', body.claimId, 'claimId');
        const locked = await unit.lockPatient(tx, ctx, found.claim.patientId);
        const claim = await unit.ownClaim(tx, ctx, locked, body.claimId, 'claimId');
        const entries = await ledger.claimEntries(tx, ctx.orgId, [claim.id]);
        const party = partyOf(body.side, claim);
        const transaction = rule(() =>
          postWriteoff({
            claimId: claim.id,
            patientId: claim.patientId,
            party,
            reason: body.reason,
            entries,
            ...scope(body, entries, claim.id, party),
          }),
        );
        const row: WriteoffRow = {
          orgId: ctx.orgId,
          id: ids.next('writeoff'),
          claimId: claim.id,
          patientId: claim.patientId,
          side: body.side,
          coverageId: party.kind === 'coverage' ? party.coverageId : null,
          reason: body.reason,
          amountCents: transaction.entries.filter((e) => e.amountCents > 0).reduce((s, e) => s + e.amountCents, 0),
          reversesId: null,
          note: body.note ?? null,
          transactionId: ledger.newTransactionId(),
          createdAt: clock.now(),
        };
        const writeoff = toWriteoff(row, transaction, null);
        await unit.post(
          tx,
          ctx,
          {
            id: row.transactionId,
            transaction,
            sourceType: 'writeoff',
            sourceId: row.id,
            effectiveDate: unit.today(ctx),
            patientId: claim.patientId,
            claimId: claim.id,
          },
          locked,
          { type: 'writeoff.posted', data: writeoffEventData(writeoff) },
        );
        await repo.insertWriteoff(tx, row);
        await recordAudit(tx, ctx, 'create', 'writeoff', [row.id]);
        return { status: 201, body: writeoff };
      }),

    /** A new write-off row and `reverse()` of the original's transaction: the balance owes again (the claim reopens). */
    reverseWriteoff: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const original = await repo.findWriteoff(tx, ctx.orgId, id);
        if (!original) throw notFound('write-off', id);
        const locked = await unit.lockPatient(tx, ctx, original.patientId);
        if (original.reversesId) throw writeoffIsReversal(id, original.reversesId);
        // Read after the locks: a reversal racing this one has committed by now.
        const [done] = await repo.reversalsOf(tx, ctx.orgId, [id]);
        if (done) throw writeoffAlreadyReversed(id, done.id);
        const [stored] = await ledger.sourceTransactions(tx, ctx.orgId, 'writeoff', [id]);
        if (!stored) throw new Error(`Write-off ${id} has no journal transaction`);
        const transaction = reverse(stored);
        const row: WriteoffRow = {
          ...original,
          id: ids.next('writeoff'),
          reversesId: id,
          note: null,
          transactionId: ledger.newTransactionId(),
          createdAt: clock.now(),
        };
        const reversal = toWriteoff(row, transaction, null);
        await unit.post(
          tx,
          ctx,
          {
            id: row.transactionId,
            transaction,
            sourceType: 'writeoff',
            sourceId: row.id,
            effectiveDate: unit.today(ctx),
            patientId: row.patientId,
            claimId: row.claimId,
            reversesId: stored.id,
          },
          locked,
          { type: 'writeoff.posted', data: writeoffEventData(reversal) },
        );
        await repo.insertWriteoff(tx, row);
        await recordAudit(tx, ctx, 'create', 'writeoff', [row.id]);
        return { status: 201, body: reversal };
      }),

    async retrieveWriteoff(ctx: RequestContext, id: string) {
      const row = await repo.findWriteoff(db, ctx.orgId, id);
      if (!row) throw notFound('write-off', id);
      await recordAudit(db, ctx, 'read', 'writeoff', [id]);
      return viewOf(db, ctx.orgId, row);
    },

    /** A claim's write-offs and reversals, oldest first (a claim has few: one page). */
    async claimWriteoffs(ctx: RequestContext, claimId: string) {
      if (!(await claims.exists(db, ctx.orgId, claimId))) throw notFound('claim', claimId);
      const rows = await repo.writeoffsOfClaim(db, ctx.orgId, claimId);
      const transactions = await ledger.sourceTransactions(
        db,
        ctx.orgId,
        'writeoff',
        rows.map((r) => r.id),
      );
      const bySource = new Map(transactions.map((t) => [t.sourceId, t]));
      const reversedBy = new Map(rows.filter((r) => r.reversesId).map((r) => [r.reversesId!, r.id]));
      await recordAudit(
        db,
        ctx,
        'list',
        'writeoff',
        rows.map((r) => r.id),
      );
      return {
        object: 'list' as const,
        data: rows.map((r) => toWriteoff(r, bySource.get(r.id) ?? { entries: [] }, reversedBy.get(r.id) ?? null)),
        nextCursor: null,
      };
    },
  };
}
