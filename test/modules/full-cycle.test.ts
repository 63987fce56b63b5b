import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { build277ca, build999 } from '../support/acks.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, readyClaim } from '../support/edi.js';

/**
 * The whole loop with a payer, through the HTTP API: encounter → 837P submission → 999 → 277CA → 835 → paid, and a
 * claim the payer's front end rejects, fixed and sent again. The 999, 277CA and 835 are the README walkthrough's
 * files (test/fixtures/x12), with the claim's own numbers set in.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/x12');
const fixture = (name: string, values: Record<string, string>) =>
  Object.entries(values).reduce(
    (text, [key, value]) => text.replaceAll(`{${key}}`, value),
    readFileSync(path.join(FIXTURES, name), 'utf8'),
  );

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VISIT = [{ code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1, 2] }];

async function upload(c: Clinic, route: string, file: string, expected = 201) {
  const res = await t.http
    .post(route)
    .set('authorization', c.org.auth)
    .set('content-type', 'application/edi-x12')
    .send(file);
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  return res.body;
}

const get = async (c: Clinic, url: string) => (await t.http.get(url).set('authorization', c.org.auth).expect(200)).body;

async function submitOne(c: Clinic, claimIds: string[]) {
  const res = await t.http.post('/v1/submissions').set('authorization', c.org.auth).send({ claimIds }).expect(201);
  return res.body.data[0];
}

describe('the full cycle with a payer', () => {
  it('encounter → submission → 999 → 277CA → 835: paid with the payer’s amounts; a rejection fixed and resubmitted', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const paid = await readyClaim(t, c, { lines: VISIT });
    const fixed = await readyClaim(t, c, { lines: VISIT });

    // 837P: both claims in one interchange.
    const sub = await submitOne(c, [paid.id, fixed.id]);
    expect(sub.claimCount).toBe(2);
    const x12 = (await t.http.get(`/v1/submissions/${sub.id}/x12`).set('authorization', c.org.auth).expect(200)).text;
    expect(x12).toContain(`CLM*${paid.patientControlNumber}*150*`);

    // 999: the set is accepted; the claims stay submitted (a 999 checks syntax only).
    await upload(
      c,
      '/v1/acknowledgments',
      fixture('walkthrough-999.x12', { GROUP: sub.groupControlNumber, SET: sub.transactionControlNumbers[0] }),
    );
    expect((await get(c, `/v1/submissions/${sub.id}`)).status).toBe('accepted');
    expect((await get(c, `/v1/claims/${paid.id}`)).status).toBe('submitted');

    // 277CA: the payer takes one claim into adjudication and rejects the other at its front end.
    const dos = paid.lines[0]!.dateOfService.replaceAll('-', '');
    await upload(
      c,
      '/v1/acknowledgments',
      fixture('walkthrough-277ca.x12', {
        BATCH: sub.id.slice(4).toUpperCase(),
        PCN: paid.patientControlNumber,
        DOS: dos,
      }),
    );
    expect(await get(c, `/v1/claims/${paid.id}`)).toMatchObject({
      status: 'accepted',
      payerClaimNumber: 'PAYERCLAIM0001',
    });
    await upload(
      c,
      '/v1/acknowledgments',
      build277ca(
        [
          {
            patientControlNumber: fixed.patientControlNumber,
            stc: 'A7:21:85',
            message: 'BILLING PROVIDER NOT ON FILE',
          },
        ],
        { submissionId: sub.id },
      ),
    );
    const rejected = await get(c, `/v1/claims/${fixed.id}`);
    expect(rejected.status).toBe('rejected');
    const rejectedAt = (await get(c, `/v1/claims/${fixed.id}/history`)).data.at(-1);
    expect(rejectedAt).toMatchObject({ fromStatus: 'submitted', toStatus: 'rejected' });
    expect(rejectedAt.reasonCodes).toContain('A7:21:85');

    // A rejection is not a denial: fix the encounter, the claim is rescrubbed to ready and goes out again.
    const enc = await t.http.get(`/v1/encounters/${fixed.encounterId}`).set('authorization', c.org.auth).expect(200);
    const patched = await t.http
      .patch(`/v1/encounters/${fixed.encounterId}`)
      .set('authorization', c.org.auth)
      .set('if-match', String(enc.headers.etag))
      .send({ placeOfService: '22' })
      .expect(200);
    expect(patched.body.claims[0]).toMatchObject({ id: fixed.id, status: 'ready' });
    const again = await submitOne(c, [fixed.id]);
    expect(Number(again.interchangeControlNumber)).toBeGreaterThan(Number(sub.interchangeControlNumber));
    await upload(
      c,
      '/v1/acknowledgments',
      build999(again.groupControlNumber, [{ st02: again.transactionControlNumbers[0], code: 'A' }]),
    );
    await upload(
      c,
      '/v1/acknowledgments',
      build277ca([{ patientControlNumber: fixed.patientControlNumber, stc: 'A2:20' }], { submissionId: again.id }),
    );
    expect((await get(c, `/v1/claims/${fixed.id}`)).status).toBe('accepted');

    // 835: allowed $120 of $150 (CO-45 $30), $20 copay to the patient (PR-3), $100 paid.
    const era = fixture('walkthrough-835.x12', {
      PCN: paid.patientControlNumber,
      DOS: dos,
      LINE: paid.lines[0]!.controlNumber,
    });
    const posted = await upload(c, '/v1/remittances', era);
    expect(posted.data[0]).toMatchObject({
      traceNumber: 'EFT-WALK-0001',
      paymentCents: 10000,
      claimCount: 1,
      unmatchedCount: 0,
      payerId: c.payerId,
    });
    expect(await get(c, `/v1/claims/${paid.id}`)).toMatchObject({ status: 'paid', payerClaimNumber: 'PAYERCLAIM0001' });
    const [adjudication] = (await get(c, `/v1/claims/${paid.id}/adjudications`)).data;
    expect(adjudication).toMatchObject({
      statusCode: '1',
      chargeCents: 15000,
      paidCents: 10000,
      patientResponsibilityCents: 2000,
      allowedCents: 12000,
      claimStatus: 'paid',
      statusApplied: true,
    });
    expect(adjudication.lines[0]).toMatchObject({
      claimLineNumber: 1,
      allowedCents: 12000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 3000, quantityThousandths: null },
        { group: 'PR', reasonCode: '3', amountCents: 2000, quantityThousandths: null },
      ],
    });
    // The same ERA again (a retried upload) changes nothing.
    await upload(c, '/v1/remittances', era, 200);
    expect((await get(c, `/v1/claims/${paid.id}/adjudications`)).data).toHaveLength(1);

    const history = (await get(c, `/v1/claims/${paid.id}/history`)).data.map((h: { toStatus: string }) => h.toStatus);
    expect(history.slice(-4)).toEqual(['ready', 'submitted', 'accepted', 'paid']);
    const events = (await get(c, '/v1/events?limit=100')).data as { type: string; data: { claimId?: string } }[];
    const mine = events.filter((e) => e.data.claimId === paid.id).map((e) => e.type);
    for (const type of ['claim.submitted', 'claim.accepted', 'claim.adjudicated']) expect(mine).toContain(type);
    expect(events.map((e) => e.type)).toContain('claim.rejected');
    expect(events.map((e) => e.type)).toContain('remittance.posted');
  });
});
