import {
  codeStatusOn,
  isBlank,
  isVerified,
  modifierFamily,
  lineDate,
  notEffectiveMessage,
  UNVERIFIED_HINT,
  unverifiableHint,
  unverifiableOn,
} from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { CodeVersion } from './types.js';
import { isUnlistedProcedure } from './unlisted.data.js';

/**
 * Which code set a procedure code belongs to, from its shape. CPT: 5 digits (Category I), or 4 digits
 * and F (Category II), T (Category III), U (proprietary laboratory analyses) or M (administrative MAAA).
 * HCPCS Level II: a letter and 4 digits.
 */
export function procedureSystem(code: string): 'cpt' | 'hcpcs' | null {
  if (/^\d{4}[0-9FTUM]$/.test(code)) return 'cpt';
  if (/^[A-Z]\d{4}$/.test(code)) return 'hcpcs';
  return null;
}

const SYSTEM_LABEL: Record<CodeVersion['system'], string> = {
  icd10cm: 'ICD-10-CM',
  cpt: 'CPT',
  hcpcs: 'HCPCS',
  modifier: 'modifier',
  pos: 'place of service',
};

export const procedureUnknown = defineRule('procedure.unknown', (input, issues) => {
  const { claim, codes } = input;
  claim.lines.forEach((line, i) => {
    const system = procedureSystem(line.code);
    if (system === null) {
      issues.error(
        `lines[${i}].code`,
        `'${line.code}' is neither a CPT nor a HCPCS code.`,
        'Use a 5-character CPT code (e.g. 99213, 0001U) or a HCPCS Level II code (a capital letter and 4 digits, e.g. J1100).',
      );
    } else if (codes(system, line.code).length === 0) {
      if (!isVerified(input, system)) {
        issues.warning(
          `lines[${i}].code`,
          `${line.code} is not in the loaded ${SYSTEM_LABEL[system]} code set.`,
          UNVERIFIED_HINT,
        );
        return;
      }
      const before = unverifiableOn(input, system, { kind: 'unknown' }, lineDate(claim, line));
      if (before) {
        issues.warning(
          `lines[${i}].code`,
          `${line.code} is not in the loaded ${SYSTEM_LABEL[system]} code set, which starts after the date of service.`,
          unverifiableHint(SYSTEM_LABEL[system], before.start),
        );
        return;
      }
      issues.error(
        `lines[${i}].code`,
        `${line.code} is not a known ${SYSTEM_LABEL[system]} code.`,
        `Check the code for typos and pick it from the current ${SYSTEM_LABEL[system]} code set.`,
      );
    }
  });
});

export const procedureNotEffective = defineRule('procedure.not_effective', (input, issues) => {
  const { claim, codes } = input;
  claim.lines.forEach((line, i) => {
    const system = procedureSystem(line.code);
    if (system === null) return;
    const date = lineDate(claim, line);
    const status = codeStatusOn(codes(system, line.code), date);
    if (status.kind === 'unknown' || status.kind === 'effective') return;
    const before = unverifiableOn(input, system, status, date);
    if (before) {
      issues.warning(
        `lines[${i}].code`,
        `${SYSTEM_LABEL[system]} code ${line.code} could not be checked for the date of service ${date}.`,
        unverifiableHint(SYSTEM_LABEL[system], before.start),
      );
      return;
    }
    issues.error(
      `lines[${i}].code`,
      notEffectiveMessage(`${SYSTEM_LABEL[system]} code ${line.code}`, status, date),
      system === 'cpt'
        ? 'Use the code valid on the date of service (CPT changes every 1 January; Category III and PLA codes quarterly).'
        : 'Use the code valid on the date of service (HCPCS Level II changes quarterly).',
    );
  });
});

export const modifierUnknown = defineRule('modifier.unknown', (input, issues) => {
  const { claim, codes } = input;
  claim.lines.forEach((line, i) => {
    line.modifiers.forEach((modifier, j) => {
      if (codes('modifier', modifier).length > 0) return;
      const wellFormed = /^[0-9A-Z]{2}$/.test(modifier.toUpperCase());
      if (wellFormed && !isVerified(input, modifierFamily(modifier))) {
        issues.warning(
          `lines[${i}].modifiers[${j}]`,
          `Modifier '${modifier}' on line ${i + 1} is not in the loaded modifier list.`,
          UNVERIFIED_HINT,
        );
        return;
      }
      const before = wellFormed ? unverifiableOn(input, 'modifier', { kind: 'unknown' }, lineDate(claim, line)) : null;
      if (before) {
        issues.warning(
          `lines[${i}].modifiers[${j}]`,
          `Modifier '${modifier}' on line ${i + 1} is not in the loaded modifier list, which starts after the date of service.`,
          unverifiableHint('modifier', before.start),
        );
        return;
      }
      issues.error(
        `lines[${i}].modifiers[${j}]`,
        `'${modifier}' on line ${i + 1} is not a known CPT or HCPCS modifier.`,
        'Use a two-character modifier from the CPT or HCPCS Level II modifier list (e.g. 25, 59, LT, XS).',
      );
    });
  });
});

export const modifierNotEffective = defineRule('modifier.not_effective', (input, issues) => {
  const { claim, codes } = input;
  claim.lines.forEach((line, i) => {
    const date = lineDate(claim, line);
    line.modifiers.forEach((modifier, j) => {
      const status = codeStatusOn(codes('modifier', modifier), date);
      if (status.kind === 'unknown' || status.kind === 'effective') return;
      const before = unverifiableOn(input, 'modifier', status, date);
      if (before) {
        issues.warning(
          `lines[${i}].modifiers[${j}]`,
          `Modifier ${modifier} could not be checked for the date of service ${date}.`,
          unverifiableHint('modifier', before.start),
        );
        return;
      }
      issues.error(
        `lines[${i}].modifiers[${j}]`,
        notEffectiveMessage(`Modifier ${modifier}`, status, date),
        'Use a modifier that is valid on the date of service.',
      );
    });
  });
});

/** HCPCS visits billed like E/M services, with modifier 25 when a procedure is done the same day. */
const HCPCS_VISITS = new Set([
  'G0402', // initial preventive physical examination
  'G0438',
  'G0439', // annual wellness visit, initial and subsequent
  'G0463', // hospital outpatient clinic visit
]);

/**
 * Evaluation and management services for modifier purposes: the CPT E/M section 99202-99499, the
 * ophthalmological general examinations 92002-92014, which are reported like E/M visits, and the HCPCS
 * visit codes Medicare uses in place of E/M codes.
 */
export function isEvaluationAndManagement(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (HCPCS_VISITS.has(c)) return true;
  return /^\d{5}$/.test(c) && ((c >= '99202' && c <= '99499') || (c >= '92002' && c <= '92014'));
}

// CPT Appendix A: 24, 25 and 57 describe E/M services only; 58, 78 and 79 describe procedures in a global
// period; 59 identifies "procedures/services, other than E/M services" (CMS's subsets XE, XS, XP, XU likewise).
// The NCCI Policy Manual (ch. I, E; ch. XI) has a separately identifiable E&M service reported with 25 (or 57
// for the decision for surgery), not 59.
const E_M_ONLY = new Set(['24', '25', '57']);
const NOT_ON_E_M = new Set(['58', '59', '78', '79', 'XE', 'XS', 'XP', 'XU']);

/**
 * A modifier that contradicts the kind of service it is on: 25 on a procedure, 59 on an office visit.
 * A warning: payers that pass NCCI edits on the modifier alone may still pay, but the claim is miscoded
 * and the modifier usually belongs on the other line.
 */
export const modifierCodeMismatch = defineRule('modifier.code_mismatch', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const em = isEvaluationAndManagement(line.code);
    line.modifiers.forEach((raw, j) => {
      const modifier = raw.trim().toUpperCase();
      if (!em && E_M_ONLY.has(modifier)) {
        issues.warning(
          `lines[${i}].modifiers[${j}]`,
          `Modifier ${modifier} on line ${i + 1} (${line.code}) applies only to evaluation and management services.`,
          `Put ${modifier} on the E/M line it describes; to show that a procedure was distinct, use XE, XS, XP, XU or 59 on the procedure instead.`,
        );
      } else if (em && NOT_ON_E_M.has(modifier)) {
        issues.warning(
          `lines[${i}].modifiers[${j}]`,
          `Modifier ${modifier} on line ${i + 1} (${line.code}) is not used on evaluation and management services.`,
          modifier === '59' || modifier.startsWith('X')
            ? 'A significant, separately identifiable E/M on the day of a procedure takes modifier 25 (57 for the decision for major surgery).'
            : 'An unrelated E/M in a postoperative period takes modifier 24; 58, 78 and 79 belong on procedures.',
        );
      }
    });
  });
});

export const placeOfServiceUnknown = defineRule('pos.unknown', ({ claim, codes }, issues) => {
  if (codes('pos', claim.placeOfService).length > 0) return;
  issues.error(
    'placeOfService',
    `'${claim.placeOfService}' is not a CMS place-of-service code.`,
    'Use the two-digit CMS place-of-service code where the service was provided (e.g. 11 office, 22 outpatient hospital, 10 telehealth in the home).',
  );
});

export const placeOfServiceNotEffective = defineRule('pos.not_effective', (input, issues) => {
  const { claim, codes } = input;
  const date = claim.dateOfService;
  const status = codeStatusOn(codes('pos', claim.placeOfService), date);
  if (status.kind === 'unknown' || status.kind === 'effective') return;
  const before = unverifiableOn(input, 'pos', status, date);
  if (before) {
    issues.warning(
      'placeOfService',
      `Place of service ${claim.placeOfService} could not be checked for the date of service ${date}.`,
      unverifiableHint('place-of-service', before.start),
    );
    return;
  }
  issues.error(
    'placeOfService',
    notEffectiveMessage(`Place of service ${claim.placeOfService}`, status, date),
    'Use the place-of-service code valid on the date of service (e.g. 02 became telehealth other than home and 10 telehealth in home on 2022-01-01).',
  );
});

/** The official title of the code version in force on `date` (the latest one when none is). */
function titleOn(versions: readonly CodeVersion[], date: string): string | undefined {
  const inForce = versions.find(
    (v) => (v.effectiveFrom === null || v.effectiveFrom <= date) && (v.effectiveTo === null || v.effectiveTo >= date),
  );
  return (inForce ?? versions.at(-1))?.longDescription;
}

/**
 * An unlisted or not-otherwise-classified code says nothing about the service: the claim line must (837P
 * SV101-7, up to 80 characters), or the payer returns the claim as unprocessable.
 */
export const unlistedDescriptionMissing = defineRule('procedure.description_required', ({ claim, codes }, issues) => {
  claim.lines.forEach((line, i) => {
    const code = line.code.trim().toUpperCase();
    if (!isBlank(line.description)) return;
    const title = procedureSystem(code) === 'hcpcs' ? titleOn(codes('hcpcs', code), lineDate(claim, line)) : undefined;
    if (!isUnlistedProcedure(code, title)) return;
    issues.error(
      `lines[${i}].description`,
      `Line ${i + 1} (${code}) is an unlisted or not-otherwise-classified code, which needs a description of the service.`,
      'Describe what was done or supplied in the line description (up to 80 characters; for a drug, its name, strength and dose, e.g. "Bortezomib 3.5 mg/vial, 2.6 mg given"). Use a specific code instead if one exists.',
    );
  });
});

export const PROCEDURE_RULES = [
  procedureUnknown,
  unlistedDescriptionMissing,
  procedureNotEffective,
  modifierUnknown,
  modifierNotEffective,
  modifierCodeMismatch,
  placeOfServiceUnknown,
  placeOfServiceNotEffective,
];
