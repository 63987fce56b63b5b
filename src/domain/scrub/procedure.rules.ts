import { codeStatusOn, isVerified, lineDate, notEffectiveMessage, UNVERIFIED_HINT } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { CodeVersion } from './types.js';

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
        issues.warning(`lines[${i}].code`, `${line.code} is not in the loaded ${SYSTEM_LABEL[system]} code set.`, UNVERIFIED_HINT);
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

export const procedureNotEffective = defineRule('procedure.not_effective', ({ claim, codes }, issues) => {
  claim.lines.forEach((line, i) => {
    const system = procedureSystem(line.code);
    if (system === null) return;
    const date = lineDate(claim, line);
    const status = codeStatusOn(codes(system, line.code), date);
    if (status.kind === 'unknown' || status.kind === 'effective') return;
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
      if (/^[0-9A-Z]{2}$/.test(modifier.toUpperCase()) && !isVerified(input, 'modifier')) {
        issues.warning(`lines[${i}].modifiers[${j}]`, `Modifier '${modifier}' on line ${i + 1} is not in the loaded modifier list.`, UNVERIFIED_HINT);
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

export const modifierNotEffective = defineRule('modifier.not_effective', ({ claim, codes }, issues) => {
  claim.lines.forEach((line, i) => {
    const date = lineDate(claim, line);
    line.modifiers.forEach((modifier, j) => {
      const status = codeStatusOn(codes('modifier', modifier), date);
      if (status.kind === 'unknown' || status.kind === 'effective') return;
      issues.error(
        `lines[${i}].modifiers[${j}]`,
        notEffectiveMessage(`Modifier ${modifier}`, status, date),
        'Use a modifier that is valid on the date of service.',
      );
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

export const placeOfServiceNotEffective = defineRule('pos.not_effective', ({ claim, codes }, issues) => {
  const date = claim.dateOfService;
  const status = codeStatusOn(codes('pos', claim.placeOfService), date);
  if (status.kind === 'unknown' || status.kind === 'effective') return;
  issues.error(
    'placeOfService',
    notEffectiveMessage(`Place of service ${claim.placeOfService}`, status, date),
    'Use the place-of-service code valid on the date of service (e.g. 02 became telehealth other than home and 10 telehealth in home on 2022-01-01).',
  );
});

export const PROCEDURE_RULES = [
  procedureUnknown,
  procedureNotEffective,
  modifierUnknown,
  modifierNotEffective,
  placeOfServiceUnknown,
  placeOfServiceNotEffective,
];
