import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import { AppError, defineErrors } from '../../lib/problem.js';

export const CLAIM_ERRORS = defineErrors({
  invalid_claim_transition: {
    status: 409,
    description: 'The claim’s status does not allow this; `currentStatus` and `requestedStatus` say why.',
  },
  claim_changed: { status: 409, description: 'The claim changed while the request ran; re-read it and retry.' },
});

export const invalidTransition = (from: ClaimStatus, to: ClaimStatus) =>
  new AppError(CLAIM_ERRORS.invalid_claim_transition, `A claim in status '${from}' cannot move to '${to}'.`, {
    currentStatus: from,
    requestedStatus: to,
  });

export const claimChanged = (id: string) =>
  new AppError(CLAIM_ERRORS.claim_changed, `Claim ${id} changed while this request ran; re-read it and retry.`);
