import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { RECENT_DOS } from '../support/clinic.js';
import { coverageBody, patientBody, payerBody, providerBody, VALID_NPIS } from '../support/factories.js';

/*
 * Encounters a certified coder would build to trip (or not trip) particular scrub rules, posted through
 * POST /v1/encounters on a database holding only the starter code set. Each scenario states the exact set
 * of ERROR rule ids a coder expects on the claim (status follows: any error = needs_attention), the path
 * of the first error, and, where it matters, the exact set of warning rule ids (an empty list = a claim
 * the coder finds clean must carry no noise either).
 *
 * Starter-set note: a well-formed code missing from the starter set is a warning (icd.unknown,
 * procedure.unknown, modifier.unknown), never an error, because the code cannot be verified.
 */

let t: TestApp;

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

// NCCI PTP pairs and MUE limits are global tables: every scenario below uses its own codes for them.
const PTP_ROWS: [column1: string, column2: string, indicator: '0' | '1' | '9', deletedOn: string | null][] = [
  ['12001', '17110', '0', null], // indicator 0: never together
  ['17000', '11200', '1', null], // indicator 1: bypass with 59/X{EPSU} on 11200 (column 2)
  ['20610', '99214', '1', null], // E/M bundled into a minor procedure: bypass with 25 on the E/M
  ['10060', '69210', '9', null], // indicator 9: not applicable
  ['87880', '87804', '1', daysAgo(100)], // deleted before the date of service
];
const MUE_ROWS: [code: string, maxUnits: number, indicator: 1 | 2 | 3][] = [
  ['69210', 1, 1], // line edit
  ['90471', 1, 2], // date-of-service edit, policy
  ['97110', 4, 3], // date-of-service edit, clinical
];

beforeAll(async () => {
  t = await createTestApp();
  for (const [column1, column2, indicator, deletedOn] of PTP_ROWS) {
    await t.database.db.execute(sql`insert into ncci_ptp_edits (column1, column2, effective_from, deleted_on, modifier_indicator, rationale, release)
      values (${column1}, ${column2}, '2010-01-01', ${deletedOn}, ${indicator}, 'Scenario pair', 'scenario') on conflict do nothing`);
  }
  for (const [code, maxUnits, indicator] of MUE_ROWS) {
    await t.database.db.execute(sql`insert into mue_limits (code, max_units, adjudication_indicator, adjudication_text, rationale, effective_from, release)
      values (${code}, ${maxUnits}, ${indicator}, 'Scenario', 'Scenario limit', '2010-01-01', 'scenario') on conflict do nothing`);
  }
});
afterAll(() => t.close());

interface Setup {
  patient?: Record<string, unknown>;
  payer?: Record<string, unknown>;
  billing?: Record<string, unknown>;
  /** Overrides of the rendering clinician; 'billing' bills and renders with the same (organization) provider. */
  rendering?: Record<string, unknown> | 'billing' | null;
  coverage?: Record<string, unknown>;
  deactivateBilling?: boolean;
}

interface Practice {
  org: TestOrg;
  patientId: string;
  billingId: string;
  renderingId: string | null;
}

async function practice(s: Setup = {}): Promise<Practice> {
  const org = await t.newOrg();
  const post = async (path: string, body: object) => {
    const res = await t.http.post(path).set('authorization', org.auth).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const payerId = await post('/v1/payers', payerBody(s.payer));
  const billingId = await post(
    '/v1/providers',
    providerBody({
      kind: 'organization',
      npi: VALID_NPIS[1],
      organizationName: 'Springfield Family Medicine',
      firstName: null,
      lastName: null,
      ...s.billing,
    }),
  );
  if (s.deactivateBilling)
    await t.http
      .post(`/v1/providers/${billingId}/deactivate`)
      .set('authorization', org.auth)
      .expect((r) => expect(r.status).toBeLessThan(300));
  const renderingId =
    s.rendering === null
      ? null
      : s.rendering === 'billing'
        ? billingId
        : await post('/v1/providers', providerBody({ npi: VALID_NPIS[0], ...s.rendering }));
  const patientId = await post('/v1/patients', patientBody(s.patient));
  await post('/v1/coverages', coverageBody(patientId, payerId, { effectiveFrom: '2023-01-01', ...s.coverage }));
  return { org, patientId, billingId, renderingId };
}

type Line = {
  code: string;
  modifiers?: string[];
  units?: number;
  chargeCents?: number;
  diagnosisPointers?: number[];
  ndc?: string;
  ndcQuantity?: number;
  ndcUnit?: string;
  dateOfService?: string;
  description?: string;
};

/** An NDC quantity in milliliters (837P CTP04 / CTP05-1). */
const ML = (ndcQuantity: number) => ({ ndcQuantity, ndcUnit: 'ML' });

const line = (code: string, over: Omit<Line, 'code'> = {}) => ({
  code,
  modifiers: [],
  units: 1,
  chargeCents: 10_000,
  diagnosisPointers: [1],
  ...over,
});

function visit(
  p: Practice,
  over: { diagnoses?: string[]; lines?: Line[]; dateOfService?: string; placeOfService?: string } = {},
) {
  const diagnoses = over.diagnoses ?? ['E11.9', 'I10'];
  // The default office visit points to the first (up to four) diagnoses.
  const pointers = diagnoses.slice(0, 4).map((_, i) => i + 1);
  return {
    externalId: `scenario-${Math.random().toString(36).slice(2)}`,
    patientId: p.patientId,
    billingProviderId: p.billingId,
    renderingProviderId: p.renderingId,
    dateOfService: over.dateOfService ?? RECENT_DOS,
    placeOfService: over.placeOfService ?? '11',
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: (over.lines ?? [line('99213', { chargeCents: 15_000, diagnosisPointers: pointers })]).map((l) =>
      line(l.code, l),
    ),
  };
}

interface Issue {
  rule: string;
  severity: 'error' | 'warning';
  path: string;
}
interface ClaimView {
  status: string;
  issues: Issue[];
}

async function postVisit(p: Practice, body: object) {
  const res = await t.http.post('/v1/encounters').set('authorization', p.org.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { selfPay: boolean; billing: string; claims: ClaimView[] };
}

const ruleIds = (issues: Issue[], severity: Issue['severity']) =>
  [...new Set(issues.filter((i) => i.severity === severity).map((i) => i.rule))].sort();

interface Scenario {
  name: string;
  setup?: Setup;
  encounter?: Parameters<typeof visit>[1];
  /** Posted first, for the same patient (duplicate scenarios). */
  earlier?: Parameters<typeof visit>[1];
  /** Exact error rule ids. */
  errors: string[];
  /** Path of the first error issue. */
  path?: string;
  /** Exact warning rule ids, when given. */
  warnings?: string[];
}

function expectClaim(claim: ClaimView | undefined, s: Scenario) {
  expect(claim, 'a claim is built').toBeDefined();
  const { issues } = claim!;
  const detail = JSON.stringify(issues.map((i) => `${i.severity}:${i.rule}@${i.path}`));
  expect(ruleIds(issues, 'error'), detail).toEqual([...s.errors].sort());
  if (s.path) expect(issues.find((i) => i.severity === 'error')?.path, detail).toBe(s.path);
  if (s.warnings) expect(ruleIds(issues, 'warning'), detail).toEqual([...s.warnings].sort());
  expect(claim!.status).toBe(s.errors.length > 0 ? 'needs_attention' : 'ready');
}

const female = (birthDate: string) => ({ sex: 'female', birthDate });
const male = (birthDate: string) => ({ sex: 'male', birthDate });

const SCENARIOS: Scenario[] = [
  // --- Clean visits -------------------------------------------------------------------------------
  { name: 'clean E/M visit: 99213 for type 2 diabetes and hypertension', errors: [], warnings: [] },
  {
    name: 'clean visit with a venipuncture and a 5-digit patient ZIP on a PO box',
    setup: { patient: { address: { line1: 'PO Box 77', city: 'Springfield', state: 'IL', postalCode: '62704' } } },
    encounter: { lines: [line('99213', { diagnosisPointers: [1, 2] }), line('36415')] },
    errors: [],
    warnings: [],
  },
  {
    name: 'clean visit billed by a group without a taxonomy code (commercial payer)',
    setup: { billing: { taxonomyCode: null } },
    errors: [],
    warnings: [],
  },
  {
    name: 'billing group without taxonomy for a Medicaid plan: warning only',
    setup: { billing: { taxonomyCode: null }, payer: { claimFilingIndicator: 'MC' } },
    errors: [],
    warnings: ['provider.taxonomy_missing'],
  },
  { name: 'clean visit without a separate rendering provider', setup: { rendering: null }, errors: [], warnings: [] },
  {
    name: 'rendering provider is the billing group itself (2310B not sent)',
    setup: { rendering: 'billing' },
    errors: [],
    warnings: [],
  },
  {
    name: 'dependent covered under a spouse policy',
    setup: {
      coverage: {
        relationship: 'spouse',
        subscriber: { firstName: 'John', lastName: 'Testpatient', birthDate: '1978-05-05', sex: 'male' },
      },
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'telehealth visit in the patient home: POS 10 with modifier 95',
    encounter: { placeOfService: '10', lines: [line('99213', { modifiers: ['95'], diagnosisPointers: [1, 2] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'drug line J1100 (10 x 1 mg) with its 11-digit NDC and the injection',
    encounter: {
      diagnoses: ['L50.9'],
      lines: [line('96372'), line('J1100', { units: 10, chargeCents: 800, ndc: '63323016501', ...ML(2.5) })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'bilateral knee injection 20610-50, one unit',
    encounter: { diagnoses: ['M17.0'], lines: [line('20610', { modifiers: ['50'] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'E/M with 25 plus a minor procedure (NCCI 20610/99214, indicator 1)',
    encounter: {
      diagnoses: ['M17.11', 'E11.9'],
      lines: [line('99214', { modifiers: ['25'], diagnosisPointers: [2, 1] }), line('20610', { modifiers: ['RT'] })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'injury coded first, external cause second',
    encounter: { diagnoses: ['S93.401A', 'W19.XXXA'], lines: [line('99213', { diagnosisPointers: [1, 2] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'supervision of a normal first pregnancy for a woman of 30',
    setup: { patient: female('1995-06-01') },
    encounter: { diagnoses: ['Z34.00'] },
    errors: [],
    warnings: [],
  },
  {
    name: 'BPH with urinary symptoms for a man of 75',
    setup: { patient: male('1950-06-01') },
    encounter: { diagnoses: ['N40.1', 'R35.0'] },
    errors: [],
    warnings: [],
  },
  {
    name: 'newborn exam at 5 days old (Z00.110)',
    setup: { patient: { birthDate: daysAgo(15), sex: 'female' } },
    encounter: { diagnoses: ['Z00.110'], lines: [line('99391')] },
    errors: [],
    warnings: [],
  },
  {
    name: 'BPH for a patient registered female, KX on the line (CMS gender-specific override)',
    setup: { patient: female('1970-01-01') },
    encounter: { diagnoses: ['N40.1'], lines: [line('99213', { modifiers: ['KX'] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'quality code 3074F reported at $0.00 with the visit',
    encounter: { diagnoses: ['I10'], lines: [line('99213'), line('3074F', { chargeCents: 0 })] },
    errors: [],
    warnings: ['procedure.unknown'], // 3074F is not in the starter set
  },
  {
    name: 'a diagnosis not in the starter set is a warning, not an error',
    encounter: { diagnoses: ['K35.80'] },
    errors: [],
    warnings: ['icd.unknown'],
  },
  {
    name: 'neonatal jaundice on an adult: perinatal codes may persist (warning)',
    encounter: { diagnoses: ['P59.9'] },
    errors: [],
    warnings: ['demographic.age_conflict'],
  },
  {
    name: 'patient name with accents: warning only',
    setup: { patient: { firstName: 'José', lastName: 'Müller' } },
    errors: [],
    warnings: ['x12.non_ascii'],
  },
  {
    name: 'deactivated billing provider: warning to confirm',
    setup: { deactivateBilling: true },
    errors: [],
    warnings: ['provider.inactive'],
  },

  // --- Diagnosis coding -------------------------------------------------------------------------
  {
    name: 'header code E11 (not billable)',
    encounter: { diagnoses: ['E11', 'I10'] },
    errors: ['icd.not_billable'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'M54.5 became a header in FY2022',
    encounter: { diagnoses: ['M54.5'] },
    errors: ['icd.not_billable'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'ICD-9 code 250.00',
    encounter: { diagnoses: ['250.00'] },
    errors: ['icd.unknown'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'external cause first (W19.XXXA), injury second',
    encounter: { diagnoses: ['W19.XXXA', 'S93.401A'], lines: [line('99213', { diagnosisPointers: [2, 1] })] },
    errors: ['icd.external_cause_first'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'manifestation code first (G63 before diabetes)',
    encounter: { diagnoses: ['G63', 'E11.42'], lines: [line('99213', { diagnosisPointers: [2, 1] })] },
    errors: ['icd.manifestation_first'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'pregnancy code O21.0 on a male patient',
    setup: { patient: male('1990-01-01') },
    encounter: { diagnoses: ['O21.0'] },
    errors: ['demographic.sex_conflict'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'Z34.00 on a male patient',
    setup: { patient: male('1990-01-01') },
    encounter: { diagnoses: ['Z34.00'] },
    errors: ['demographic.sex_conflict'],
    path: 'diagnoses[0].code',
  },
  {
    name: 'prostate code N40.0 on a female patient',
    setup: { patient: female('1960-01-01') },
    encounter: { diagnoses: ['I10', 'N40.0'] },
    errors: ['demographic.sex_conflict'],
    path: 'diagnoses[1].code',
  },
  {
    name: 'newborn birth-episode code Z38.00 on an adult',
    encounter: { diagnoses: ['Z38.00'], lines: [line('99213')] },
    errors: ['demographic.age_conflict'],
    path: 'diagnoses[0].code',
  },

  // --- Claim structure --------------------------------------------------------------------------
  {
    name: '13 diagnoses',
    encounter: {
      diagnoses: [
        'E11.9',
        'I10',
        'E78.5',
        'J45.909',
        'K21.9',
        'M17.11',
        'F41.1',
        'G47.00',
        'E03.9',
        'R53.83',
        'Z79.4',
        'E55.9',
        'J30.9',
      ],
      lines: [line('99214', { diagnosisPointers: [1, 2, 3, 4] })],
    },
    errors: ['structure.diagnosis_count'],
    path: 'diagnoses',
  },
  {
    name: 'pointer to a missing diagnosis',
    encounter: { diagnoses: ['E11.9'], lines: [line('99213', { diagnosisPointers: [1, 3] })] },
    errors: ['structure.pointer_invalid'],
    path: 'lines[0].diagnosisPointers[1]',
  },
  {
    name: 'zero units',
    encounter: { lines: [line('99213', { units: 0 })] },
    errors: ['structure.units_invalid'],
    path: 'lines[0].units',
  },
  {
    name: 'zero charge on an office visit',
    encounter: { lines: [line('99213', { chargeCents: 0 })] },
    errors: ['structure.charge_invalid'],
    path: 'lines[0].chargeCents',
  },
  {
    name: 'five modifiers on one line',
    encounter: { diagnoses: ['M17.11'], lines: [line('20610', { modifiers: ['RT', 'XS', 'KX', 'GA', 'GY'] })] },
    errors: ['structure.modifier_count'],
    path: 'lines[0].modifiers',
  },
  {
    name: 'NDC with hyphens on a drug line is converted to 11 digits',
    encounter: {
      diagnoses: ['L50.9'],
      lines: [line('96372'), line('J1100', { units: 10, ndc: '63323-165-01', ...ML(2.5) })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'unclassified drug (J3490) without a description',
    encounter: { diagnoses: ['L50.9'], lines: [line('96372'), line('J3490', { ndc: '00409488802', ...ML(2) })] },
    errors: ['procedure.description_required'],
    path: 'lines[1].description',
  },
  {
    name: 'unclassified drug (J3490) with its name and dose',
    encounter: {
      diagnoses: ['L50.9'],
      lines: [line('96372'), line('J3490', { ndc: '00409488802', ...ML(2), description: 'Famotidine 20 mg IV' })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'NDC of 10 bare digits (ambiguous)',
    encounter: {
      diagnoses: ['L50.9'],
      lines: [line('96372'), line('J1100', { units: 10, ndc: '6332316501', ...ML(2.5) })],
    },
    errors: ['ndc.format'],
    path: 'lines[1].ndc',
  },
  {
    name: 'NDC without the quantity and unit of the drug given (837P 2410 CTP)',
    encounter: { diagnoses: ['L50.9'], lines: [line('96372'), line('J1100', { units: 10, ndc: '63323016501' })] },
    errors: ['ndc.quantity_required'],
    path: 'lines[1].ndcQuantity',
  },
  {
    name: 'NDC quantity and unit on a line without NDC',
    encounter: { diagnoses: ['L50.9'], lines: [line('96372', { ...ML(1) })] },
    errors: ['ndc.quantity_without_ndc'],
    path: 'lines[0].ndc',
  },

  // --- Add-on codes and age-defined visits --------------------------------------------------------
  {
    name: 'prolonged visit (99417) without its primary visit',
    encounter: { lines: [line('99214'), line('99417')] },
    errors: ['procedure.add_on_without_primary'],
    path: 'lines[1].code',
  },
  {
    name: 'prolonged visit (99417) after a level-5 visit (99215)',
    encounter: { lines: [line('99215'), line('99417')] },
    errors: [],
    warnings: [],
  },
  {
    name: 'preventive visit for 40-64 (99396) for a woman of 30',
    setup: { patient: female('1995-06-01') },
    encounter: { diagnoses: ['Z00.00'], lines: [line('99396')] },
    errors: ['procedure.age_conflict'],
    path: 'lines[0].code',
  },
  {
    name: 'preventive visit for 18-39 (99395) for a woman of 30',
    setup: { patient: female('1995-06-01') },
    encounter: { diagnoses: ['Z00.00'], lines: [line('99395')] },
    errors: [],
    warnings: [],
  },

  // --- NCCI PTP -----------------------------------------------------------------------------------
  {
    name: 'NCCI indicator 0: 59 does not bypass',
    encounter: {
      diagnoses: ['T14.90XA', 'L82.1'],
      lines: [line('12001'), line('17110', { modifiers: ['59'], diagnosisPointers: [2] })],
    },
    errors: ['ncci.ptp_never_together'],
    path: 'lines[1].code',
  },
  {
    name: 'NCCI indicator 1 without a modifier',
    encounter: { diagnoses: ['L82.1'], lines: [line('17000'), line('11200')] },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[1].modifiers',
  },
  {
    name: 'NCCI indicator 1 with XS on the column-2 line',
    encounter: { diagnoses: ['L82.1'], lines: [line('17000'), line('11200', { modifiers: ['XS'] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'NCCI indicator 1 with 59 on the column-2 line listed first',
    encounter: { diagnoses: ['L82.1'], lines: [line('11200', { modifiers: ['59'] }), line('17000')] },
    errors: [],
    warnings: [],
  },
  {
    name: 'NCCI indicator 1 with 59 wrongly on the column-1 line',
    encounter: { diagnoses: ['L82.1'], lines: [line('17000', { modifiers: ['59'] }), line('11200')] },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[1].modifiers',
  },
  {
    name: 'E/M without 25 on the day of a minor procedure',
    encounter: { diagnoses: ['M17.11'], lines: [line('99214'), line('20610', { modifiers: ['RT'] })] },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[0].modifiers',
  },
  {
    name: 'modifier 25 wrongly on the procedure (column 1) instead of the E/M',
    encounter: { diagnoses: ['M17.11'], lines: [line('99214'), line('20610', { modifiers: ['25'] })] },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[0].modifiers',
    warnings: ['modifier.code_mismatch'], // 25 describes E/M services only (CPT Appendix A)
  },
  {
    name: 'XS on the E/M instead of 25: no bypass (59 and X modifiers are not for E/M), and miscoded',
    encounter: {
      diagnoses: ['M17.11'],
      lines: [line('99214', { modifiers: ['XS'] }), line('20610', { modifiers: ['RT'] })],
    },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[0].modifiers',
    warnings: ['modifier.code_mismatch'],
  },
  {
    name: '25 on a procedure in column 2 does not bypass its edit',
    encounter: { diagnoses: ['L82.1'], lines: [line('17000'), line('11200', { modifiers: ['25'] })] },
    errors: ['ncci.ptp_bypass_missing'],
    path: 'lines[1].modifiers',
    warnings: ['modifier.code_mismatch'],
  },
  {
    name: 'E/M with 25 on the day of a minor procedure is clean',
    encounter: {
      diagnoses: ['M17.11'],
      lines: [line('99214', { modifiers: ['25'] }), line('20610', { modifiers: ['RT'] })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'NCCI indicator 9 is not an edit',
    encounter: { diagnoses: ['L02.91', 'H61.23'], lines: [line('10060'), line('69210', { diagnosisPointers: [2] })] },
    errors: [],
    warnings: [],
  },
  {
    name: 'NCCI edit deleted before the date of service',
    encounter: { diagnoses: ['J02.9'], lines: [line('87880'), line('87804')] },
    errors: [],
    warnings: [],
  },

  // --- MUE ----------------------------------------------------------------------------------------
  {
    name: 'MUE line edit (indicator 1) exceeded on one line',
    encounter: { diagnoses: ['H61.23'], lines: [line('69210', { units: 2 })] },
    errors: ['mue.units_exceeded'],
    path: 'lines[0].units',
  },
  {
    name: 'MUE line edit: one unit per ear on two lines is within the limit',
    encounter: {
      diagnoses: ['H61.23'],
      lines: [line('69210', { modifiers: ['RT'] }), line('69210', { modifiers: ['LT'] })],
    },
    errors: [],
    warnings: [],
  },
  {
    name: 'MUE date-of-service edit (indicator 2) exceeded',
    encounter: { diagnoses: ['Z23'], lines: [line('90471', { units: 2 }), line('90686')] },
    errors: ['mue.units_exceeded'],
    path: 'lines[0].units',
  },
  {
    name: 'MUE date-of-service edit (indicator 3) summed over two lines',
    encounter: {
      diagnoses: ['M62.81'],
      lines: [line('97110', { units: 3 }), line('97110', { units: 2, modifiers: ['XU'] })],
    },
    errors: ['mue.units_exceeded'],
    path: 'lines[1].units',
  },
  {
    name: 'MUE date-of-service edit at the limit',
    encounter: { diagnoses: ['M62.81'], lines: [line('97110', { units: 4 })] },
    errors: [],
    warnings: [],
  },

  // --- Duplicates -------------------------------------------------------------------------------
  {
    name: 'duplicate claim: the same services for the same patient, provider and day',
    earlier: {},
    errors: ['duplicate.claim'],
    path: 'lines',
  },
  {
    name: 'a second visit the same day repeating one line (99213): warning on that line only',
    earlier: { lines: [line('99213', { diagnosisPointers: [1, 2] }), line('36415')] },
    encounter: { lines: [line('99213', { diagnosisPointers: [1, 2] }), line('81002')] },
    errors: [],
    warnings: ['duplicate.claim'],
  },
  {
    name: 'two visits the same day with different services are not duplicates',
    earlier: { lines: [line('99213', { diagnosisPointers: [1, 2] }), line('36415')] },
    encounter: { diagnoses: ['R30.0'], lines: [line('81002')] },
    errors: [],
    warnings: [],
  },

  // --- Timely filing, coverage, payer --------------------------------------------------------------
  {
    name: 'timely filing passed (400 days, payer limit 365)',
    encounter: { dateOfService: daysAgo(400) },
    errors: ['filing.deadline_passed'],
    path: 'dateOfService',
  },
  {
    name: 'timely filing passed for a service in an earlier ICD-10-CM year (800 days)',
    encounter: { dateOfService: daysAgo(800) },
    errors: ['filing.deadline_passed'],
    path: 'dateOfService',
  },
  {
    name: 'timely filing near (350 of 365 days): warning',
    encounter: { dateOfService: daysAgo(350) },
    errors: [],
    warnings: ['filing.deadline_near'],
  },
  {
    name: 'payer without an EDI payer id',
    setup: { payer: { ediPayerId: null } },
    errors: ['payer.edi_id_missing'],
    path: 'payer.ediPayerId',
  },

  // --- Providers and patient ---------------------------------------------------------------------
  {
    name: 'billing provider without a tax id',
    setup: { billing: { taxId: null } },
    errors: ['provider.tax_id_invalid'],
    path: 'providers.billing.taxId',
  },
  {
    name: 'billing provider without an address',
    setup: { billing: { address: null } },
    errors: ['provider.address_missing'],
    path: 'providers.billing.address',
  },
  {
    name: 'billing provider with a 5-digit ZIP',
    setup: { billing: { address: { line1: '1 Clinic Way', city: 'Springfield', state: 'IL', postalCode: '62701' } } },
    errors: ['provider.zip_plus_four_missing'],
    path: 'providers.billing.address.postalCode',
  },
  {
    name: 'billing provider at a PO box',
    setup: {
      billing: { address: { line1: 'PO Box 1200', city: 'Springfield', state: 'IL', postalCode: '627011234' } },
    },
    errors: ['provider.billing_po_box'],
    path: 'providers.billing.address.line1',
  },
  {
    name: 'rendering provider is a group NPI',
    setup: {
      rendering: {
        kind: 'organization',
        npi: VALID_NPIS[2],
        organizationName: 'Other Group',
        firstName: null,
        lastName: null,
      },
    },
    errors: ['provider.kind_invalid'],
    path: 'providers.rendering.kind',
  },
  {
    name: 'patient without an address',
    setup: { patient: { address: null } },
    errors: ['patient.address_missing'],
    path: 'patient.address',
  },
  {
    name: '~ in the patient name',
    setup: { patient: { lastName: 'Test~patient' } },
    errors: ['x12.unsafe_characters'],
    path: 'patient.lastName',
  },
  {
    name: '* in the patient address',
    setup: {
      patient: { address: { line1: '42 Elm St *Rear', city: 'Springfield', state: 'IL', postalCode: '62704' } },
    },
    errors: ['x12.unsafe_characters'],
    path: 'patient.address.line1',
  },
];

describe('scrub scenarios through POST /v1/encounters', () => {
  it.each(SCENARIOS)('$name', async (s) => {
    const p = await practice(s.setup);
    if (s.earlier) {
      const first = await postVisit(p, visit(p, s.earlier));
      expect(first.claims[0]?.status).toBe('ready');
    }
    const res = await postVisit(p, visit(p, s.encounter));
    expect(res.selfPay).toBe(false);
    expectClaim(res.claims[0], s);
  });

  it.each([
    ['coverage ended before the date of service', { effectiveTo: daysAgo(30) }],
    ['coverage starts after the date of service', { effectiveFrom: today() }],
  ])('%s: self-pay, no claim, and the response says so', async (_name, coverage) => {
    const p = await practice({ coverage });
    const res = await postVisit(p, visit(p));
    expect(res).toMatchObject({ selfPay: true, claims: [] });
    expect(res.billing).toMatch(/self-pay/);
  });

  it('coverage marked inactive: self-pay', async () => {
    const p = await practice();
    const coverages = await t.http
      .get('/v1/coverages')
      .query({ patientId: p.patientId })
      .set('authorization', p.org.auth)
      .expect(200);
    const coverageId = coverages.body.data[0].id as string;
    await t.http
      .post(`/v1/coverages/${coverageId}/deactivate`)
      .set('authorization', p.org.auth)
      .expect((r) => expect(r.status).toBeLessThan(300));
    const res = await postVisit(p, visit(p));
    expect(res).toMatchObject({ selfPay: true, claims: [] });
  });
});
