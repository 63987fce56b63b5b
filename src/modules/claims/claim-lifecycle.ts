import type { DbOrTx } from '../../db/client.js';
import { type ClaimStatus, canTransition } from '../../domain/claims/claim-status.js';
import type { RequestContext } from '../../lib/context.js';
import { emitEvent } from '../events/events.service.js';
import { statusChangeOf } from './claim-batch.js';
import { claimChanged, invalidTransition } from './claims.errors.js';
import { type ClaimRow, claimsRepository } from './claims.repository.js';

export interface TransitionReason {
  reason: string;
  reasonCodes?: string[];
  /** Other columns changing with the status (issues after a rescrub, say). */
  patch?: Partial<ClaimRow>;
}

/** Changes a claim the caller holds locked, bumping its version; 409 if it moved under the caller. */
export async function updateClaim(tx: DbOrTx, claim: ClaimRow, patch: Partial<ClaimRow>): Promise<ClaimRow> {
  const updated = await claimsRepository.update(tx, claim.orgId, claim.id, claim.status, patch);
  if (!updated) throw claimChanged(claim.id);
  return updated;
}

/**
 * The one way a claim changes status: checked against the transition table (domain/claims/claim-status.ts),
 * recorded in the claim's history and emitted as claim.status_changed — all in the caller's transaction.
 */
export async function transitionClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  claim: ClaimRow,
  to: ClaimStatus,
  why: TransitionReason,
): Promise<ClaimRow> {
  const from = claim.status;
  if (!canTransition(from, to)) throw invalidTransition(from, to);
  const updated = await updateClaim(tx, claim, { ...why.patch, status: to });
  const reasonCodes = why.reasonCodes ?? [];
  await claimsRepository.insertHistory(tx, {
    orgId: ctx.orgId,
    claimId: claim.id,
    fromStatus: from,
    toStatus: to,
    reason: why.reason,
    reasonCodes,
    actor: ctx.actor,
    requestId: ctx.requestId,
  });
  await emitEvent(tx, ctx.orgId, {
    type: 'claim.status_changed',
    data: { ...statusChangeOf({ claim, from, to, reason: why.reason, reasonCodes }), actor: ctx.actor },
  });
  return updated;
}
