import type { TestApp, TestOrg } from './app.js';
import { coverageBody, patientBody, payerBody, providerBody } from './factories.js';

export interface Clinic {
  org: TestOrg;
  payerId: string;
  billingId: string;
  renderingId: string;
  patientId: string;
  coverageId: string;
}

/**
 * A small practice: a payer, an organization billing provider, a clinician, a patient with primary coverage.
 * `setup` sets the organization's time zone and the payer's fields.
 */
export async function createClinic(
  t: TestApp,
  patientOver: Record<string, unknown> = {},
  setup: { timeZone?: string; payer?: Record<string, unknown> } = {},
): Promise<Clinic> {
  const org = await t.newOrg('Test Clinic', setup.timeZone ? { timeZone: setup.timeZone } : {});
  const post = async (path: string, body: object) =>
    (await t.http.post(path).set('authorization', org.auth).send(body).expect(201)).body.id as string;
  const payerId = await post('/v1/payers', payerBody(setup.payer));
  const billingId = await post(
    '/v1/providers',
    providerBody({
      kind: 'organization',
      npi: '1245319599',
      organizationName: 'Springfield Family Medicine',
      firstName: null,
      lastName: null,
    }),
  );
  const renderingId = await post('/v1/providers', providerBody({ npi: '1234567893', taxonomyCode: '207Q00000X' }));
  const patientId = await post('/v1/patients', patientBody(patientOver));
  const coverageId = await post('/v1/coverages', coverageBody(patientId, payerId, { effectiveFrom: '2024-01-01' }));
  return { org, payerId, billingId, renderingId, patientId, coverageId };
}

/** A recent date of service, so timely filing and code effective dates both pass. */
export const RECENT_DOS = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);

export const encounterBody = (c: Clinic, over: Record<string, unknown> = {}) => ({
  externalId: `visit-${Math.random().toString(36).slice(2)}`,
  patientId: c.patientId,
  billingProviderId: c.billingId,
  renderingProviderId: c.renderingId,
  dateOfService: RECENT_DOS,
  placeOfService: '11',
  diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
  lines: [
    { code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1, 2] },
    { code: '36415', modifiers: [], units: 1, chargeCents: 2500, diagnosisPointers: [1] },
  ],
  ...over,
});
