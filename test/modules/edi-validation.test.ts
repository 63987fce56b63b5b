import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, readyClaim, submit } from '../support/edi.js';

/** The EDI routes' malformed input: a 400 problem+json naming the field, or a 404 for an id that is not ours. */

let t: TestApp;
let c: Clinic;
let claimId: string;
beforeAll(async () => {
  t = await createTestApp();
  c = await createClinic(t);
  await configureX12(t, c);
  const claim = await readyClaim(t, c);
  await submit(t, c, [claim.id]);
  claimId = claim.id;
});
afterAll(async () => t?.close());

const get = (url: string) => t.http.get(url).set('authorization', c.org.auth);
const postJson = (url: string, body: unknown) =>
  t.http
    .post(url)
    .set('authorization', c.org.auth)
    .send(body as object);

describe('EDI routes refuse malformed input', () => {
  it.each([
    '/v1/remittances/not-an-id',
    '/v1/acknowledgments/not-an-id',
    '/v1/submissions/not-an-id',
    '/v1/claims/not-an-id/adjudications',
    '/v1/adjudications?matched=maybe',
    '/v1/adjudications?remittanceId=sub_01jd0example0000000000000',
    '/v1/adjudications?limit=0',
    '/v1/remittances?cursor=garbage',
  ])('GET %s → 400 problem+json', async (url) => {
    const res = await get(url).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBeTruthy();
  });

  it.each([
    '/v1/remittances/rmt_01jd0example0000000000000',
    '/v1/acknowledgments/ack_01jd0example0000000000000',
    '/v1/claims/clm_01jd0example0000000000000/adjudications',
  ])('GET %s (well formed, not ours) → 404', async (url) => {
    expect((await get(url).expect(404)).body.code).toBe('resource_not_found');
  });

  it.each([
    ['a float amount', { statusCode: '1', chargeCents: 17500.5, paidCents: 0 }, 'chargeCents'],
    ['an unknown status code', { statusCode: '9', chargeCents: 17500, paidCents: 0 }, 'statusCode'],
    ['an unknown field', { statusCode: '1', chargeCents: 17500, paidCents: 17500, paidBy: 'cash' }, ''],
    [
      'a bad adjustment group',
      {
        statusCode: '1',
        chargeCents: 17500,
        paidCents: 0,
        adjustments: [{ group: 'XX', reasonCode: '45', amountCents: 1 }],
      },
      'adjustments[0].group',
    ],
  ])('POST /v1/claims/{id}/adjudications with %s → 400, nothing posted', async (_, body, path) => {
    const res = await postJson(`/v1/claims/${claimId}/adjudications`, body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await get(`/v1/claims/${claimId}/adjudications`).expect(200)).body.data).toEqual([]);
  });

  it('POST /v1/claims/{id}/corrections with an unknown kind → 400', async () => {
    const res = await postJson(`/v1/claims/${claimId}/corrections`, { kind: 'undo' }).expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('POST /v1/remittances and /v1/acknowledgments with an empty body → 400', async () => {
    for (const url of ['/v1/remittances', '/v1/acknowledgments']) {
      const res = await t.http
        .post(url)
        .set('authorization', c.org.auth)
        .set('content-type', 'application/edi-x12')
        .send('')
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
