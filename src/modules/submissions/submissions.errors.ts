import { AppError, defineErrors } from '../../lib/problem.js';

export const SUBMISSION_ERRORS = defineErrors({
  submission_claims_not_ready: {
    status: 409,
    description: 'Only ready claims are submitted; `claims` lists each claim named that is not, with its status.',
  },
  submission_blocked: {
    status: 422,
    description:
      'A claim failed the pre-submission scrub; `claims` lists each with its errors. Fix them (encounter PATCH) and retry. Nothing was submitted.',
  },
  submission_empty: { status: 422, description: 'There is no ready claim to submit for that payer.' },
  x12_settings_missing: {
    status: 422,
    description:
      'The organization’s X12 submitter (PATCH /v1/organization `x12Submitter`) or the payer’s receiver (`x12Receiver`) is not set.',
  },
  control_numbers_exhausted: {
    status: 409,
    description: 'The organization has used every ISA13 / GS06 control number (999,999,999).',
  },
});

export const claimsNotReady = (claims: { claimId: string; status: string }[]) =>
  new AppError(
    SUBMISSION_ERRORS.submission_claims_not_ready,
    `${claims.length} of the claims named are not ready to submit.`,
    { claims },
  );

export const submissionBlocked = (claims: { claimId: string; issues: unknown[] }[]) =>
  new AppError(
    SUBMISSION_ERRORS.submission_blocked,
    `${claims.length} claim(s) failed the pre-submission scrub; nothing was submitted.`,
    { claims },
  );

export const submissionEmpty = (payerId: string) =>
  new AppError(SUBMISSION_ERRORS.submission_empty, `Payer ${payerId} has no ready claim to submit.`);

export const x12SettingsMissing = (what: string) =>
  new AppError(SUBMISSION_ERRORS.x12_settings_missing, `Set ${what} before submitting claims.`);

export const controlNumbersExhausted = () =>
  new AppError(SUBMISSION_ERRORS.control_numbers_exhausted, 'The interchange control numbers are used up.');
