import { ageConflict, sexConflict } from '../../../src/domain/scrub/demographic.rules.js';
import type { ScrubPatient } from '../../../src/domain/scrub/types.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

// Date of service 2025-03-10 unless a case says otherwise.
const visit = (patient: Partial<ScrubPatient>, ...codes: string[]) =>
  makeInput({ patient, claim: { diagnoses: codes.map((code) => ({ code })) } });

// A sex conflict is an error (CMS returns such claims); modifier KX on the line is the documented override
// for a transgender or intersex patient (Medicare Claims Processing Manual ch. 32 §240), which clears it.
const withKx = (patient: Partial<ScrubPatient>, code: string, kxPointers: number[]) =>
  makeInput({
    patient,
    claim: {
      diagnoses: [{ code }, { code: 'I10' }],
      lines: [
        {
          code: '99214',
          modifiers: [],
          unitsThousandths: 1000,
          chargeCents: 15_000,
          diagnosisPointers: [1, 2],
          dateOfService: null,
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        },
        {
          code: '93000',
          modifiers: ['KX'],
          unitsThousandths: 1000,
          chargeCents: 5_000,
          diagnosisPointers: kxPointers,
          dateOfService: null,
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        },
      ],
    },
  });

ruleTable(sexConflict, 'demographic.sex_conflict', [
  { name: 'accepts prostate cancer for a male patient', input: visit({ sex: 'male' }, 'C61'), expected: [] },
  {
    name: 'rejects prostate cancer for a female patient',
    input: visit({ sex: 'female' }, 'I10', 'C61'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'rejects BPH (N40.0) for a female patient',
    input: visit({ sex: 'female' }, 'N40.0'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a uterovaginal prolapse for a male patient',
    input: visit({ sex: 'male' }, 'N81.2'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects female breast cancer (C50.911) for a male patient',
    input: visit({ sex: 'male' }, 'C50.911'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts male breast cancer (C50.921) for a male patient',
    input: visit({ sex: 'male' }, 'C50.921'),
    expected: [],
  },
  {
    name: 'rejects a maternity code for a male patient',
    input: visit({ sex: 'male', birthDate: '1990-01-01' }, 'O80'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects supervision of pregnancy (Z34) for a male patient',
    input: visit({ sex: 'male', birthDate: '1990-01-01' }, 'Z34.00'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'applies no sex edit when the sex is unknown',
    input: visit({ sex: 'unknown' }, 'C61', 'N81.2'),
    expected: [],
  },
  { name: 'leaves codes of both sexes alone', input: visit({ sex: 'male' }, 'C50.A1', 'Z85.3'), expected: [] },
  {
    name: 'accepts the conflict with KX on a line pointing to the diagnosis',
    input: withKx({ sex: 'female' }, 'N40.1', [1]),
    expected: [],
  },
  {
    name: 'still rejects it when KX is only on a line for another diagnosis',
    input: withKx({ sex: 'female' }, 'N40.1', [2]),
    expected: [['error', 'diagnoses[0].code']],
  },
]);

ruleTable(ageConflict, 'demographic.age_conflict', [
  { name: 'accepts a maternity code at 30', input: visit({ birthDate: '1995-01-01' }, 'O80', 'Z3A.39'), expected: [] },
  {
    name: 'accepts a maternity code at 64, the day before turning 65',
    input: visit({ birthDate: '1960-03-11' }, 'O80'),
    expected: [],
  },
  {
    name: 'accepts a maternity code on the 9th birthday',
    input: visit({ birthDate: '2016-03-10' }, 'O80'),
    expected: [],
  },
  {
    name: 'rejects a maternity code on the 65th birthday',
    input: visit({ birthDate: '1960-03-10' }, 'I10', 'O80'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'rejects a maternity code at 8',
    input: visit({ birthDate: '2016-06-01' }, 'Z34.00'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a pregnancy complication (O26.891) at 70',
    input: visit({ birthDate: '1955-01-01' }, 'O26.891'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts elderly multigravida (O09.522) at 38',
    input: visit({ birthDate: '1987-01-01' }, 'O09.522', 'Z3A.20'),
    expected: [],
  },
  {
    name: 'accepts elderly primigravida (O09.512) at 34, who may be 35 at delivery',
    input: visit({ birthDate: '1990-06-01' }, 'O09.512'),
    expected: [],
  },
  {
    name: 'rejects elderly multigravida (O09.522) at 25',
    input: visit({ birthDate: '2000-01-01' }, 'O09.522'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts young primigravida (O09.612) at 15',
    input: visit({ birthDate: '2009-06-01' }, 'O09.612'),
    expected: [],
  },
  {
    name: 'rejects young primigravida (O09.612) at 22',
    input: visit({ birthDate: '2003-01-01' }, 'O09.612'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts an adult BMI (Z68.30) at 45',
    input: visit({ birthDate: '1980-01-01' }, 'E66.9', 'Z68.30'),
    expected: [],
  },
  {
    name: 'rejects an adult BMI (Z68.41) at 12',
    input: visit({ birthDate: '2012-06-01' }, 'E66.01', 'Z68.41'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'accepts a pediatric BMI (Z68.54) at 12',
    input: visit({ birthDate: '2012-06-01' }, 'E66.9', 'Z68.54'),
    expected: [],
  },
  {
    name: 'rejects a pediatric BMI (Z68.54) at 64',
    input: visit({ birthDate: '1960-06-01' }, 'E66.9', 'Z68.54'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'rejects a child health exam (Z00.129) at 10 days: newborns take Z00.11-',
    input: visit({ birthDate: '2025-02-28' }, 'Z00.129'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts a child health exam (Z00.121) at 2 months',
    input: visit({ birthDate: '2025-01-10' }, 'Z00.121'),
    expected: [],
  },
  { name: 'accepts Z38 on the day of birth', input: visit({ birthDate: '2025-03-10' }, 'Z38.00'), expected: [] },
  {
    name: 'rejects Z38 at age 1',
    input: visit({ birthDate: '2024-03-10' }, 'Z38.00'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'accepts a newborn exam at 8 days with Z00.111',
    input: visit({ birthDate: '2025-03-02' }, 'Z00.111'),
    expected: [],
  },
  {
    name: 'rejects Z00.110 (under 8 days) at 8 days',
    input: visit({ birthDate: '2025-03-02' }, 'Z00.110'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects Z05 after 28 days',
    input: visit({ birthDate: '2025-02-07' }, 'Z05.1'),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'warns on a perinatal code after age 0',
    input: visit({ birthDate: '2022-01-01' }, 'P07.30'),
    expected: [['warning', 'diagnoses[0].code']],
  },
  {
    name: 'warns on a child health exam at 18',
    input: visit({ birthDate: '2007-03-10' }, 'Z00.129'),
    expected: [['warning', 'diagnoses[0].code']],
  },
  {
    name: 'warns on an adult exam at 14',
    input: visit({ birthDate: '2010-06-01' }, 'Z00.00'),
    expected: [['warning', 'diagnoses[0].code']],
  },
  {
    name: 'skips the age edit when the birth date is after the service',
    input: visit({ birthDate: '2026-01-01' }, 'Z38.00'),
    expected: [],
  },
]);
