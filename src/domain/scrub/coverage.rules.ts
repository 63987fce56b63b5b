import { isBlank, serviceDates } from './claim-helpers.js';
import { defineRule } from './define-rule.js';

export const coverageMissing = defineRule('coverage.missing', ({ coverage }, issues) => {
  if (coverage) return;
  issues.error(
    'coverage',
    'The claim has no insurance coverage.',
    'Attach the patient coverage that pays for this visit, or bill the patient directly (self-pay) instead of the payer.',
  );
});

export const coverageInactive = defineRule('coverage.inactive', ({ coverage }, issues) => {
  if (!coverage || coverage.active) return;
  issues.error(
    'coverage.active',
    `Coverage ${coverage.id} is marked inactive.`,
    'Verify eligibility with the payer (270/271) and attach the coverage that was active on the date of service.',
  );
});

export const coverageNotEffective = defineRule('coverage.not_effective', ({ coverage, claim }, issues) => {
  if (!coverage) return;
  const dates = serviceDates(claim);
  const first = dates.at(0);
  const last = dates.at(-1);
  const hint =
    'Attach the coverage in force on the date of service, or correct the coverage dates after checking eligibility with the payer.';
  if (first !== undefined && first < coverage.effectiveFrom) {
    issues.error(
      'coverage.effectiveFrom',
      `The coverage starts ${coverage.effectiveFrom}, after the date of service ${first}.`,
      hint,
    );
  }
  if (last !== undefined && coverage.effectiveTo !== null && last > coverage.effectiveTo) {
    issues.error(
      'coverage.effectiveTo',
      `The coverage ended ${coverage.effectiveTo}, before the date of service ${last}.`,
      hint,
    );
  }
});

export const memberIdMissing = defineRule('coverage.member_id_missing', ({ coverage }, issues) => {
  if (!coverage || !isBlank(coverage.memberId)) return;
  issues.error(
    'coverage.memberId',
    'The coverage has no member id.',
    'Enter the member id exactly as printed on the insurance card (2010BA NM109).',
  );
});

export const payerMissing = defineRule('payer.missing', ({ payer, coverage }, issues) => {
  // Without coverage there is no payer to bill; coverage.missing already says so.
  if (payer || !coverage) return;
  issues.error('payer', 'The coverage has no payer.', 'Link the coverage to the insurer that issued it.');
});

export const payerEdiIdMissing = defineRule('payer.edi_id_missing', ({ payer }, issues) => {
  if (!payer || !isBlank(payer.ediPayerId)) return;
  issues.error(
    'payer.ediPayerId',
    `Payer ${payer.name} has no EDI payer id, so the claim cannot be routed electronically.`,
    "Add the payer's electronic payer id from the clearinghouse payer list (2010BB NM109).",
  );
});

export const COVERAGE_RULES = [
  coverageMissing,
  coverageInactive,
  coverageNotEffective,
  memberIdMissing,
  payerMissing,
  payerEdiIdMissing,
];
