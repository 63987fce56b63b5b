import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseX12, transactionsOf } from '../../src/domain/x12/document.js';
import { read837p } from '../../src/domain/x12/read-837p.js';
import { snip837p } from '../../src/domain/x12/snip-837p.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, readyClaim as readyClaim_ } from '../support/edi.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const configure = (c: Clinic) => configureX12(t, c);
const readyClaim = (c: Clinic) => readyClaim_(t, c);

describe('POST /v1/submissions', () => {
  it('writes a checked 837P, stores it and moves the claims to submitted', async () => {
    const c = await createClinic(t);
    await configure(c);
    const a = await readyClaim(c);
    const b = await readyClaim(c);
    const res = await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'sub-1')
      .send({ claimIds: [a.id, b.id] })
      .expect(201);
    expect(res.body.data).toHaveLength(1);
    const sub = res.body.data[0];
    expect(sub).toMatchObject({
      object: 'submission',
      status: 'created',
      usage: 'T',
      claimCount: 2,
      payerId: c.payerId,
    });
    expect(sub.interchangeControlNumber).toBe('000000001');
    expect(sub.totalChargeCents).toBe(a.totalChargeCents + b.totalChargeCents);

    const file = await t.http.get(`/v1/submissions/${sub.id}/x12`).set('authorization', c.org.auth).expect(200);
    expect(file.headers['content-type']).toContain('application/edi-x12');
    expect(snip837p(file.text)).toEqual([]);
    const read = transactionsOf(parseX12(file.text)).map(read837p)[0]!;
    expect(read.submitterId).toBe('ETIN12345');
    expect(read.groups.flatMap((g) => g.claims.map((x) => x.patientControlNumber)).sort()).toEqual(
      [a.patientControlNumber, b.patientControlNumber].sort(),
    );
    const claim = await t.http.get(`/v1/claims/${a.id}`).set('authorization', c.org.auth).expect(200);
    expect(claim.body.status).toBe('submitted');

    // A retry with the same key replays; a second submission of the same claims is refused.
    const replay = await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'sub-1')
      .send({ claimIds: [a.id, b.id] })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const again = await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .send({ claimIds: [a.id] })
      .expect(409);
    expect(again.body.code).toBe('submission_claims_not_ready');

    const events = await t.http.get('/v1/events?limit=100').set('authorization', c.org.auth).expect(200);
    const types = events.body.data.map((e: { type: string }) => e.type);
    expect(types).toContain('submission.created');
    expect(types.filter((x: string) => x === 'claim.submitted')).toHaveLength(2);
  });

  it('sends a drug line as 2410 LIN with its CTP quantity and unit, and reads it back', async () => {
    const c = await createClinic(t);
    await configure(c);
    const drug = {
      code: 'J1100',
      units: 10,
      chargeCents: 800,
      diagnosisPointers: [1],
      ndc: '63323-0165-01',
      ndcQuantity: 2.5,
      ndcUnit: 'ML',
    };
    const a = await readyClaim_(t, c, {
      lines: [{ code: '96372', units: 1, chargeCents: 4000, diagnosisPointers: [1] }, drug],
    });
    const sub = await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .send({ claimIds: [a.id] })
      .expect(201);
    const file = await t.http
      .get(`/v1/submissions/${sub.body.data[0].id}/x12`)
      .set('authorization', c.org.auth)
      .expect(200);
    expect(file.text).toContain(`~REF*6R*${a.lines[1]!.controlNumber}~LIN**N4*63323016501~CTP****2.5*ML~`);
    expect(snip837p(file.text)).toEqual([]);
    const read = transactionsOf(parseX12(file.text)).map(read837p)[0]!;
    expect(read.groups[0]!.claims[0]!.lines[1]).toMatchObject({ ndcQuantityThousandths: 2500, ndcUnit: 'ML' });
    expect(read.groups[0]!.claims[0]!.otherPayers).toEqual([]);
  });

  it('gives increasing control numbers, never reused', async () => {
    const c = await createClinic(t);
    await configure(c);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const claim = await readyClaim(c);
      const res = await t.http
        .post('/v1/submissions')
        .set('authorization', c.org.auth)
        .send({ payerId: c.payerId })
        .expect(201);
      expect(res.body.data[0].claims.map((x: { claimId: string }) => x.claimId)).toEqual([claim.id]);
      numbers.push(res.body.data[0].interchangeControlNumber);
    }
    expect(numbers).toEqual(['000000001', '000000002', '000000003']);
  });

  it('refuses without X12 settings and changes nothing', async () => {
    const c = await createClinic(t);
    const a = await readyClaim(c);
    const res = await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .send({ claimIds: [a.id] })
      .expect(422);
    expect(res.body.code).toBe('x12_settings_missing');
    const claim = await t.http.get(`/v1/claims/${a.id}`).set('authorization', c.org.auth).expect(200);
    expect(claim.body.status).toBe('ready');
  });

  it('answers 404 for another tenant’s claim and 400 for a body naming both selectors', async () => {
    const c = await createClinic(t);
    const other = await createClinic(t);
    await configure(c);
    const theirs = await readyClaim(other);
    await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .send({ claimIds: [theirs.id] })
      .expect(404);
    await t.http
      .post('/v1/submissions')
      .set('authorization', c.org.auth)
      .send({ claimIds: [theirs.id], payerId: c.payerId })
      .expect(400);
  });
});

describe('the X12 submitter settings', () => {
  it('refuse a submitter nobody can reach (837P 1000A PER needs a phone or an email)', async () => {
    const c = await createClinic(t);
    const org = await t.http.get('/v1/organization').set('authorization', c.org.auth).expect(200);
    const res = await t.http
      .patch('/v1/organization')
      .set('authorization', c.org.auth)
      .set('if-match', String(org.headers.etag))
      .send({ x12Submitter: { submitterId: 'ETIN1', name: 'CLINIC', contactName: 'BILLING' } })
      .expect(400);
    expect(res.body.errors[0].path).toContain('contactPhone');
  });
});
