/** Synthetic data only: NPIs that pass the check digit but name nobody, made-up patients. */

export interface BenchPatient {
  id: string;
  coverageId: string;
}

export interface BenchClinic {
  orgId: string;
  auth: string;
  payerId: string;
  billingId: string;
  renderingId: string;
  patients: BenchPatient[];
}

/** POSTs JSON to the running API and returns the parsed body, failing on any unexpected status. */
export async function postJson(
  baseUrl: string,
  auth: string,
  path: string,
  body: object,
  expected = 201,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const address = { line1: '1 Clinic Way', city: 'Springfield', state: 'IL', postalCode: '627011234' };

/**
 * A practice set up through the API the way an EHR would: a payer, an organization billing provider
 * (9-digit ZIP), a rendering clinician, and `patientCount` patients, each with a primary coverage.
 */
export async function createBenchClinic(
  baseUrl: string,
  orgId: string,
  auth: string,
  patientCount: number,
): Promise<BenchClinic> {
  const post = async (path: string, body: object) => (await postJson(baseUrl, auth, path, body)).id as string;
  const payerId = await post('/v1/payers', {
    name: 'Acme Health Plan',
    ediPayerId: '60054',
    claimFilingIndicator: 'CI',
    timelyFilingDays: 365,
  });
  const billingId = await post('/v1/providers', {
    kind: 'organization',
    npi: '1245319599',
    organizationName: 'Springfield Family Medicine',
    taxonomyCode: '207Q00000X',
    taxId: '123456789',
    address,
  });
  const renderingId = await post('/v1/providers', {
    kind: 'individual',
    npi: '1234567893',
    firstName: 'Ada',
    lastName: 'Testdoctor',
    taxonomyCode: '207Q00000X',
    taxId: '123456789',
    address,
  });
  const patients: BenchPatient[] = [];
  for (let i = 0; i < patientCount; i++) {
    const id = await post('/v1/patients', {
      externalId: `bench-patient-${i}`,
      firstName: 'Jane',
      lastName: `Testpatient${String.fromCharCode(65 + (i % 26))}`,
      birthDate: '1980-02-29',
      sex: 'female',
      address: { line1: '42 Elm St', city: 'Springfield', state: 'IL', postalCode: '62704' },
    });
    const coverageId = await post('/v1/coverages', {
      patientId: id,
      payerId,
      memberId: `XJH${String(100000000 + i)}`,
      groupNumber: 'GRP-1001',
      priority: 'primary',
      relationship: 'self',
      effectiveFrom: '2024-01-01',
    });
    patients.push({ id, coverageId });
  }
  return { orgId, auth, payerId, billingId, renderingId, patients };
}

/** Five starter-set procedures (a visit with labs) on two diagnoses: the clean path through the scrubber. */
export const SERVICE_LINES = [
  { code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1, 2] },
  { code: '36415', modifiers: [], units: 1, chargeCents: 2500, diagnosisPointers: [1] },
  { code: '85025', modifiers: [], units: 1, chargeCents: 3500, diagnosisPointers: [1] },
  { code: '80053', modifiers: [], units: 1, chargeCents: 4500, diagnosisPointers: [1, 2] },
  { code: '81002', modifiers: [], units: 1, chargeCents: 1200, diagnosisPointers: [2] },
] as const;
export const DIAGNOSES = [{ code: 'E11.9' }, { code: 'I10' }] as const;

const DAYS_SPREAD = 300;
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Hands out (patient, date of service) pairs, never the same pair twice: the duplicate-claim edit
 * (same patient, provider, date and codes) then never fires, and each claim takes the clean path.
 * Dates stay 10–309 days back, inside the payer's 365-day filing limit.
 */
export function createSlotAllocator(patients: BenchPatient[]) {
  let next = 0;
  return () => {
    const n = next++;
    if (n >= patients.length * DAYS_SPREAD)
      throw new Error('out of distinct (patient, date) slots: raise the patient count');
    return {
      patient: patients[n % patients.length]!,
      dateOfService: isoDaysAgo(10 + Math.floor(n / patients.length)),
      n,
    };
  };
}
export type Slot = ReturnType<ReturnType<typeof createSlotAllocator>>;

/** An encounter for one slot; charges vary with the slot so no two bodies are alike. */
export const encounterFor = (clinic: BenchClinic, slot: Slot) => ({
  externalId: `bench-visit-${slot.n}`,
  patientId: slot.patient.id,
  billingProviderId: clinic.billingId,
  renderingProviderId: clinic.renderingId,
  dateOfService: slot.dateOfService,
  placeOfService: '11',
  diagnoses: DIAGNOSES.map((d) => ({ ...d })),
  lines: SERVICE_LINES.map((l, i) => ({
    ...l,
    modifiers: [],
    diagnosisPointers: [...l.diagnosisPointers],
    chargeCents: l.chargeCents + (i === 0 ? slot.n % 1000 : 0),
  })),
});
