import { describe, expect, it } from 'vitest';
import { matchesCodeSpec } from '../../../src/domain/scrub/code-ranges.js';
import { DIAGNOSIS_DEMOGRAPHIC_EDITS } from '../../../src/domain/scrub/demographic.data.js';
import {
  ADDITIONAL_ONLY_CODES,
  CODE_FIRST_MANIFESTATION_CODES,
  EXTERNAL_CAUSE_CODES,
  FIRST_LISTED_ONLY_CODES,
  INFECTIOUS_AGENT_CODES,
  MANIFESTATION_CODES,
} from '../../../src/domain/scrub/icd-sequencing.data.js';
import {
  additionalOnlyFirst,
  externalCauseFirst,
  firstListedOnlyNotFirst,
  infectiousAgentFirst,
  linePrimaryDiagnosis,
  manifestationFirst,
} from '../../../src/domain/scrub/icd-sequencing.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const withDiagnoses = (...codes: string[]) => makeInput({ claim: { diagnoses: codes.map((code) => ({ code })) } });

ruleTable(externalCauseFirst, 'icd.external_cause_first', [
  {
    name: 'accepts an injury listed before its external cause',
    input: withDiagnoses('S80.01XA', 'W19.XXXA'),
    expected: [],
  },
  {
    name: 'rejects a first-listed fall (W)',
    input: withDiagnoses('W19.XXXA', 'S80.01XA'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed transport accident (V), dotless',
    input: withDiagnoses('V4352XA'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed place of occurrence (Y)',
    input: withDiagnoses('Y92.009', 'S80.01XA'),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'accepts an empty diagnosis list (structure rules report it)', input: withDiagnoses(), expected: [] },
]);

ruleTable(manifestationFirst, 'icd.manifestation_first', [
  { name: 'accepts the etiology listed before the manifestation', input: withDiagnoses('E11.42', 'G63'), expected: [] },
  {
    name: 'rejects a first-listed polyneuropathy in diseases classified elsewhere',
    input: withDiagnoses('G63', 'E11.42'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed dementia in other diseases (F02.80)',
    input: withDiagnoses('F02.80', 'G30.9'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'does not confuse G62.9 (polyneuropathy, unspecified) with G63',
    input: withDiagnoses('G62.9'),
    expected: [],
  },
  {
    name: 'rejects a first-listed anemia in CKD (D63.1): code first the CKD',
    input: withDiagnoses('D63.1', 'N18.4'),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'accepts CKD listed before its anemia (D63.1)', input: withDiagnoses('N18.4', 'D63.1'), expected: [] },
  {
    name: 'rejects a first-listed anemia in neoplastic disease (D63.0)',
    input: withDiagnoses('D63.0', 'C50.911'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed vascular syndrome of brain (G46.3)',
    input: withDiagnoses('G46.3', 'I63.9'),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'accepts D64.9 (anemia, unspecified) first', input: withDiagnoses('D64.9'), expected: [] },
]);

ruleTable(infectiousAgentFirst, 'icd.infectious_agent_first', [
  { name: 'accepts the infection before its organism', input: withDiagnoses('N39.0', 'B96.20'), expected: [] },
  {
    name: 'rejects a first-listed organism',
    input: withDiagnoses('B96.20', 'N39.0'),
    expected: [['error', 'diagnoses[0].code']],
  },
]);

ruleTable(additionalOnlyFirst, 'icd.additional_only_first', [
  {
    name: 'accepts weeks of gestation after the pregnancy code',
    input: withDiagnoses('Z34.02', 'Z3A.20'),
    expected: [],
  },
  {
    name: 'rejects first-listed weeks of gestation (Z3A.20)',
    input: withDiagnoses('Z3A.20', 'Z34.02'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed outcome of delivery (Z37.0)',
    input: withDiagnoses('Z37.0', 'O80'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a first-listed BMI (Z68.41)',
    input: withDiagnoses('Z68.41', 'E66.01'),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'accepts obesity before its BMI', input: withDiagnoses('E66.01', 'Z68.41'), expected: [] },
]);

const withLines = (diagnoses: string[], pointers: number[][]) =>
  makeInput({
    claim: {
      diagnoses: diagnoses.map((code) => ({ code })),
      lines: pointers.map((diagnosisPointers) => ({
        code: '99213',
        modifiers: [],
        unitsThousandths: 1000,
        chargeCents: 10_000,
        diagnosisPointers,
        dateOfService: null,
        ndc: null,
        ndcQuantityThousandths: null,
        ndcUnit: null,
        description: null,
      })),
    },
  });

ruleTable(linePrimaryDiagnosis, 'icd.line_primary_not_allowed', [
  {
    name: 'accepts lines pointing first to conditions',
    input: withLines(['S80.01XA', 'E11.9', 'W19.XXXA'], [[1, 3], [2]]),
    expected: [],
  },
  {
    name: 'rejects a line pointing first to an external cause',
    input: withLines(['S80.01XA', 'W19.XXXA'], [[1], [2, 1]]),
    expected: [['error', 'lines[1].diagnosisPointers[0]']],
  },
  {
    name: 'rejects a line pointing first to a BMI code',
    input: withLines(['E66.01', 'Z68.41'], [[2, 1]]),
    expected: [['error', 'lines[0].diagnosisPointers[0]']],
  },
  {
    name: 'leaves pointer 1 to the first-listed rules',
    input: withLines(['W19.XXXA', 'S80.01XA'], [[1, 2]]),
    expected: [],
  },
]);

ruleTable(firstListedOnlyNotFirst, 'icd.first_listed_only', [
  { name: 'accepts a routine adult exam listed first', input: withDiagnoses('Z00.00', 'E11.9'), expected: [] },
  {
    name: 'warns on a routine adult exam listed after a problem',
    input: withDiagnoses('E11.9', 'Z00.01'),
    expected: [['warning', 'diagnoses[1].code']],
  },
  {
    name: 'warns on supervision of normal pregnancy listed second',
    input: withDiagnoses('O99.891', 'Z34.02'),
    expected: [['warning', 'diagnoses[1].code']],
  },
  { name: 'allows two first-listed-only codes together', input: withDiagnoses('Z00.00', 'Z01.419'), expected: [] },
  {
    name: 'ignores the clinical-research exam (Z00.6) and pre-procedural exams (Z01.81-)',
    input: withDiagnoses('I10', 'Z00.6', 'Z01.818'),
    expected: [],
  },
]);

describe('ICD-10-CM code tables', () => {
  const tables = {
    EXTERNAL_CAUSE_CODES,
    MANIFESTATION_CODES,
    CODE_FIRST_MANIFESTATION_CODES,
    INFECTIOUS_AGENT_CODES,
    ADDITIONAL_ONLY_CODES,
    FIRST_LISTED_ONLY_CODES,
  };
  it.each(Object.entries(tables))(
    '%s holds only well-formed specs (a prefix, or a range of equal-length prefixes)',
    (_, specs) => {
      for (const spec of specs) expect(() => matchesCodeSpec('A000', spec), spec).not.toThrow();
    },
  );
  it('holds well-formed specs in the sex and age table', () => {
    for (const spec of DIAGNOSIS_DEMOGRAPHIC_EDITS.flatMap((e) => e.codes))
      expect(() => matchesCodeSpec('A000', spec), spec).not.toThrow();
  });
});
