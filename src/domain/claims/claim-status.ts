/**
 * Claim status machine (DESIGN.md "Claim status"). The table below is the single source of truth for what may
 * follow what: the claims module checks every change against it (`canTransition`, in `transitionClaim`,
 * src/modules/claims/claim-lifecycle.ts) and answers a refused one with its `invalid_claim_transition` error.
 *
 * Vocabulary used in the comments:
 * - front end: the 999 / 277CA acknowledgments. A rejection there means the payer never adjudicated
 *   the claim, so it is fixed and sent again as an original claim (CLM05-3 = 1). A rejection is never a denial.
 * - adjudication: the payer's decision, read from an 835 (or posted as JSON).
 * - corrections: a frequency 7 replacement or frequency 8 void (CLM05-3 = 7 / 8). Both reference the payer's
 *   claim control number (2300 REF*F8), so they only exist for claims the payer has on file.
 */

export const CLAIM_STATUSES = [
  'needs_attention',
  'ready',
  'on_hold',
  'submitted',
  'accepted',
  'rejected',
  'paid',
  'partially_paid',
  'denied',
  'appealed',
  'reversed',
  'replaced',
  'void',
  'closed',
] as const;

export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** 837P CLM05-3 claim frequency: 1 original, 7 replacement of a prior claim, 8 void of a prior claim. */
export const FREQUENCY_CODES = ['1', '7', '8'] as const;
export type FrequencyCode = (typeof FREQUENCY_CODES)[number];

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  // Scrub errors. A rescrub after a fix moves it to ready. Voiding here is local: the payer never saw it.
  needs_attention: ['ready', 'on_hold', 'void'],
  // Back to needs_attention when a rescrub finds errors that appeared since (code set update, coverage
  // terminated, timely-filing deadline passed, an edit by the user).
  ready: ['needs_attention', 'submitted', 'on_hold', 'void'],
  // Releasing a hold always rescrubs; the rescrub result decides between ready and needs_attention.
  on_hold: ['ready', 'needs_attention', 'void'],
  // No hold and no void once sent: the interchange is out of our hands until the payer answers.
  // An 835 may arrive without any 277CA (many payers never send one), so adjudication can follow directly.
  submitted: ['accepted', 'rejected', 'paid', 'partially_paid', 'denied'],
  // accepted -> rejected: a clearinghouse 277CA can accept the claim (STC A1/A2) and the payer's own
  // 277CA reject it later (A3/A7). A replacement or void may be sent while the payer still has it pending.
  accepted: ['rejected', 'paid', 'partially_paid', 'denied', 'replaced', 'void'],
  // Never adjudicated, so never replaced: fix it in place and resubmit as an original claim.
  // The rescrub after the fix decides between ready and needs_attention.
  rejected: ['ready', 'needs_attention', 'on_hold', 'void'],
  // paid -> appealed: underpayment against the contracted rate is appealed like a denial.
  // paid -> partially_paid is not allowed: a payer taking money back is a reversal (835 CLP02 = 22).
  paid: ['closed', 'reversed', 'replaced', 'void', 'appealed'],
  // partially_paid -> paid: a later 835 brings a supplemental payment for the unpaid part without
  // reversing the first payment. The usual route for line-level denials is an appeal.
  partially_paid: ['paid', 'closed', 'reversed', 'replaced', 'void', 'appealed'],
  // denied -> paid | partially_paid: the payer reprocesses on its own or after a reopening request,
  // which is not a formal appeal. denied -> closed: the denial is accepted and written off.
  denied: ['appealed', 'paid', 'partially_paid', 'replaced', 'void', 'closed'],
  // An appeal ends in a new adjudication; an upheld denial is `denied` again. A withdrawn appeal goes
  // back through denied too, so the history says how it ended.
  appealed: ['paid', 'partially_paid', 'denied'],
  // The payer took money back. The 835 that reverses a claim usually carries its re-adjudication too
  // (the CLP02 = 22 reversal followed by a new CLP), hence paid / partially_paid / denied. Otherwise the
  // claim is corrected, voided, disputed, or closed once the recoupment is settled.
  reversed: ['paid', 'partially_paid', 'denied', 'appealed', 'replaced', 'void', 'closed'],
  // Terminal: the replacement claim carries on. A later 835 reversal of the original is posted to the
  // ledger but does not move this claim.
  replaced: [],
  // Terminal.
  void: [],
  // Not terminal: post-payment audits recoup money from closed claims months later, and a coding
  // review can require a corrected (frequency 7) or voided (frequency 8) claim after the balance is settled.
  // A payer taking money back reopens it as reversed; anything else that makes it owe again (a write-off
  // taken back) reopens it in the status it closed from.
  closed: ['reversed', 'replaced', 'void', 'paid', 'partially_paid', 'denied'],
};

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_claim_transition';

  constructor(
    readonly from: ClaimStatus,
    readonly to: ClaimStatus,
  ) {
    super(`A claim cannot move from '${from}' to '${to}'.`);
    this.name = 'InvalidTransitionError';
  }
}

export function isClaimStatus(value: string): value is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(value);
}

/** Staying in the same status is not a transition, so `canTransition(s, s)` is false for every status. */
export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

/**
 * For pure callers: throws a domain error (not an HTTP one). Services check with `canTransition` and answer with
 * their module's error instead.
 */
export function assertTransition(from: ClaimStatus, to: ClaimStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

export function nextStatuses(from: ClaimStatus): readonly ClaimStatus[] {
  return CLAIM_TRANSITIONS[from];
}

/** Only a clean claim goes into an 837P batch; a fixed rejection is rescrubbed to `ready` first. */
export function isSubmittable(status: ClaimStatus): boolean {
  return status === 'ready';
}

const EDITABLE: ReadonlySet<ClaimStatus> = new Set(['needs_attention', 'ready', 'on_hold', 'rejected']);

/**
 * Claims the payer has not adjudicated may be rebuilt in place. `rejected` is editable because a
 * front-end rejection means the payer never processed it; once adjudicated, changes go through a
 * frequency 7 replacement claim instead.
 */
export function isEditable(status: ClaimStatus): boolean {
  return EDITABLE.has(status);
}

/** A status nothing can follow (`replaced`, `void`). `closed` is not terminal: see the table. */
export function isTerminal(status: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[status].length === 0;
}
