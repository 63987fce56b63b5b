/** Synthetic test data only: no real patients, NPIs that pass the check digit but name nobody. */
export const VALID_NPIS = ['1234567893', '1245319599', '1679576722', '1003000126', '1518060557'] as const;

export const payerBody = (over: Record<string, unknown> = {}) => ({
  name: 'Acme Health Plan',
  ediPayerId: '60054',
  claimFilingIndicator: 'CI',
  timelyFilingDays: 365,
  ...over,
});

export const providerBody = (over: Record<string, unknown> = {}) => ({
  kind: 'individual',
  npi: VALID_NPIS[0],
  firstName: 'Ada',
  lastName: 'Testdoctor',
  taxonomyCode: '207Q00000X',
  taxId: '123456789',
  address: { line1: '1 Clinic Way', city: 'Springfield', state: 'IL', postalCode: '627011234' },
  ...over,
});

export const patientBody = (over: Record<string, unknown> = {}) => ({
  firstName: 'Jane',
  lastName: 'Testpatient',
  birthDate: '1980-02-29',
  sex: 'female',
  address: { line1: '42 Elm St', city: 'Springfield', state: 'IL', postalCode: '62704' },
  ...over,
});

export const coverageBody = (patientId: string, payerId: string, over: Record<string, unknown> = {}) => ({
  patientId,
  payerId,
  memberId: 'XJH123456789',
  groupNumber: 'GRP-1001',
  priority: 'primary',
  relationship: 'self',
  effectiveFrom: '2025-01-01',
  ...over,
});
