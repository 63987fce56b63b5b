import { canTransition, type ClaimStatus } from '../claims/claim-status.js';
import type { Cents } from '../money.js';
import type { AdjudicatedLine, AdjudicationResult, Adjustment } from './adjudication.js';

/**
 * What one payer decision does to the claim it answers: which of our lines each paid line is, which status the
 * claim takes, and the codes its history and events carry. Pure: the remittances module reads the claims, calls
 * these, and writes the result.
 */

/** The parts of one of our claim lines a paid line is matched on. */
export interface BilledLine {
  lineNumber: number;
  /** REF*6R line item control number we sent. */
  controlNumber: string;
  /** Procedure code (CPT/HCPCS). */
  code: string;
  dateOfService: string;
  chargeCents: Cents;
}

/**
 * Each paid line's claim line number (null when none fits). The payer's echo of our REF*6R wins; otherwise the
 * procedure code (SVC06 when the payer re-coded the line, else SVC01-2) with the service date and the charge,
 * then the code with the charge alone (a line paid without a date). Each claim line is matched at most once.
 */
export function matchLines(paid: readonly AdjudicatedLine[], billed: readonly BilledLine[]): (number | null)[] {
  const taken = new Set<number>();
  const byControl = new Map(billed.map((b) => [b.controlNumber, b]));
  const out: (number | null)[] = paid.map((line) => {
    const hit = line.controlNumber ? byControl.get(line.controlNumber) : undefined;
    if (!hit || taken.has(hit.lineNumber)) return null;
    taken.add(hit.lineNumber);
    return hit.lineNumber;
  });
  const fallbacks: ((p: AdjudicatedLine, b: BilledLine) => boolean)[] = [
    (p, b) => b.dateOfService === (p.serviceDate ?? b.dateOfService) && p.chargeCents === b.chargeCents,
    (p, b) => p.chargeCents === b.chargeCents,
  ];
  for (const fits of fallbacks) {
    paid.forEach((line, i) => {
      if (out[i] !== null) return;
      const code = line.billedProcedureCode ?? line.procedureCode;
      const hit = billed.find((b) => !taken.has(b.lineNumber) && b.code === code && fits(line, b));
      if (!hit) return;
      taken.add(hit.lineNumber);
      out[i] = hit.lineNumber;
    });
  }
  return out;
}

const sumOf = (adjustments: readonly Adjustment[], group: Adjustment['group']) =>
  adjustments.reduce((sum, a) => (a.group === group ? sum + a.amountCents : sum), 0);

/** A line the payer paid nothing on and left nothing to the patient for: denied. */
export function isDeniedLine(line: AdjudicatedLine): boolean {
  return line.paidCents === 0 && sumOf(line.adjustments, 'PR') === 0 && line.chargeCents > 0;
}

/**
 * The claim status an adjudication leads to (DESIGN.md "Claim status"), or null when it decides nothing about
 * our claim (CLP02 25, a predetermination: nothing was paid or denied):
 * - 22 (reversal of a previous payment) → reversed;
 * - 4 (denied) or 23 (not our claim) → denied; so is any claim with nothing paid and nothing left to the patient;
 * - processed (1, 2, 3, 19, 20, 21) with some line denied → partially_paid; otherwise → paid (a claim applied in
 *   full to the deductible is paid: the payer decided, the patient owes).
 */
export function adjudicatedStatus(result: AdjudicationResult): ClaimStatus | null {
  switch (result.statusCode) {
    case '22':
      return 'reversed';
    case '25':
      return null;
    case '4':
    case '23':
      return 'denied';
    default: {
      if (result.paidCents === 0 && result.patientResponsibilityCents === 0) return 'denied';
      return result.lines.some(isDeniedLine) ? 'partially_paid' : 'paid';
    }
  }
}

/** The change to apply, if the claim's current status allows it (a claim replaced or void keeps its status). */
export function plannedChange(current: ClaimStatus, result: AdjudicationResult): ClaimStatus | null {
  const target = adjudicatedStatus(result);
  // A settled claim is reopened by a payer only through a reversal; its other ways back (a write-off taken back)
  // are the ledger's, not a decision's.
  if (current === 'closed' && target !== 'reversed') return null;
  return target && canTransition(current, target) ? target : null;
}

/** Every adjustment on the claim and its lines, claim-level first. */
export function allAdjustments(result: AdjudicationResult): Adjustment[] {
  return [...result.adjustments, ...result.lines.flatMap((l) => l.adjustments)];
}

/**
 * The codes the claim's history carries for an adjudication: each group + CARC once (`CO-45`, `PR-1`), then each
 * RARC once (`N130`), claim level before lines.
 */
export function reasonCodes(result: AdjudicationResult): string[] {
  const carcs = allAdjustments(result).map((a) => `${a.group}-${a.reasonCode}`);
  const rarcs = [...result.remarkCodes, ...result.lines.flatMap((l) => l.remarkCodes)];
  return [...new Set([...carcs, ...rarcs])];
}

/** Why a claim (or some of it) was denied: the non-patient adjustments' CARCs and every RARC. */
export function denialCodes(result: AdjudicationResult): { carcs: string[]; rarcs: string[] } {
  const carcs = allAdjustments(result)
    .filter((a) => a.group !== 'PR')
    .map((a) => `${a.group}-${a.reasonCode}`);
  const rarcs = [...result.remarkCodes, ...result.lines.flatMap((l) => l.remarkCodes)];
  return { carcs: [...new Set(carcs)], rarcs: [...new Set(rarcs)] };
}

/** Σ line AMT*B6 when every line carries one (the claim's allowed amount), else null. */
export function allowedTotal(result: AdjudicationResult): Cents | null {
  if (result.lines.length === 0 || result.lines.some((l) => l.allowedCents === null)) return null;
  return result.lines.reduce((sum, l) => sum + (l.allowedCents ?? 0), 0);
}
