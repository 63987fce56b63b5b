import { serviceDates } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { ExistingClaimFingerprint, ScrubInput, ScrubLine } from './types.js';

/**
 * The code fingerprint of a claim's lines: one entry per line, the code followed by its modifiers in
 * alphabetical order ('99213-25', '20610-LT-XS'), all upper case, entries sorted. Modifier and line order
 * do not matter for duplicate detection. Store it with each claim to fill ExistingClaimFingerprint.codes.
 */
export function claimCodeFingerprint(lines: readonly Pick<ScrubLine, 'code' | 'modifiers'>[]): string[] {
  return lines.map(lineFingerprint).sort();
}

function lineFingerprint(line: Pick<ScrubLine, 'code' | 'modifiers'>): string {
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
 * Of two claims for the same services, the later one is the duplicate: a stored claim is judged only against
 * claims built before it (by creation time, then id), so rescrubbing or releasing the original is never
 * blocked by a copy posted after it. A claim being built comes after every stored one.
 */
function builtBefore(other: ExistingClaimFingerprint, stored: ScrubInput['storedClaim']): boolean {
  if (!stored) return true;
  // Compared as instants: the same moment is written '…:00.120Z' by the code and '…:00.12+00:00' by PostgreSQL.
  const otherAt = Date.parse(other.createdAt);
  const storedAt = Date.parse(stored.createdAt);
  return otherAt !== storedAt ? otherAt < storedAt : other.claimId < stored.id;
}

/**
 * How many duplicates one issue names. A patient can have hundreds of same-day copies (a retried import); naming
 * them all made one claim's issues hundreds of kilobytes and a list page megabytes. The earliest are named (the
 * original is the one to work with) and the rest counted.
 */
const NAMED_DUPLICATES = 3;

const byCreation = (a: ExistingClaimFingerprint, b: ExistingClaimFingerprint) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0);

/** 'clm_a (paid)', 'clm_a (paid) and clm_b (submitted)', 'clm_a (paid), clm_b (…), clm_c (…) and 37 more (40 in all)'. */
function claimList(named: readonly ExistingClaimFingerprint[], total: number): string {
  const parts = named.map((c) => `${c.claimId} (${c.status})`);
  if (total > named.length) return `${parts.join(', ')} and ${total - named.length} more (${total} in all)`;
  return parts.length === 2 ? parts.join(' and ') : parts.join(', ');
}

/**
 * An error when an earlier live claim bills exactly the same services (code and modifiers on every line) for
 * the same patient, billing provider and date of service: the payer denies it as a duplicate (CARC 18). One
 * error counts every such claim and names the earliest few. Claims sharing only some services are not
 * duplicates (two visits the same day), but each shared line (same code and modifiers) is what payers'
 * line-level duplicate logic denies: a warning.
 */
export const duplicateClaim = defineRule(
  'duplicate.claim',
  ({ claim, patient, providers, payer, existingClaims, storedClaim }, issues) => {
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
        other.billingProviderId === billing.id &&
        // A secondary or tertiary claim bills the same services to the next payer (COB): not a duplicate.
        (other.payerId === undefined || !payer || other.payerId === payer.id) &&
        builtBefore(other, storedClaim),
    );
    const duplicates = sameVisit.filter((other) => sameCodes(codes, other.codes));
    if (duplicates.length > 0) {
      const named = [...duplicates].sort(byCreation).slice(0, NAMED_DUPLICATES);
      const count = duplicates.length;
      const list = claimList(named, count);
      issues.error(
        'lines',
        count === 1
          ? `Claim ${list} already bills the same services for this patient, provider and date of service.`
          : `Claims ${list} already bill the same services for this patient, provider and date of service.`,
        `Work with ${count === 1 ? `claim ${named[0]!.claimId}` : `one of claims ${named.map((d) => d.claimId).join(', ')}`} instead: ` +
          'correct it while unsubmitted, or send a replacement (frequency 7) once adjudicated. ' +
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
  },
);

export const DUPLICATE_RULES = [duplicateClaim];
