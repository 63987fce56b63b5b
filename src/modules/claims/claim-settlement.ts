import type { DbOrTx } from '../../db/client.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import { isSettled, type LedgerEntry } from '../../domain/ledger/index.js';
import type { RequestContext } from '../../lib/context.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { applyTransitions, type ClaimTransition } from './claim-batch.js';
import { claimsRepository as repo } from './claims.repository.js';

/**
 * Issue 10: a claim closes when nobody owes anything on it (insurance and patient balances both zero, no credit
 * balance either), and reopens when a reversal or a write-off taken back makes it owe again. Only a decided claim
 * closes: one the payer has not adjudicated is still owed by the payer.
 */
const CLOSABLE: ReadonlySet<ClaimStatus> = new Set(['paid', 'partially_paid', 'denied', 'reversed']);

export interface SettlingClaim {
  id: string;
  encounterId: string;
  patientId: string;
  /** Its status once the caller's own changes are applied. */
  status: ClaimStatus;
}

/** The close of each decided claim its entries now settle (reopens need the history: see `settleClaims`). */
export function closeTransitions(claims: readonly SettlingClaim[], entries: readonly LedgerEntry[]): ClaimTransition[] {
  return claims.filter((c) => CLOSABLE.has(c.status) && isSettled(entries, c.id)).map(closing);
}

function closing(c: SettlingClaim): ClaimTransition {
  return {
    claim: c,
    from: c.status,
    to: 'closed',
    reason: 'nothing owed: insurance and patient balances are zero',
    reasonCodes: [],
    statusEvent: { type: 'claim.closed', data: { insuranceBalanceCents: 0, patientBalanceCents: 0 } },
  };
}

/** The status a closed claim closed from (its latest close in the history). */
async function closedFrom(tx: DbOrTx, orgId: string, claimId: string): Promise<ClaimStatus> {
  const history = await repo.history(tx, orgId, claimId);
  const close = history.filter((h) => h.toStatus === 'closed').at(-1);
  return close?.fromStatus && close.fromStatus !== 'reversed' ? close.fromStatus : 'paid';
}

/**
 * After a posting that moved money on these claims (held locked by the caller): closes the ones now settled and
 * reopens the closed ones that owe again, in one statement with their history and events.
 */
export async function settleClaims(
  tx: DbOrTx,
  ctx: RequestContext,
  deps: { ledger: LedgerService },
  claims: readonly SettlingClaim[],
): Promise<void> {
  if (claims.length === 0) return;
  const entries = await deps.ledger.claimEntries(
    tx,
    ctx.orgId,
    claims.map((c) => c.id),
  );
  const transitions = closeTransitions(claims, entries);
  for (const c of claims) {
    if (c.status !== 'closed' || isSettled(entries, c.id)) continue;
    const to = await closedFrom(tx, ctx.orgId, c.id);
    transitions.push({
      claim: c,
      from: 'closed',
      to,
      reason: 'reopened: the claim owes again',
      reasonCodes: [],
      statusEvent: { type: 'claim.reopened', data: {} },
    });
  }
  await applyTransitions(tx, ctx, transitions);
}
