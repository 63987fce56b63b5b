import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import { CORRECTABLE_STATUSES, type CorrectionKind } from '../../domain/claims/correction.js';
import { AppError, defineErrors } from '../../lib/problem.js';

export const CLAIM_ERRORS = defineErrors({
  invalid_claim_transition: {
    status: 409,
    description: 'The claim’s status does not allow this; `currentStatus` and `requestedStatus` say why.',
  },
  claim_changed: { status: 409, description: 'The claim changed while the request ran; re-read it and retry.' },
  claim_not_correctable: {
    status: 409,
    description:
      'Only a claim the payer has on file can be replaced or voided; `currentStatus` and `correctableStatuses` say why. ' +
      'A claim the payer never adjudicated is fixed in place (PATCH its encounter) and sent as an original claim.',
  },
  claim_already_corrected: {
    status: 409,
    description: 'The claim was already replaced or voided; `correctedByClaimId` names that claim: correct it instead.',
  },
  payer_claim_number_missing: {
    status: 422,
    description:
      'The claim has no payer claim control number (835 CLP07) yet, which a replacement or void must send (REF*F8): ' +
      'wait for the payer’s adjudication.',
  },
});

export const invalidTransition = (from: ClaimStatus, to: ClaimStatus) =>
  new AppError(CLAIM_ERRORS.invalid_claim_transition, `A claim in status '${from}' cannot move to '${to}'.`, {
    currentStatus: from,
    requestedStatus: to,
  });

export const claimChanged = (id: string) =>
  new AppError(CLAIM_ERRORS.claim_changed, `Claim ${id} changed while this request ran; re-read it and retry.`);

export const claimNotCorrectable = (id: string, status: ClaimStatus, why: string) =>
  new AppError(CLAIM_ERRORS.claim_not_correctable, `Claim ${id} cannot be corrected: ${why}`, {
    currentStatus: status,
    correctableStatuses: CORRECTABLE_STATUSES,
  });

export const claimAlreadyCorrected = (id: string, correctedByClaimId: string) =>
  new AppError(
    CLAIM_ERRORS.claim_already_corrected,
    `Claim ${id} was already corrected by claim ${correctedByClaimId}; correct that claim instead.`,
    { correctedByClaimId },
  );

export const payerClaimNumberMissing = (id: string, kind: CorrectionKind) =>
  new AppError(
    CLAIM_ERRORS.payer_claim_number_missing,
    `Claim ${id} has no payer claim control number yet: a ${kind === 'replace' ? 'replacement' : 'void'} must send ` +
      'the number from the payer’s adjudication (REF*F8). Post the remittance or adjudication first.',
  );
