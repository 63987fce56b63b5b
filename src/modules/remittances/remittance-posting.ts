import type { Tx } from '../../db/client.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { NewEvent } from '../../domain/events.js';
import { centsToX12 } from '../../domain/money.js';
import type { AdjudicationResult } from '../../domain/remittance/adjudication.js';
import {
  adjudicatedStatus,
  allowedTotal,
  denialCodes,
  matchLines,
  plannedChange,
  reasonCodes,
} from '../../domain/remittance/posting.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import type { ClaimTransition, PostingClaim } from '../claims/claim-batch.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { createBatchLedger } from './remittance-ledger.js';
import type { ClaimsService } from '../claims/claims.service.js';
import { type AdjudicationRow, remittancesRepository as repo } from './remittances.repository.js';

/**
 * Posting payer decisions onto our claims, a batch at a time: one statement reads and locks the claims the batch
 * names (by CLP01), one writes its adjudications, one applies the status changes with their history and events.
 * An 835 of any size goes through in batches inside one transaction; a JSON adjudication is a batch of one.
 */

/** The remittance a batch's claims belong to (null for a JSON adjudication). */
export interface PostingRemittance {
  id: string;
  traceNumber: string;
  /** BPR16: the date the journal counts the payment on (else today, in the org's zone). */
  paymentDate: string | null;
  /** Counted while posting. */
  unmatched: number;
  payerIds: Set<string>;
}

interface Pending {
  result: AdjudicationResult;
  remittance: PostingRemittance | null;
  sequence: number;
  source: AdjudicationRow['source'];
  /** For a JSON adjudication: the claim named by the URL, checked by the caller. */
  claimId?: string;
}

export interface Posted {
  adjudication: AdjudicationRow;
  /** The claim's status before this adjudication, when matched. */
  previousStatus: ClaimStatus | null;
}

export const POSTING_BATCH = 1_000;

/** Statuses in which the payer has the claim, so its claim control number is worth keeping. */
const AT_PAYER: ReadonlySet<ClaimStatus> = new Set([
  'submitted',
  'accepted',
  'paid',
  'partially_paid',
  'denied',
  'appealed',
  'reversed',
  'closed',
]);

/** Claims whose journal an adjudication moves: the payer has it, or had it (a late decision on a corrected claim). */
const POSTS_TO_LEDGER: ReadonlySet<ClaimStatus> = new Set([...AT_PAYER, 'replaced', 'void']);

/** A processed decision (not a reversal or a denial) that makes someone after the payer owe (Σ PR > 0). */
function leavesResponsibility(result: AdjudicationResult): boolean {
  if (result.statusCode === '22' || adjudicatedStatus(result) === 'denied') return false;
  const pr = [...result.adjustments, ...result.lines.flatMap((l) => l.adjustments)]
    .filter((a) => a.group === 'PR')
    .reduce((sum, a) => sum + a.amountCents, 0);
  return pr > 0;
}

export interface PosterDeps {
  claims: ClaimsService;
  ledger: LedgerService;
  ids: Ids;
  now: Date;
  /** Today in the organization's zone: the journal date of a decision without a payment date. */
  today: string;
}

export function createPoster(tx: Tx, ctx: RequestContext, deps: PosterDeps) {
  const { claims, ledger, ids, now } = deps;
  let pending: Pending[] = [];

  async function write(batch: Pending[]): Promise<Posted[]> {
    const pcns = [...new Set(batch.map((p) => p.result.patientControlNumber))];
    const found = new Map((await claims.forPosting(tx, ctx.orgId, pcns)).map((c) => [c.patientControlNumber, c]));
    const journal = await createBatchLedger(
      tx,
      ctx.orgId,
      ledger,
      [...found.values()].map((c) => c.id),
    );
    const touched = new Map<string, PostingClaim>();
    // COB: claims whose decision leaves patient responsibility go to the next coverage's claim when there is one.
    const cobCandidates = new Set<string>();
    for (const p of batch) {
      const claim = found.get(p.result.patientControlNumber);
      if (
        claim &&
        (!p.claimId || claim.id === p.claimId) &&
        AT_PAYER.has(claim.status) &&
        leavesResponsibility(p.result)
      ) {
        cobCandidates.add(claim.id);
      }
    }
    const nextPayers = await claims.nextPayers(tx, ctx, [...cobCandidates]);
    /** Status as this batch leaves it, for a claim answered twice (a reversal, then its re-adjudication). */
    const statuses = new Map<string, ClaimStatus>();
    const payerClaimNumbers = new Map<string, string>();
    const rows: AdjudicationRow[] = [];
    const transitions: ClaimTransition[] = [];
    const events: NewEvent[] = [];
    const posted: Posted[] = [];
    for (const p of batch) {
      const { result } = p;
      const match = found.get(result.patientControlNumber);
      const claim = match && (!p.claimId || match.id === p.claimId) ? match : null;
      const id = ids.next('adjudication');
      const previous = claim ? (statuses.get(claim.id) ?? claim.status) : null;
      const change = previous ? plannedChange(previous, result) : null;
      const lineNumbers = claim ? matchLines(result.lines, claim.lines) : result.lines.map(() => null);
      const row: AdjudicationRow = {
        orgId: ctx.orgId,
        id,
        claimId: claim?.id ?? null,
        remittanceId: p.remittance?.id ?? null,
        source: p.source,
        sequence: p.sequence,
        patientControlNumber: result.patientControlNumber,
        statusCode: result.statusCode,
        payerClaimControlNumber: result.payerClaimControlNumber,
        chargeCents: result.chargeCents,
        paidCents: result.paidCents,
        patientResponsibilityCents: result.patientResponsibilityCents,
        allowedCents: allowedTotal(result),
        filingIndicator: result.filingIndicator,
        adjustments: result.adjustments,
        remarkCodes: result.remarkCodes,
        lines: result.lines.map((l, i) => ({ ...l, claimLineNumber: lineNumbers[i] ?? null })),
        serviceDate: result.serviceDate,
        serviceDateTo: result.serviceDateTo,
        patientName: result.patientName,
        claimStatus: change ?? previous,
        statusApplied: change !== null,
        createdAt: now,
      };
      rows.push(row);
      posted.push({ adjudication: row, previousStatus: previous });
      if (!claim) {
        if (p.remittance) p.remittance.unmatched++;
        events.push({
          type: 'remittance.unmatched_claim',
          data: {
            remittanceId: p.remittance?.id ?? null,
            adjudicationId: id,
            patientControlNumber: result.patientControlNumber,
            payerClaimControlNumber: result.payerClaimControlNumber,
            statusCode: result.statusCode,
            paidCents: result.paidCents,
          },
        });
        continue;
      }
      p.remittance?.payerIds.add(claim.payerId);
      if (POSTS_TO_LEDGER.has(previous!)) {
        const next = leavesResponsibility(result) ? nextPayers.get(claim.id) : undefined;
        journal.add(id, claim, result, lineNumbers, p.remittance?.paymentDate ?? deps.today, next);
        touched.set(claim.id, claim);
      }
      // The payer's claim number is the claim's only while the payer holds it (not for one never sent, rejected,
      // replaced or void: a decision those cannot take changes nothing of them).
      if (result.payerClaimControlNumber && (change || AT_PAYER.has(previous!))) {
        payerClaimNumbers.set(claim.id, result.payerClaimControlNumber);
      }
      const adjudicated: NewEvent = {
        type: 'claim.adjudicated',
        data: {
          claimId: claim.id,
          encounterId: claim.encounterId,
          patientId: claim.patientId,
          adjudicationId: id,
          remittanceId: p.remittance?.id ?? null,
          statusCode: result.statusCode,
          previousStatus: previous!,
          status: change ?? previous!,
          statusApplied: change !== null,
          chargeCents: result.chargeCents,
          paidCents: result.paidCents,
          patientResponsibilityCents: result.patientResponsibilityCents,
          payerClaimControlNumber: result.payerClaimControlNumber,
          reasonCodes: reasonCodes(result),
        },
      };
      const claimEvents: NewEvent[] = [adjudicated];
      if (adjudicatedStatus(result) === 'denied') {
        claimEvents.push({
          type: 'claim.denied',
          data: {
            claimId: claim.id,
            encounterId: claim.encounterId,
            patientId: claim.patientId,
            adjudicationId: id,
            chargeCents: result.chargeCents,
            ...denialCodes(result),
          },
        });
      }
      if (!change) {
        events.push(...claimEvents);
        continue;
      }
      statuses.set(claim.id, change);
      const via = p.remittance ? `835 trace ${p.remittance.traceNumber}` : 'adjudication posted by API';
      transitions.push({
        claim,
        from: previous!,
        to: change,
        reason: `${via}: CLP02 ${result.statusCode}, paid ${centsToX12(result.paidCents)}, patient responsibility ${centsToX12(result.patientResponsibilityCents)}`,
        reasonCodes: reasonCodes(result),
        payerClaimNumber: result.payerClaimControlNumber,
        events: claimEvents,
      });
    }
    // A claim whose status changes gets its payer claim number with that change (one update of the row, not two).
    for (const t of transitions) payerClaimNumbers.delete(t.claim.id);
    await repo.insertAdjudications(
      tx,
      ctx.orgId,
      rows,
      [...payerClaimNumbers].map(([id, number]) => ({ id, payer_claim_number: number })),
    );
    await journal.write();
    // Claims the batch settled close with it; balance.changed follows every patient whose balances moved.
    const settling = [...touched.values()].map((c) => ({ ...c, status: statuses.get(c.id) ?? c.status }));
    for (const c of settling) {
      transitions.push(...claims.closeTransitions([c], journal.entriesOf(c.id)));
    }
    const balances = await ledger.balanceChangedEvents(
      tx,
      ctx.orgId,
      settling.map((c) => c.patientId),
    );
    await claims.applyTransitions(tx, ctx, transitions, [...events, ...balances]);
    return posted;
  }

  // Batches are written one after another on the transaction's connection while the caller reads on: the next
  // file chunk is parsed while the database writes the last batch. A failure stops every later batch and is
  // thrown by the next `done()`.
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  let last: Posted[] = [];

  return {
    /**
     * Queues one decision (`sequence`: its CLP's order in the remittance); the caller flushes when `size` reaches
     * a batch, and at the end.
     */
    add(result: AdjudicationResult, remittance: PostingRemittance | null, sequence: number, claimId?: string) {
      pending.push({
        result,
        remittance,
        sequence,
        source: remittance ? 'x12_835' : 'api',
        ...(claimId ? { claimId } : {}),
      });
    },
    get size() {
      return pending.length;
    },
    /**
     * Writes the queued decisions after the batch before them, and resolves once that earlier batch is written: one
     * batch in the database while the caller reads the next, never more (memory stays one or two batches).
     */
    async flush(): Promise<void> {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const previous = chain;
      chain = previous.then(async () => {
        if (failure) return;
        try {
          last = await write(batch);
        } catch (error) {
          failure = { error };
        }
      });
      await previous;
    },
    /** Every queued decision written; the decisions of the last batch. */
    async done(): Promise<Posted[]> {
      await this.flush();
      await chain;
      if (failure) throw failure.error;
      return last;
    },
  };
}
