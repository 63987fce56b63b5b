import { defineRule } from './define-rule.js';
import type { ScrubLine } from './types.js';

/**
 * The code fingerprint of a claim's lines: one entry per line, the code followed by its modifiers in
 * alphabetical order ('99213-25', '20610-LT-XS'), all upper case, entries sorted. Modifier and line order
 * do not matter for duplicate detection. Store it with each claim to fill ExistingClaimFingerprint.codes.
 */
export function claimCodeFingerprint(lines: readonly ScrubLine[]): string[] {
  return lines
    .map((line) => [line.code, ...[...line.modifiers].sort()].map((part) => part.trim().toUpperCase()).join('-'))
    .sort();
}

// Claims that no longer stand for the services: a void or replaced claim can be billed again.
const SUPERSEDED = new Set(['void', 'replaced']);

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((code, i) => code === sortedB[i]);
}

export const duplicateClaim = defineRule('duplicate.claim', ({ claim, patient, providers, existingClaims }, issues) => {
  const billing = providers.billing;
  if (!billing) return;
  const codes = claimCodeFingerprint(claim.lines);
  for (const other of existingClaims) {
    if (SUPERSEDED.has(other.status)) continue;
    if (other.patientId !== patient.id || other.dateOfService !== claim.dateOfService) continue;
    if (other.billingProviderId !== billing.id || !sameCodes(codes, other.codes)) continue;
    issues.error(
      'lines',
      `Claim ${other.claimId} (${other.status}) already bills the same services for this patient, provider and date of service.`,
      `Work with claim ${other.claimId} instead: correct it while unsubmitted, or send a replacement (frequency 7) once adjudicated. ` +
        'If the services were truly repeated, mark the repeat lines (e.g. modifier 76 or 91) so the payer does not deny them as duplicates (CARC 18).',
    );
  }
});

export const DUPLICATE_RULES = [duplicateClaim];
