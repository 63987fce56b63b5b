import { CLAIM_STATUSES, type ClaimStatus, canTransition, type FrequencyCode } from './claim-status.js';

/**
 * Corrected claims (DESIGN.md "Corrected claims lose the payer's claim number"): a frequency 7 replacement or a
 * frequency 8 void of a claim the payer has on file, sent with the payer's claim control number (2300 REF*F8).
 */

export const CORRECTION_KINDS = ['replace', 'void'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export interface CorrectionSpec {
  /** 837P CLM05-3 of the new claim: 7 = replacement of prior claim, 8 = void/cancel of prior claim. */
  frequencyCode: Exclude<FrequencyCode, '1'>;
  /** What the corrected claim becomes. */
  correctedStatus: Extract<ClaimStatus, 'replaced' | 'void'>;
  /** How history and messages name the new claim. */
  label: string;
}

export const CORRECTIONS: Readonly<Record<CorrectionKind, CorrectionSpec>> = {
  replace: { frequencyCode: '7', correctedStatus: 'replaced', label: 'replacement (frequency 7)' },
  void: { frequencyCode: '8', correctedStatus: 'void', label: 'void (frequency 8)' },
};

/**
 * The statuses a claim may be corrected from: those the transition table lets move to both `replaced` and
 * `void`, i.e. the payer has the claim on file (accepted or adjudicated). The table also lets a claim that never
 * reached the payer move to `void`, but that void is local: no frequency 8 claim goes to a payer that never saw
 * the original.
 */
export const CORRECTABLE_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter(
  (s) => canTransition(s, 'replaced') && canTransition(s, 'void'),
);

export function isCorrectable(status: ClaimStatus): boolean {
  return CORRECTABLE_STATUSES.includes(status);
}
