import type { LedgerError, LedgerErrorCode } from '../../domain/ledger/index.js';
import { AppError, defineErrors, type ErrorSpec } from '../../lib/problem.js';

/**
 * Why a patient payment, credit application, write-off or refund was refused. Each is a 4xx that posted nothing:
 * the posting rules (domain/ledger) refuse before anything is written, and the write is one transaction.
 */
export const PAYMENT_ERRORS = defineErrors({
  payment_exceeds_balance: {
    status: 422,
    description:
      'The amount is more than the patient owes (`owedCents`, `amountCents`) and `allowCredit` is not set: send `allowCredit: true` to hold the rest as unapplied credit. Nothing was posted.',
  },
  allocation_exceeds_balance: {
    status: 422,
    description:
      'An allocation (or a write-off of one line) is more than its claim or line owes (`openCents`). Nothing was posted.',
  },
  allocations_exceed_amount: {
    status: 422,
    description: 'The allocations add up to more than the amount. Nothing was posted.',
  },
  line_not_owing: {
    status: 422,
    description:
      'An allocation or write-off names a claim line that owes nothing to that party (paid, not the patient’s yet, or no such line). Nothing was posted.',
  },
  duplicate_allocation: {
    status: 422,
    description: 'The same claim line (or a claim both with and without a line) is named twice. Nothing was posted.',
  },
  claim_of_another_patient: {
    status: 422,
    description: 'The claim (`claimId`) is another patient’s. Nothing was posted.',
  },
  writeoff_exceeds_balance: {
    status: 422,
    description: 'The write-off is more than that side owes on the claim (`openCents`). Nothing was posted.',
  },
  nothing_owed: {
    status: 422,
    description:
      'Nothing is owed to write off on that side of the claim, or to apply the patient’s credit to. Nothing was posted.',
  },
  credit_exceeded: {
    status: 422,
    description:
      'More than the patient’s unapplied credit (`creditCents`) was asked for: a patient refund or a credit application. Nothing was posted.',
  },
  refund_exceeds_credit: {
    status: 422,
    description:
      'A payer refund of more than the payer’s credit balance on the claim (`openCents`: what it paid beyond what it owed). Nothing was posted.',
  },
  coverage_not_on_claim: {
    status: 422,
    description: 'The coverage (`coverageId`) has no balance on the claim, so nothing can be refunded to it.',
  },
  posting_refused: {
    status: 422,
    description: 'The ledger refused the posting for another reason (`reason`). Nothing was posted.',
  },
  writeoff_already_reversed: {
    status: 409,
    description: 'The write-off was already reversed (`reversedById`). Nothing was posted.',
  },
  writeoff_is_reversal: {
    status: 409,
    description: 'The write-off is itself a reversal; post a new write-off instead. Nothing was posted.',
  },
});

/** Each refusal of the posting rules as the API names it; others are `posting_refused`. */
const FROM_LEDGER: Partial<Record<LedgerErrorCode, ErrorSpec>> = {
  payment_exceeds_balance: PAYMENT_ERRORS.payment_exceeds_balance,
  allocation_exceeds_balance: PAYMENT_ERRORS.allocation_exceeds_balance,
  allocations_exceed_amount: PAYMENT_ERRORS.allocations_exceed_amount,
  line_not_owing: PAYMENT_ERRORS.line_not_owing,
  duplicate_allocation: PAYMENT_ERRORS.duplicate_allocation,
  amount_exceeds_balance: PAYMENT_ERRORS.writeoff_exceeds_balance,
  nothing_owed: PAYMENT_ERRORS.nothing_owed,
  credit_exceeded: PAYMENT_ERRORS.credit_exceeded,
  refund_exceeds_credit: PAYMENT_ERRORS.refund_exceeds_credit,
};

export function refused(err: LedgerError): AppError {
  const spec = FROM_LEDGER[err.code];
  const details = err.details as Record<string, unknown>;
  if (!spec) return new AppError(PAYMENT_ERRORS.posting_refused, err.message, { reason: err.code, ...details });
  if (err.code === 'payment_exceeds_balance') {
    const { amountCents, openCents } = details as { amountCents: number; openCents: number };
    return paymentExceedsBalance(amountCents, openCents);
  }
  return new AppError(spec, `${err.message}.`, details);
}

export const paymentExceedsBalance = (amountCents: number, owedCents: number) =>
  new AppError(
    PAYMENT_ERRORS.payment_exceeds_balance,
    `The payment of ${amountCents} cents is more than the ${owedCents} cents the patient owes; send allowCredit: true to hold the rest as credit.`,
    { amountCents, owedCents },
  );

export const allocationExceedsBalance = (claimId: string, amountCents: number, openCents: number) =>
  new AppError(
    PAYMENT_ERRORS.allocation_exceeds_balance,
    `${amountCents} cents is more than the ${openCents} cents the patient owes on claim ${claimId}.`,
    { claimId, amountCents, openCents },
  );

export const lineNotOwing = (claimId: string, lineNumber: number | null) =>
  new AppError(
    PAYMENT_ERRORS.line_not_owing,
    `Claim ${claimId}${lineNumber === null ? '' : ` line ${lineNumber}`} owes nothing here.`,
    { claimId, lineNumber },
  );

export const duplicateAllocation = (claimId: string) =>
  new AppError(PAYMENT_ERRORS.duplicate_allocation, `Claim ${claimId} is named twice in the allocations.`, {
    claimId,
  });

export const claimOfAnotherPatient = (claimId: string, path: string) =>
  new AppError(PAYMENT_ERRORS.claim_of_another_patient, `Claim ${claimId} is another patient’s.`, {
    claimId,
    errors: [{ path, code: 'claim_of_another_patient', message: 'the claim is another patient’s' }],
  });

export const coverageNotOnClaim = (claimId: string, coverageId: string) =>
  new AppError(PAYMENT_ERRORS.coverage_not_on_claim, `Coverage ${coverageId} has no balance on claim ${claimId}.`, {
    claimId,
    coverageId,
  });

export const writeoffAlreadyReversed = (id: string, reversedById: string) =>
  new AppError(PAYMENT_ERRORS.writeoff_already_reversed, `Write-off ${id} was already reversed by ${reversedById}.`, {
    writeoffId: id,
    reversedById,
  });

export const writeoffIsReversal = (id: string, reversesId: string) =>
  new AppError(PAYMENT_ERRORS.writeoff_is_reversal, `Write-off ${id} is the reversal of ${reversesId}.`, {
    writeoffId: id,
    reversesId,
  });
