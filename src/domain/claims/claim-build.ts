import { randomInt } from 'node:crypto';
import { icdToDisplay } from '../codesets/code-format.js';
import { claimCodeFingerprint } from '../scrub/duplicate.rules.js';
import { filingDeadline } from './filing.js';

/** A service line as the encounter holds it. */
export interface EncounterLine {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  dateOfService: string | null;
  ndc: string | null;
  /** What was done, in words; sent on the claim line (837P SV101-7). */
  description?: string | null;
}

export interface EncounterForClaim {
  dateOfService: string;
  diagnoses: { code: string }[];
  lines: EncounterLine[];
}

export interface ClaimLineDraft {
  lineNumber: number;
  controlNumber: string;
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  dateOfService: string;
  ndc: string | null;
  description: string | null;
}

export interface ClaimDraft {
  dateOfService: string;
  dateOfServiceTo: string;
  diagnoses: { code: string }[];
  lines: ClaimLineDraft[];
  totalChargeCents: number;
  filingDeadline: string;
  codeFingerprint: string[];
}

const PCN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Patient control number (837P CLM01, echoed back in 835 CLP01 and 277CA): X12 allows 20 characters
 * but some payers truncate, so 12 upper-case letters and digits without look-alikes (no I, O, 0, 1).
 * Uniqueness per organization is enforced by a unique index; 32^12 values make a clash negligible.
 */
export function newPatientControlNumber(): string {
  let out = '';
  for (let i = 0; i < 12; i++) out += PCN_ALPHABET[randomInt(PCN_ALPHABET.length)];
  return out;
}

/** Line item control number (2400 REF*6R, ≤50): the claim's PCN plus the 2-digit line number. */
export const lineControlNumber = (pcn: string, lineNumber: number) => `${pcn}${String(lineNumber).padStart(2, '0')}`;

/**
 * The claim an encounter bills to one payer: lines copied in order with control numbers, each line
 * dated (its own date or the encounter's), totals in integer cents, and the timely-filing deadline
 * counted from the earliest service date.
 */
export function buildClaimDraft(encounter: EncounterForClaim, pcn: string, timelyFilingDays: number): ClaimDraft {
  const lines = encounter.lines.map((l, i) => ({
    lineNumber: i + 1,
    controlNumber: lineControlNumber(pcn, i + 1),
    code: l.code.trim().toUpperCase(),
    modifiers: l.modifiers.map((m) => m.trim().toUpperCase()),
    units: l.units,
    chargeCents: l.chargeCents,
    diagnosisPointers: [...l.diagnosisPointers],
    dateOfService: l.dateOfService ?? encounter.dateOfService,
    ndc: l.ndc,
    description: l.description ?? null,
  }));
  const dates = [encounter.dateOfService, ...lines.map((l) => l.dateOfService)].sort();
  const from = dates[0]!;
  return {
    dateOfService: from,
    dateOfServiceTo: dates[dates.length - 1]!,
    diagnoses: encounter.diagnoses.map((d) => ({ code: icdToDisplay(d.code.trim()) })),
    lines,
    totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    filingDeadline: filingDeadline(from, timelyFilingDays),
    codeFingerprint: claimCodeFingerprint(lines),
  };
}
