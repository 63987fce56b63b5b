import { icdToDisplay } from '../codesets/code-format.js';
import { sumCents } from '../money.js';
import { claimCodeFingerprint } from '../scrub/duplicate.rules.js';
import { filingDeadline } from './filing.js';
import type { ClaimLine, Diagnosis, ServiceLine } from './service-line.js';

/** What a claim is built from: the encounter's content (who, when, where, why and what was done). */
export interface ClaimSource {
  encounterId: string;
  patientId: string;
  billingProviderId: string;
  renderingProviderId: string | null;
  referringProviderId: string | null;
  facilityId: string | null;
  dateOfService: string;
  placeOfService: string;
  priorAuthorization: string | null;
  diagnoses: Diagnosis[];
  lines: ServiceLine[];
}

export interface ClaimDraft {
  dateOfService: string;
  dateOfServiceTo: string;
  diagnoses: Diagnosis[];
  lines: ClaimLine[];
  totalChargeCents: number;
  filingDeadline: string;
  codeFingerprint: string[];
}

/** Line item control number (2400 REF*6R, ≤50): the claim's PCN plus the 2-digit line number. */
export const lineControlNumber = (pcn: string, lineNumber: number) => `${pcn}${String(lineNumber).padStart(2, '0')}`;

/**
 * The claim an encounter bills to one payer: lines copied in order with control numbers, each line
 * dated (its own date or the encounter's), totals in integer cents, and the timely-filing deadline
 * counted from the earliest service date.
 */
export function buildClaimDraft(
  source: Pick<ClaimSource, 'dateOfService' | 'diagnoses' | 'lines'>,
  pcn: string,
  timelyFilingDays: number,
): ClaimDraft {
  const lines: ClaimLine[] = source.lines.map((l, i) => ({
    lineNumber: i + 1,
    controlNumber: lineControlNumber(pcn, i + 1),
    code: l.code.trim().toUpperCase(),
    modifiers: l.modifiers.map((m) => m.trim().toUpperCase()),
    unitsThousandths: l.unitsThousandths,
    chargeCents: l.chargeCents,
    diagnosisPointers: [...l.diagnosisPointers],
    dateOfService: l.dateOfService ?? source.dateOfService,
    ndc: l.ndc,
    ndcQuantityThousandths: l.ndcQuantityThousandths,
    ndcUnit: l.ndcUnit,
    description: l.description,
  }));
  const dates = [source.dateOfService, ...lines.map((l) => l.dateOfService)].sort();
  const from = dates[0]!;
  return {
    dateOfService: from,
    dateOfServiceTo: dates[dates.length - 1]!,
    diagnoses: source.diagnoses.map((d) => ({ code: icdToDisplay(d.code.trim()) })),
    lines,
    totalChargeCents: sumCents(lines.map((l) => l.chargeCents)),
    filingDeadline: filingDeadline(from, timelyFilingDays),
    codeFingerprint: claimCodeFingerprint(lines),
  };
}

/** The claim's lines as services again (what the scrubber judges on a stored claim). */
export const serviceLinesOf = (lines: readonly ClaimLine[]): ServiceLine[] =>
  lines.map(({ lineNumber: _n, controlNumber: _c, ...service }) => service);
