import { serviceDates } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { ScrubLine } from './types.js';

/**
 * The code fingerprint of a claim's lines: one entry per line, the code followed by its modifiers in
 * alphabetical order ('99213-25', '20610-LT-XS'), all upper case, entries sorted. Modifier and line order
 * do not matter for duplicate detection. Store it with each claim to fill ExistingClaimFingerprint.codes.
 */
export function claimCodeFingerprint(lines: readonly ScrubLine[]): string[] {
  return lines.map(lineFingerprint).sort();
}

function lineFingerprint(line: ScrubLine): string {
  return [line.code, ...[...line.modifiers].sort()].map((part) => part.trim().toUpperCase()).join('-');
}

// Claims that no longer stand for the services: a void or replaced claim can be billed again.
const SUPERSEDED = new Set(['void', 'replaced']);

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((code, i) => code === sortedB[i]);
}

/**
 * An error when another live claim bills exactly the same services (code and modifiers on every line) for
 * the same patient, billing provider and date of service: the payer denies it as a duplicate (CARC 18).
 * Claims sharing only some services are not duplicates (two visits the same day), but each shared line
 * (same code and modifiers) is what payers' line-level duplicate logic denies, so it gets a warning.
 */
export const duplicateClaim = defineRule('duplicate.claim', ({ claim, patient, providers, existingClaims }, issues) => {
  const billing = providers.billing;
  if (!billing) return;
  const codes = claimCodeFingerprint(claim.lines);
  // A stored claim is dated by its earliest service date (a line may predate the encounter).
  const from = serviceDates(claim)[0];
  const sameVisit = existingClaims.filter(
    (other) =>
      !SUPERSEDED.has(other.status) &&
      other.patientId === patient.id &&
      other.dateOfService === from &&
      other.billingProviderId === billing.id,
  );
  for (const other of sameVisit) {
    if (!sameCodes(codes, other.codes)) continue;
    issues.error(
      'lines',
      `Claim ${other.claimId} (${other.status}) already bills the same services for this patient, provider and date of service.`,
      `Work with claim ${other.claimId} instead: correct it while unsubmitted, or send a replacement (frequency 7) once adjudicated. ` +
        'If the services were truly repeated, mark the repeat lines (e.g. modifier 76 or 91) so the payer does not deny them as duplicates (CARC 18).',
    );
  }
  const partial = sameVisit.filter((other) => !sameCodes(codes, other.codes));
  claim.lines.forEach((line, i) => {
    const fingerprint = lineFingerprint(line);
    const other = partial.find((o) => o.codes.includes(fingerprint));
    if (!other) return;
    issues.warning(
      `lines[${i}]`,
      `Line ${i + 1} (${fingerprint}) is also billed on claim ${other.claimId} (${other.status}) for this patient, provider and date of service.`,
      'Payers deny a repeated line as a duplicate (CARC 18). Bill each service once; if it was truly repeated, add the repeat modifier (76, 77 or 91) or the distinct-service modifier that applies.',
    );
  });
});

export const DUPLICATE_RULES = [duplicateClaim];
