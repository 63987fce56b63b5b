import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { type Clinic, encounterBody } from './clinic.js';

/** X12 settings and ready claims for the EDI tests (submissions, acknowledgments, remittances, corrections). */

export const SUBMITTER = {
  submitterId: 'ETIN12345',
  name: 'SPRINGFIELD FAMILY MEDICINE',
  contactName: 'BILLING OFFICE',
  contactPhone: '2175550100',
};
export const RECEIVER = { receiverId: 'CLEARHOUSE01', name: 'DEMO CLEARINGHOUSE', usage: 'T' };

/** Sets the organization's X12 submitter and the clinic payer's receiver, as an operator does. */
export async function configureX12(t: TestApp, c: Clinic) {
  const org = await t.http.get('/v1/organization').set('authorization', c.org.auth).expect(200);
  await t.http
    .patch('/v1/organization')
    .set('authorization', c.org.auth)
    .set('if-match', String(org.headers.etag))
    .send({ x12Submitter: SUBMITTER })
    .expect(200);
  const payer = await t.http.get(`/v1/payers/${c.payerId}`).set('authorization', c.org.auth).expect(200);
  await t.http
    .patch(`/v1/payers/${c.payerId}`)
    .set('authorization', c.org.auth)
    .set('if-match', String(payer.headers.etag))
    .send({ x12Receiver: RECEIVER })
    .expect(200);
}

export interface ReadyClaim {
  id: string;
  encounterId: string;
  patientControlNumber: string;
  totalChargeCents: number;
  lines: {
    lineNumber: number;
    controlNumber: string;
    procedureCode: string;
    chargeCents: number;
    dateOfService: string;
  }[];
}

let day = 0;
/** A ready claim on its own date of service (two visits on one day with the same codes would be duplicates). */
export async function readyClaim(t: TestApp, c: Clinic, over: Record<string, unknown> = {}): Promise<ReadyClaim> {
  day++;
  const dateOfService = new Date(Date.now() - (10 + (day % 300)) * 86_400_000).toISOString().slice(0, 10);
  const res = await t.http
    .post('/v1/encounters')
    .set('authorization', c.org.auth)
    .send(encounterBody(c, { dateOfService, ...over }))
    .expect(201);
  const claim = res.body.claims[0];
  expect(claim.status).toBe('ready');
  return claim as ReadyClaim;
}

/** `n` ready claims of a clinic configured for X12, submitted together (each on its own date of service). */
export async function submittedClaims(t: TestApp, c: Clinic, n: number): Promise<ReadyClaim[]> {
  await configureX12(t, c);
  const claims: ReadyClaim[] = [];
  for (let i = 0; i < n; i++) claims.push(await readyClaim(t, c));
  await submit(
    t,
    c,
    claims.map((x) => x.id),
  );
  return claims;
}

/** Submits claims and returns the one submission made (all claims of one payer). */
export async function submit(t: TestApp, c: Clinic, claimIds: string[]) {
  const res = await t.http.post('/v1/submissions').set('authorization', c.org.auth).send({ claimIds }).expect(201);
  return res.body.data[0] as {
    id: string;
    interchangeControlNumber: string;
    groupControlNumber: string;
    transactionControlNumbers: string[];
    claims: { claimId: string; patientControlNumber: string; transactionControlNumber: string }[];
  };
}
