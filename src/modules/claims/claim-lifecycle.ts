import type { DbOrTx } from '../../db/client.js';
import { assertTransition, type ClaimStatus } from '../../domain/claims/claim-status.js';
import type { RequestContext } from '../../lib/context.js';
import { eventsRepository } from '../events/events.repository.js';
import { claimsRepository, type ClaimRow } from './claims.repository.js';

export interface TransitionReason {
  reason: string;
  reasonCodes?: string[];
  /** Other columns changing with the status (issues after a rescrub, say). */
  patch?: Partial<ClaimRow>;
}

/**
 * The one way a claim changes status: checked against the transition table, recorded in the claim's
 * history and emitted as claim.status_changed — all in the caller's transaction.
 */
export async function transitionClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  claim: ClaimRow,
  to: ClaimStatus,
  why: TransitionReason,
): Promise<ClaimRow> {
  const from = claim.status as ClaimStatus;
  assertTransition(from, to);
  const updated = await claimsRepository.update(tx, ctx.orgId, claim.id, from, { ...why.patch, status: to });
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
  await eventsRepository.emit(tx, ctx.orgId, 'claim.status_changed', {
    claimId: claim.id,
    encounterId: claim.encounterId,
    previousStatus: from,
    status: to,
    reason: why.reason,
    reasonCodes,
    actor: ctx.actor,
  });
  return updated;
}
