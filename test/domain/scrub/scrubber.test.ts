import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../../src/domain/npi.js';
import { hasErrors, SCRUB_RULE_IDS, SCRUB_RULES, scrubClaim } from '../../../src/domain/scrub/scrubber.js';
import { NPI, makeInput } from './make-input.js';

// Rule ids are public API (clients filter on them): this list changes only by adding ids.
const RULE_IDS = [
  'structure.diagnosis_count',
  'structure.diagnosis_duplicate',
  'structure.line_count',
  'structure.pointer_count',
  'structure.pointer_invalid',
  'structure.pointer_duplicate',
  'structure.units_invalid',
  'structure.charge_invalid',
  'structure.modifier_count',
  'structure.modifier_duplicate',
  'structure.date_invalid',
  'structure.service_date_future',
  'icd.unknown',
  'icd.not_effective',
  'icd.not_billable',
  'icd.code_set_outdated',
  'icd.external_cause_first',
  'icd.manifestation_first',
  'icd.infectious_agent_first',
  'icd.additional_only_first',
  'icd.first_listed_only',
  'icd.line_primary_not_allowed',
  'demographic.sex_conflict',
  'demographic.age_conflict',
  'procedure.unknown',
  'procedure.description_required',
  'procedure.not_effective',
  'modifier.unknown',
  'modifier.not_effective',
  'modifier.code_mismatch',
  'pos.unknown',
  'pos.not_effective',
  'procedure.add_on_without_primary',
  'procedure.age_conflict',
  'ncci.ptp_never_together',
  'ncci.ptp_bypass_missing',
  'mue.units_exceeded',
  'patient.name_missing',
  'patient.birth_date_invalid',
  'patient.address_missing',
  'patient.address_invalid',
  'provider.billing_missing',
  'provider.npi_invalid',
  'provider.kind_invalid',
  'provider.name_missing',
  'provider.tax_id_invalid',
  'provider.taxonomy_missing',
  'provider.taxonomy_invalid',
  'provider.address_missing',
  'provider.address_invalid',
  'provider.zip_plus_four_missing',
  'provider.billing_po_box',
  'provider.inactive',
  'coverage.missing',
  'coverage.inactive',
  'coverage.not_effective',
  'coverage.member_id_missing',
  'payer.missing',
  'payer.edi_id_missing',
  'duplicate.claim',
  'filing.deadline_passed',
  'filing.deadline_near',
  'x12.unsafe_characters',
  'x12.non_ascii',
  'ndc.format',
  'ndc.quantity_required',
  'ndc.quantity_without_ndc',
];

describe('scrubClaim', () => {
  it('finds nothing wrong with the clean claim', () => {
    expect(scrubClaim(makeInput())).toEqual([]);
  });

  it('uses valid NPIs in the test factory', () => {
    expect(Object.values(NPI).every(isValidNpi)).toBe(true);
  });

  it('registers every rule once, under its stable id', () => {
    expect(SCRUB_RULE_IDS).toEqual(RULE_IDS);
    expect(new Set(SCRUB_RULE_IDS).size).toBe(SCRUB_RULES.length);
    for (const id of SCRUB_RULE_IDS) expect(id).toMatch(/^[a-z0-9]+\.[a-z0-9_]+$/);
  });

  it('reports the issues of every rule, in rule order', () => {
    const input = makeInput((i) => {
      i.claim.diagnoses = [{ code: 'W19.XXXA' }, { code: 'E11' }];
      i.claim.lines[0] = { ...i.claim.lines[0]!, unitsThousandths: 0 };
      i.coverage = null;
    });
    const issues = scrubClaim(input);
    expect(issues.map(({ rule, severity, path }) => [rule, severity, path])).toEqual([
      ['structure.pointer_invalid', 'error', 'lines[0].diagnosisPointers[1]'],
      ['structure.units_invalid', 'error', 'lines[0].units'],
      ['icd.unknown', 'error', 'diagnoses[0].code'],
      ['icd.not_billable', 'error', 'diagnoses[1].code'],
      ['icd.external_cause_first', 'error', 'diagnoses[0].code'],
      ['coverage.missing', 'error', 'coverage'],
    ]);
    expect(hasErrors(issues)).toBe(true);
  });

  it('counts warnings as no errors', () => {
    const issues = scrubClaim(makeInput({ today: '2026-03-01' }));
    expect(issues.map((issue) => [issue.rule, issue.severity])).toEqual([['filing.deadline_near', 'warning']]);
    expect(hasErrors(issues)).toBe(false);
  });
});
