import { ageInYears, isIsoDate } from '../claims/calendar-date.js';
import { lineDate } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { ScrubInput } from './types.js';
import { ADD_ON_PRIMARIES, PROCEDURE_AGES } from './service-pairing.data.js';

const norm = (code: string) => code.trim().toUpperCase();

/** The primaries an add-on code needs on a date: `strict` when only the listed ones will do (AOC type 1, our list). */
interface Primaries {
  listed: readonly string[];
  strict: boolean;
  /** Whether the list comes from the CMS add-on code edits (else our curated table). */
  cms: boolean;
}

function primariesOn(input: ScrubInput, code: string, date: string): Primaries | null {
  if (!input.addOnEdits) {
    const curated = ADD_ON_PRIMARIES[code];
    return curated ? { listed: curated, strict: true, cms: false } : null;
  }
  // Every deletion date in the AOC table is the last day the row applies.
  const rows = input
    .addOnEdits(code)
    .filter((r) => r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo));
  if (rows.length === 0) return null;
  const listed = [...new Set(rows.flatMap((r) => (r.primaryCode ? [r.primaryCode] : [])))];
  return { listed, strict: rows.every((r) => r.editType === 1), cms: true };
}

const named = (codes: readonly string[]) => `${codes.slice(0, 6).join(', ')}${codes.length > 6 ? ', …' : ''}`;

/**
 * An add-on code is paid only with one of its primary procedures for the same patient, practitioner and date
 * (Medicare Claims Processing Manual ch. 12 §30; NCCI add-on code edits): on this claim, or on another live
 * claim of this patient from the same billing provider that day (the others the scrubber is given). With the
 * CMS add-on table loaded: type 1 lists every primary; type 2 lists none and type 3 only some, because the
 * Medicare contractor defines the rest, so there an unlisted procedure is a warning and no procedure at all
 * an error. Without it, our curated list of common add-on codes (type 1 style) applies.
 */
export const addOnWithoutPrimary = defineRule('procedure.add_on_without_primary', (input, issues) => {
  const { claim, existingClaims, providers } = input;
  claim.lines.forEach((line, i) => {
    const code = norm(line.code);
    const date = lineDate(claim, line);
    const primaries = primariesOn(input, code, date);
    if (!primaries) return;
    const others = new Set(
      claim.lines.filter((o) => o !== line && lineDate(claim, o) === date).map((o) => norm(o.code)),
    );
    for (const other of existingClaims) {
      if (other.status === 'void' || other.status === 'replaced') continue;
      if (other.dateOfService !== date || other.billingProviderId !== providers.billing?.id) continue;
      for (const f of other.codes) others.add(f.split('-')[0]!);
    }
    if (primaries.listed.some((p) => others.has(p))) return;
    const path = `lines[${i}].code`;
    const fix = `Bill the primary procedure on the same date of service, or replace ${code} with the code for the service itself.`;
    if (primaries.strict) {
      const source = primaries.cms ? 'NCCI add-on code edit, type 1: ' : '';
      issues.error(
        path,
        `${code} (line ${i + 1}) is an add-on code, paid only with its primary procedure on the same date (${source}${named(primaries.listed)}), and none is billed on ${date}.`,
        fix,
      );
      return;
    }
    // Contractor-defined primaries: any other procedure that day may be one, unless it is an add-on code itself.
    const candidates = [...others].filter((o) => o !== code && !primariesOn(input, o, date));
    if (candidates.length === 0) {
      issues.error(
        path,
        `${code} (line ${i + 1}) is an add-on code and is never paid alone, but no primary procedure is billed on ${date}.`,
        fix,
      );
      return;
    }
    if (primaries.listed.length === 0) return;
    issues.warning(
      path,
      `${code} (line ${i + 1}) is an add-on code; none of the primaries CMS lists for it (${named(primaries.listed)}) is billed on ${date}, and the Medicare contractor decides whether ${named(candidates)} may be its primary.`,
      `Check that the payer accepts ${candidates[0]} as a primary procedure for ${code}, or bill one of the listed primaries.`,
    );
  });
});

const isPreventiveVisit = (code: string) => /^993[89][1-7]$/.test(code);

/** Preventive visits and pediatric vaccine counseling are defined by the patient's age on the date of service. */
export const procedureAge = defineRule('procedure.age_conflict', ({ claim, patient }, issues) => {
  if (!isIsoDate(patient.birthDate)) return;
  claim.lines.forEach((line, i) => {
    const code = norm(line.code);
    const range = PROCEDURE_AGES[code];
    const date = lineDate(claim, line);
    if (!range || !isIsoDate(date) || patient.birthDate > date) return;
    const age = ageInYears(patient.birthDate, date);
    if (age >= range.min && age <= range.max) return;
    if (!isPreventiveVisit(code)) {
      issues.error(
        `lines[${i}].code`,
        `${code} (line ${i + 1}) is for ${range.label}; the patient was ${age} on ${date}.`,
        range.instead
          ? `Use ${range.instead} for this patient.`
          : 'Check the patient birth date and the procedure code.',
      );
      return;
    }
    const visit = code.startsWith('9938') ? 'new-patient' : 'established-patient';
    const fit = Object.entries(PROCEDURE_AGES).find(
      ([c, r]) => c.slice(0, 4) === code.slice(0, 4) && age >= r.min && age <= r.max,
    )?.[0];
    issues.error(
      `lines[${i}].code`,
      `${code} (line ${i + 1}) is the ${visit} preventive visit for ${range.label}; the patient was ${age} on ${date}.`,
      fit
        ? `Use ${fit}, the ${visit} preventive visit for the patient's age.`
        : 'Check the patient birth date and the visit code.',
    );
  });
});

export const SERVICE_PAIRING_RULES = [addOnWithoutPrimary, procedureAge];
