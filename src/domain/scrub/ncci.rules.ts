import { formatUnits } from '../money.js';
import { lineDate } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import { isEvaluationAndManagement } from './procedure.rules.js';
import type { PtpEdit, ScrubInput } from './types.js';

/**
 * NCCI-associated modifiers that bypass a procedure-to-procedure edit with modifier indicator 1 when
 * reported on the column-2 line (NCCI Policy Manual, chapter I, section E; CMS "NCCI PTP-associated
 * modifiers"): global surgery 24, 25, 57, 58, 78, 79; distinct service 59, XE, XS, XP, XU; repeat lab 91;
 * and the anatomic modifiers for eyelids, fingers, toes, sides and coronary arteries.
 */
export const NCCI_BYPASS_MODIFIERS: ReadonlySet<string> = new Set([
  '24',
  '25',
  '57',
  '58',
  '59',
  '78',
  '79',
  '91',
  'XE',
  'XS',
  'XP',
  'XU',
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
]);

const ANATOMIC = /^(E[1-4]|F[A1-9]|T[A1-9]|LT|RT|LC|LD|LM|RC|RI)$/;

interface PtpHit {
  edit: PtpEdit;
  column1Line: number;
  column2Line: number;
  date: string;
}

const norm = (code: string) => code.trim().toUpperCase();

/** An edit is in force from its effective date up to, not including, its deletion date. */
function inForce(edit: PtpEdit, date: string): boolean {
  return edit.effectiveFrom <= date && (edit.deletedOn === null || date < edit.deletedOn);
}

/** Every (column-1 line, column-2 line) pair on the same date of service that an edit in force covers. */
function ptpHits(input: ScrubInput): PtpHit[] {
  const { claim } = input;
  const hits: PtpHit[] = [];
  const seen = new Set<string>();
  claim.lines.forEach((first, i) => {
    claim.lines.forEach((second, j) => {
      if (i === j) return;
      const date = lineDate(claim, first);
      if (lineDate(claim, second) !== date) return;
      for (const edit of input.ptpEdits) {
        if (norm(edit.column1) !== norm(first.code) || norm(edit.column2) !== norm(second.code)) continue;
        if (!inForce(edit, date)) continue;
        // One issue per column-2 line and column-1 code, even if the column-1 code is on several lines.
        const key = `${j}|${norm(edit.column1)}|${edit.modifierIndicator}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ edit, column1Line: i, column2Line: j, date });
      }
    });
  });
  return hits;
}

// NCCI Policy Manual ch. I, E and ch. XI: a separately identifiable E&M service is shown with 25 (57 for the
// decision for surgery, 24 in a postoperative period), never with 59 or the X modifiers; those, the global
// surgery modifiers 58/78/79, repeat lab 91 and the anatomic modifiers apply to procedures and other services.
const E_M_BYPASS = new Set(['24', '25', '57']);

/** The NCCI-associated modifiers that can bypass an edit whose column-2 code is `code`. */
function bypassModifiersFor(code: string): (m: string) => boolean {
  return isEvaluationAndManagement(code)
    ? (m) => E_M_BYPASS.has(m)
    : (m) => NCCI_BYPASS_MODIFIERS.has(m) && !E_M_BYPASS.has(m);
}

/**
 * Whether the column-2 line carries a modifier that bypasses the edit: one that fits the kind of service it
 * is on (25 on an E/M, 59/X/anatomic on a procedure). An anatomic modifier only shows a different site when
 * the column-1 line does not carry the same one (TA on both lines is the same toe).
 */
function bypassed(column1Modifiers: string[], column2Modifiers: string[], column2Code: string): boolean {
  const onColumn1 = new Set(column1Modifiers.map(norm));
  const fits = bypassModifiersFor(column2Code);
  return column2Modifiers.map(norm).some((m) => fits(m) && !(ANATOMIC.test(m) && onColumn1.has(m)));
}

export const ptpNeverTogether = defineRule('ncci.ptp_never_together', (input, issues) => {
  for (const { edit, column1Line, column2Line, date } of ptpHits(input)) {
    if (edit.modifierIndicator !== '0') continue;
    issues.error(
      `lines[${column2Line}].code`,
      `${edit.column2} (line ${column2Line + 1}) is never paid with ${edit.column1} (line ${column1Line + 1}) on ${date}: NCCI edit with modifier indicator 0 (${edit.rationale}).`,
      `Remove line ${column2Line + 1}; no modifier bypasses this pair. If the services were on different days, correct the line dates.`,
    );
  }
});

export const ptpBypassMissing = defineRule('ncci.ptp_bypass_missing', (input, issues) => {
  const { lines } = input.claim;
  for (const { edit, column1Line, column2Line, date } of ptpHits(input)) {
    if (edit.modifierIndicator !== '1') continue;
    const column1 = lines[column1Line]?.modifiers ?? [];
    const column2 = lines[column2Line]?.modifiers ?? [];
    const column2Code = lines[column2Line]?.code ?? edit.column2;
    if (bypassed(column1, column2, column2Code)) continue;
    const em = isEvaluationAndManagement(column2Code);
    const misplaced = column1.map(norm).filter((m) => bypassModifiersFor(column2Code)(m) && !ANATOMIC.test(m));
    const wrongKind = column2
      .map(norm)
      .filter((m) => NCCI_BYPASS_MODIFIERS.has(m) && !bypassModifiersFor(column2Code)(m));
    const hint =
      misplaced.length > 0
        ? `Modifier ${misplaced.join(', ')} is on the column-1 line (${edit.column1}), where it does not bypass the edit; put it on line ${column2Line + 1} (${edit.column2}) instead, if the documentation supports a distinct service.`
        : wrongKind.length > 0
          ? em
            ? `Modifier ${wrongKind.join(', ')} does not bypass an edit on an E/M service; a significant, separately identifiable E/M takes modifier 25 (57 for the decision for surgery) on line ${column2Line + 1}.`
            : `Modifier ${wrongKind.join(', ')} describes E/M services only; if the documentation supports a distinct procedure, use XS, XE, XP, XU, 59 or an anatomic modifier on line ${column2Line + 1}.`
          : em
            ? `If the documentation supports a significant, separately identifiable E/M service, add modifier 25 to line ${column2Line + 1}; otherwise remove the line.`
            : `If the documentation supports a separate service (different session, site or encounter), add an NCCI-associated modifier such as XS, XE, XP, XU, 59 or an anatomic modifier to line ${column2Line + 1}; otherwise remove the line.`;
    issues.error(
      `lines[${column2Line}].modifiers`,
      `${edit.column2} (line ${column2Line + 1}) is bundled into ${edit.column1} (line ${column1Line + 1}) on ${date} unless a bypass modifier shows a distinct service: NCCI edit with modifier indicator 1 (${edit.rationale}).`,
      hint,
    );
  }
});

// Modifier indicator 9: the edit was deleted retroactively and never applies, so it is not checked.

export const mueUnitsExceeded = defineRule('mue.units_exceeded', (input, issues) => {
  const { claim } = input;
  // MUE adjudication indicator 1 is a line edit: each line on its own.
  // Indicators 2 (policy) and 3 (clinical) are date-of-service edits: all lines of the code that day.
  // Units are integer thousandths, so day totals add exactly (0.1 + 0.2 units is 0.3 units).
  const dayTotals = new Map<string, number>();
  claim.lines.forEach((line, i) => {
    const limit = input.mueLimits(line.code);
    if (!limit || !Number.isSafeInteger(line.unitsThousandths)) return;
    const max = limit.maxUnits * 1000;
    const date = lineDate(claim, line);
    if (limit.adjudicationIndicator === 1) {
      if (line.unitsThousandths <= max) return;
      issues.error(
        `lines[${i}].units`,
        `Line ${i + 1} bills ${formatUnits(line.unitsThousandths)} units of ${line.code}; the MUE allows ${limit.maxUnits} per line (${limit.rationale}). The whole line would be denied.`,
        `Report at most ${limit.maxUnits} units on this line; a legitimate additional service goes on another line with the appropriate modifier (e.g. 76, 91, anatomic).`,
      );
      return;
    }
    const key = `${line.code}|${date}`;
    const before = dayTotals.get(key) ?? 0;
    const after = before + line.unitsThousandths;
    dayTotals.set(key, after);
    // Report once, on the line that takes the day over the limit.
    if (before > max || after <= max) return;
    issues.error(
      `lines[${i}].units`,
      `${formatUnits(after)} units of ${line.code} on ${date} exceed the MUE of ${limit.maxUnits} per day (${limit.rationale}); all units of the code that day would be denied.`,
      limit.adjudicationIndicator === 2
        ? `Report at most ${limit.maxUnits} units of ${line.code} for the day; this policy limit cannot be exceeded, even on appeal.`
        : `Report at most ${limit.maxUnits} units of ${line.code} for the day; units above the clinical limit are only paid on appeal with medical records.`,
    );
  });
});

export const NCCI_RULES = [ptpNeverTogether, ptpBypassMissing, mueUnitsExceeded];
