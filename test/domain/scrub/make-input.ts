import type {
  CodeVersion,
  MueLimit,
  ScrubClaim,
  ScrubCoverage,
  ScrubInput,
  ScrubIssue,
  ScrubPatient,
  ScrubPayer,
  ScrubRule,
  Severity,
} from '../../../src/domain/scrub/types.js';

/** Valid NPIs (Luhn with the 80840 prefix), checked in scrubber.test.ts. */
export const NPI = { billing: '1234567893', rendering: '9876543213', referring: '1111111112', facility: '2222222228' };

function version(
  system: CodeVersion['system'],
  code: string,
  effectiveFrom: string | null,
  effectiveTo: string | null = null,
  billable = true,
): CodeVersion {
  return { system, code, billable, effectiveFrom, effectiveTo, shortDescription: `${system} ${code}` };
}

const ICD_START = '2015-10-01';

/** A small code table for the tests; dates are what the rules need, not a copy of the real code sets. */
export const CODE_VERSIONS: CodeVersion[] = [
  version('icd10cm', 'M17.11', ICD_START),
  version('icd10cm', 'E11.9', ICD_START),
  version('icd10cm', 'I10', ICD_START),
  version('icd10cm', 'E11', ICD_START, null, false),
  version('icd10cm', 'R51', ICD_START, '2020-09-30'), // became a header in FY2021 (R51.9)
  version('icd10cm', 'R51', '2020-10-01', null, false),
  version('icd10cm', 'E11.A', '2025-10-01'), // new in FY2026
  version('icd10cm', 'Z99.998', ICD_START, '2019-09-30'), // invented: deleted at the end of FY2019
  version('icd10cm', 'Z99.999', '2016-10-01', '2018-09-30'), // invented: valid, dropped, then reinstated
  version('icd10cm', 'Z99.999', '2021-10-01'),
  version('cpt', '99214', '1992-01-01'),
  version('cpt', '20610', '1992-01-01'),
  version('cpt', '93000', '1992-01-01'),
  version('cpt', '0001F', '2005-01-01'),
  version('cpt', '99201', '1992-01-01', '2020-12-31'), // deleted from CPT 2021
  version('cpt', '99999', '2026-01-01'), // invented: a code of a future CPT release
  version('hcpcs', 'J1100', '2000-01-01'),
  version('hcpcs', 'G0439', '2011-01-01'),
  version('modifier', '25', '1992-01-01'),
  version('modifier', '59', '1992-01-01'),
  version('modifier', 'RT', '1992-01-01'),
  version('modifier', 'LT', '1992-01-01'),
  version('modifier', 'XS', '2015-01-01'),
  version('modifier', '76', '1992-01-01'),
  version('modifier', 'GQ', '1999-01-01', '2017-12-31'), // invented termination date
  version('pos', '11', '1990-01-01'),
  version('pos', '22', '1990-01-01'),
  version('pos', '10', '2022-01-01'), // telehealth in the patient's home
];

export function codeLookup(versions: CodeVersion[]): ScrubInput['codes'] {
  const key = (system: string, code: string) => `${system}|${system === 'icd10cm' ? code.replaceAll('.', '') : code}`;
  const table = new Map<string, CodeVersion[]>();
  for (const v of versions) table.set(key(v.system, v.code), [...(table.get(key(v.system, v.code)) ?? []), v]);
  return (system, code) => table.get(key(system, code)) ?? [];
}

const MUE: Record<string, MueLimit> = {
  '20610': { code: '20610', maxUnits: 2, adjudicationIndicator: 1, rationale: 'Anatomic consideration' },
  J1100: { code: 'J1100', maxUnits: 100, adjudicationIndicator: 3, rationale: 'Clinical data' },
  '93000': { code: '93000', maxUnits: 3, adjudicationIndicator: 2, rationale: 'Code descriptor / CPT instruction' },
};

const address = { line1: '100 Main St', line2: 'Suite 200', city: 'Springfield', state: 'IL', postalCode: '627011234' };

/** A clean claim: an office visit with a knee injection for a 64-year-old woman. scrubClaim returns []. */
export function cleanInput(): ScrubInput {
  return {
    today: '2025-04-01',
    claim: {
      dateOfService: '2025-03-10',
      placeOfService: '11',
      priorAuthorization: 'PA-2025-0001',
      diagnoses: [{ code: 'M17.11' }, { code: 'E11.9' }, { code: 'I10' }],
      lines: [
        {
          code: '99214',
          modifiers: ['25'],
          unitsThousandths: 1000,
          chargeCents: 15_000,
          diagnosisPointers: [2, 3],
          dateOfService: null,
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        },
        {
          code: '20610',
          modifiers: ['RT'],
          unitsThousandths: 1000,
          chargeCents: 20_000,
          diagnosisPointers: [1],
          dateOfService: null,
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        },
        {
          code: 'J1100',
          modifiers: [],
          unitsThousandths: 10_000,
          chargeCents: 800,
          diagnosisPointers: [1],
          ndc: '63323016501',
          // J1100 is 1 mg of dexamethasone a unit; NDC 63323-0165-01 is 4 mg/mL: 10 units are 2.5 mL.
          ndcQuantityThousandths: 2500,
          ndcUnit: 'ML',
          dateOfService: null,
          description: null,
        },
      ],
    },
    patient: {
      id: 'pat_1',
      firstName: 'Maria',
      lastName: 'Lopez',
      birthDate: '1960-05-15',
      sex: 'female',
      address: { line1: '42 Oak Ave', city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    providers: {
      billing: {
        id: 'prv_billing',
        kind: 'organization',
        npi: NPI.billing,
        organizationName: 'Riverside Family Medicine',
        taxonomyCode: '207Q00000X',
        taxId: '123456789',
        address,
      },
      rendering: {
        id: 'prv_rendering',
        kind: 'individual',
        npi: NPI.rendering,
        firstName: 'Jane',
        lastName: 'Doe',
        taxonomyCode: '207Q00000X',
      },
    },
    coverage: {
      id: 'cov_1',
      memberId: 'XYZ123456789',
      effectiveFrom: '2024-01-01',
      effectiveTo: null,
      active: true,
      subscriberFirstName: 'Maria',
      subscriberLastName: 'Lopez',
    },
    payer: { id: 'pyr_1', name: 'Acme Health', ediPayerId: '60054', timelyFilingDays: 365 },
    codes: codeLookup(CODE_VERSIONS),
    // 99214 is bundled into 20610 unless it carries a bypass modifier; the clean claim has 25 on it.
    ptpEdits: [
      {
        column1: '20610',
        column2: '99214',
        effectiveFrom: '2010-01-01',
        deletedOn: null,
        modifierIndicator: '1',
        rationale: 'Standards of medical / surgical practice',
      },
    ],
    mueLimits: (code) => MUE[code],
    existingClaims: [],
  };
}

export interface Overrides extends Partial<Omit<ScrubInput, 'claim' | 'patient' | 'providers' | 'coverage' | 'payer'>> {
  claim?: Partial<ScrubClaim>;
  providers?: Partial<ScrubInput['providers']>;
  patient?: Partial<ScrubPatient>;
  coverage?: Partial<ScrubCoverage> | null;
  payer?: Partial<ScrubPayer> | null;
}

/**
 * The clean input with changes: an object merged one level deep (claim, patient, providers, coverage and
 * payer fields; null removes coverage or payer), or a function that edits a fresh clean input.
 */
export function makeInput(overrides: Overrides | ((input: ScrubInput) => void) = {}): ScrubInput {
  const input = cleanInput();
  if (typeof overrides === 'function') {
    overrides(input);
    return input;
  }
  const { claim, patient, providers, coverage, payer, ...rest } = overrides;
  return {
    ...input,
    ...rest,
    claim: { ...input.claim, ...claim },
    patient: { ...input.patient, ...patient },
    providers: { ...input.providers, ...providers },
    coverage: coverage === null ? null : { ...(input.coverage as ScrubCoverage), ...coverage },
    payer: payer === null ? null : { ...(input.payer as ScrubPayer), ...payer },
  };
}

/** A case of a rule table: the input and the issues expected, as [severity, path] pairs in order. */
export interface RuleCase {
  name: string;
  input: ScrubInput;
  expected: [Severity, string][];
}

/** The fields a rule test asserts: rule id, severity and path. */
export function issueKeys(issues: ScrubIssue[]): { rule: string; severity: Severity; path: string }[] {
  return issues.map(({ rule, severity, path }) => ({ rule, severity, path }));
}

export function expectedKeys(ruleId: string, expected: [Severity, string][]) {
  return expected.map(([severity, path]) => ({ rule: ruleId, severity, path }));
}

/** Runs one rule; every issue must carry a message and a hint. */
export function runRule(rule: ScrubRule, input: ScrubInput): ScrubIssue[] {
  const issues = rule(input);
  for (const issue of issues) {
    if (issue.message.trim() === '' || issue.hint.trim() === '')
      throw new Error(`${rule.id} reported an issue without message or hint`);
  }
  return issues;
}
