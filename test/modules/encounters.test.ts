import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { unitsToNumber } from '../../src/domain/money.js';
import { canonicalJson, sha256Hex } from '../../src/lib/canonical.js';
import { bodyHash, normalizeEncounter } from '../../src/modules/intake/encounter-input.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createClinic, encounterBody, RECENT_DOS } from '../support/clinic.js';
import { readFeed } from '../support/events.js';
import { patientBody } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: string, orgId: string) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId}`,
    )
  )[0]!.n;

describe('POST /v1/encounters', () => {
  it('builds a clean claim to the primary coverage: ready, with control numbers, totals and filing deadline', async () => {
    const c = await createClinic(t);
    const res = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
    expect(res.body).toMatchObject({ object: 'encounter', selfPay: false, patientId: c.patientId });
    expect(res.headers.etag).toBe('"v1"');
    const [claim] = res.body.claims;
    expect(claim).toMatchObject({
      status: 'ready',
      payerId: c.payerId,
      coverageId: c.coverageId,
      totalChargeCents: 17500,
      issues: [],
      frequencyCode: '1',
    });
    expect(claim.patientControlNumber).toMatch(/^[A-Z0-9]{1,14}$/);
    expect(claim.lines.map((l: { controlNumber: string }) => l.controlNumber)).toEqual([
      `${claim.patientControlNumber}01`,
      `${claim.patientControlNumber}02`,
    ]);
    expect(claim.diagnoses).toEqual([
      { pointer: 1, code: 'E11.9' },
      { pointer: 2, code: 'I10' },
    ]);
    const deadline = new Date(`${RECENT_DOS}T00:00:00Z`);
    deadline.setUTCDate(deadline.getUTCDate() + 365);
    expect(claim.filingDeadline).toBe(deadline.toISOString().slice(0, 10));
  });

  it('answers the create with exactly what later reads return, and emits encounter.created before claim.created', async () => {
    const c = await createClinic(t);
    const body = encounterBody(c);
    const created = (
      await t.http
        .post('/v1/encounters')
        .set('authorization', c.org.auth)
        .set('idempotency-key', 'same-as-read')
        .send(body)
        .expect(201)
    ).body;
    const read = (await t.http.get(`/v1/encounters/${created.id}`).set('authorization', c.org.auth).expect(200)).body;
    expect(read).toEqual(created);
    const claim = (await t.http.get(`/v1/claims/${created.claims[0].id}`).set('authorization', c.org.auth).expect(200))
      .body;
    expect(claim).toEqual(created.claims[0]);
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const replay = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'same-as-read')
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(created);
    const history = (await t.http.get(`/v1/claims/${claim.id}/history`).set('authorization', c.org.auth).expect(200))
      .body.data;
    expect(history).toMatchObject([{ fromStatus: null, toStatus: 'ready', createdAt: claim.createdAt }]);
    const feed = await readFeed(t, c.org, 2);
    const mine = feed.filter((e) => e.data.encounterId === created.id).map((e) => e.type);
    expect(mine).toEqual(['encounter.created', 'claim.created']);
  });

  it('accepts an encounter with billing errors and builds its claim in needs_attention with each fix', async () => {
    const c = await createClinic(t);
    const body = encounterBody(c, {
      diagnoses: [{ code: 'E11' }],
      lines: [{ code: '99213', units: 1, chargeCents: 15000, diagnosisPointers: [1, 3] }],
    });
    const res = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(201);
    const [claim] = res.body.claims;
    expect(claim.status).toBe('needs_attention');
    const rules = claim.issues.map((i: { rule: string; path: string }) => `${i.rule}@${i.path}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'icd.not_billable@diagnoses[0].code',
        'structure.pointer_invalid@lines[0].diagnosisPointers[1]',
      ]),
    );
    for (const issue of claim.issues) expect(issue.hint.length).toBeGreaterThan(0);
    expect(res.body.billing).toMatch(/needs attention/);
  });

  it('goes needs_attention → PATCH fix → ready, recording history and events', async () => {
    const c = await createClinic(t);
    const created = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { diagnoses: [{ code: 'E11' }, { code: 'I10' }] }))
      .expect(201);
    const claimId = created.body.claims[0].id;
    expect(created.body.claims[0].status).toBe('needs_attention');
    const fixed = await t.http
      .patch(`/v1/encounters/${created.body.id}`)
      .set('authorization', c.org.auth)
      .set('if-match', created.headers.etag!)
      .send({ diagnoses: [{ code: 'E11.9' }, { code: 'I10' }] })
      .expect(200);
    expect(fixed.body.claims[0]).toMatchObject({ id: claimId, status: 'ready', issues: [] });
    expect(fixed.headers.etag).toBe('"v2"');
    const history = await t.http.get(`/v1/claims/${claimId}/history`).set('authorization', c.org.auth).expect(200);
    expect(
      history.body.data.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus]),
    ).toEqual([
      [null, 'needs_attention'],
      ['needs_attention', 'ready'],
    ]);
    expect(history.body.data[0].reasonCodes).toContain('icd.not_billable');
    expect(history.body.data[1]).toMatchObject({ actor: 'test-suite', reason: 'encounter changed; rescrubbed' });
    const events = await readFeed(t, c.org, 5);
    const changed = events.find((e) => e.type === 'claim.status_changed')!;
    expect(changed.data).toMatchObject({ claimId, previousStatus: 'needs_attention', status: 'ready' });
    expect(events.map((e) => e.type)).toEqual([
      'encounter.created',
      'claim.created',
      'claim.status_changed',
      'claim.updated',
      'encounter.updated',
    ]);
  });

  it('returns the existing encounter for a re-post of the same externalId and body, and 409 for a different body', async () => {
    const c = await createClinic(t);
    const body = encounterBody(c);
    const first = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(201);
    const again = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.claims[0].id).toBe(first.body.claims[0].id);
    const different = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send({ ...body, placeOfService: '22' })
      .expect(409);
    expect(different.body).toMatchObject({ code: 'encounter_external_id_conflict', existingId: first.body.id });
    expect(await count('encounters', c.org.orgId)).toBe(1);
    expect(await count('claims', c.org.orgId)).toBe(1);
  });

  it('recognises a re-post of an encounter stored before NDC conversion (hashed with the NDC as sent)', async () => {
    const c = await createClinic(t);
    const lines = [
      { code: '96372', units: 1, chargeCents: 4000, diagnosisPointers: [1] },
      {
        code: 'J1100',
        units: 10,
        chargeCents: 800,
        diagnosisPointers: [1],
        ndc: '0409-4888-02',
        ndcQuantity: 2.5,
        ndcUnit: 'ML',
      },
    ];
    const body = encounterBody(c, { lines });
    const first = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(201);
    const legacy = bodyHash(normalizeEncounter(body, { convertNdc: false }), body.externalId);
    await t.database.db.execute(
      sql`update encounters set body_hash = ${legacy} where org_id = ${c.org.orgId} and id = ${first.body.id}`,
    );
    const again = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send({ ...body, placeOfService: '22' })
      .expect(409);
  });

  it('treats a visit with no active primary coverage as self-pay and builds no claim', async () => {
    const c = await createClinic(t);
    const other = (await t.http.post('/v1/patients').set('authorization', c.org.auth).send(patientBody()).expect(201))
      .body.id;
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { patientId: other }))
      .expect(201);
    expect(res.body).toMatchObject({ selfPay: true, claims: [] });
    expect(res.body.billing).toMatch(/self-pay/);
    const before = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { dateOfService: '2023-06-01' }))
      .expect(201);
    expect(before.body.selfPay).toBe(true);
  });

  it.each([
    [
      'a decimal charge',
      { lines: [{ code: '99213', units: 1, chargeCents: 150.5, diagnosisPointers: [1] }] },
      'lines[0].chargeCents',
    ],
    ['a missing patient id', { patientId: undefined }, 'patientId'],
    ['a malformed date', { dateOfService: '2026-13-01' }, 'dateOfService'],
    ['a three-digit place of service', { placeOfService: '111' }, 'placeOfService'],
    ['an unknown field', { surprise: true }, '(body)'],
    ['lines that are not a list', { lines: 'none' }, 'lines'],
  ])('rejects %s with 400 and writes nothing', async (_label, over, path) => {
    const c = await createClinic(t);
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, over))
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await count('encounters', c.org.orgId)).toBe(0);
  });

  it('answers 404 naming the field when a referenced patient or provider does not exist', async () => {
    const c = await createClinic(t);
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { renderingProviderId: 'prv_0000000000000000000000000' }))
      .expect(404);
    expect(res.body.errors[0]).toMatchObject({ path: 'renderingProviderId', code: 'not_found' });
    expect(await count('encounters', c.org.orgId)).toBe(0);
  });

  it('survives an idempotency storm: 200 concurrent posts over 20 keys → 20 encounters and 20 claims', async () => {
    const c = await createClinic(t);
    const bodies = Array.from({ length: 20 }, (_, i) =>
      encounterBody(c, {
        externalId: `storm-${i}`,
        lines: [{ code: '99213', units: 1, chargeCents: 10000 + i, diagnosisPointers: [1] }],
      }),
    );
    async function post(i: number) {
      for (let attempt = 0; attempt < 300; attempt++) {
        const res = await t.http
          .post('/v1/encounters')
          .set('authorization', c.org.auth)
          .set('idempotency-key', `storm-key-${i}`)
          .send(bodies[i]!);
        if (res.status !== 409) return { i, status: res.status, body: JSON.stringify(res.body) };
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 30));
      }
      throw new Error('stuck in flight');
    }
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => post(n % 20)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    for (let i = 0; i < 20; i++) expect(new Set(results.filter((r) => r.i === i).map((r) => r.body)).size).toBe(1);
    expect(await count('encounters', c.org.orgId)).toBe(20);
    expect(await count('claims', c.org.orgId)).toBe(20);
  });

  it('answers concurrent re-posts of one externalId without idempotency keys with one encounter', async () => {
    const c = await createClinic(t);
    const body = encounterBody(c, { externalId: 'race-1' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count('claims', c.org.orgId)).toBe(1);
  });
});

describe('PATCH /v1/encounters/{id}', () => {
  it('requires If-Match (428), refuses a stale one (412) and changes nothing then', async () => {
    const c = await createClinic(t);
    const created = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c))
      .expect(201);
    const url = `/v1/encounters/${created.body.id}`;
    expect(
      (await t.http.patch(url).set('authorization', c.org.auth).send({ placeOfService: '22' }).expect(428)).body.code,
    ).toBe('precondition_required');
    await t.http
      .patch(url)
      .set('authorization', c.org.auth)
      .set('if-match', '"v1"')
      .send({ placeOfService: '22' })
      .expect(200);
    expect(
      (
        await t.http
          .patch(url)
          .set('authorization', c.org.auth)
          .set('if-match', '"v1"')
          .send({ placeOfService: '11' })
          .expect(412)
      ).body.code,
    ).toBe('precondition_failed');
    const now = await t.http.get(url).set('authorization', c.org.auth).expect(200);
    expect(now.body.placeOfService).toBe('22');
    expect(now.body.claims[0].placeOfService).toBe('22');
  });

  it('rejects a patch that tries to move the encounter to another patient (400)', async () => {
    const c = await createClinic(t);
    const created = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c))
      .expect(201);
    const res = await t.http
      .patch(`/v1/encounters/${created.body.id}`)
      .set('authorization', c.org.auth)
      .set('if-match', '"v1"')
      .send({ patientId: c.patientId })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('lists encounters by patient and EHR id', async () => {
    const c = await createClinic(t);
    const created = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { externalId: 'find-me' }))
      .expect(201);
    const res = await t.http
      .get('/v1/encounters')
      .query({ externalId: 'find-me', patientId: c.patientId })
      .set('authorization', c.org.auth)
      .expect(200);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    expect(res.body.data[0].claims).toHaveLength(1);
  });
});

describe('encounter edge cases', () => {
  it('stores a hyphenated label NDC in the 11-digit billing form, and the line description on the claim', async () => {
    const c = await createClinic(t);
    const lines = [
      { code: '96372', units: 1, chargeCents: 4000, diagnosisPointers: [1] },
      {
        code: 'J1100',
        units: 10,
        chargeCents: 800,
        diagnosisPointers: [1],
        ndc: '0409-4888-02',
        ndcQuantity: 2.5,
        ndcUnit: 'ML',
        description: 'Dexamethasone 10 mg IM',
      },
    ];
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { lines }))
      .expect(201);
    expect(res.body.lines[1].ndc).toBe('00409488802');
    expect(res.body.claims[0].lines[1].ndc).toBe('00409488802');
    expect(res.body.claims[0].lines[1].description).toBe('Dexamethasone 10 mg IM');
    const claim = (await t.http.get(`/v1/claims/${res.body.claims[0].id}`).set('authorization', c.org.auth).expect(200))
      .body;
    expect(claim.lines[1].description).toBe('Dexamethasone 10 mg IM');
    expect(res.body.claims[0].issues.map((i: { rule: string }) => i.rule)).not.toContain('ndc.format');
  });

  it('takes the NDC quantity and unit, shows them on the encounter and the claim, and PATCH adds a missing one', async () => {
    const c = await createClinic(t);
    const drug = { code: 'J1100', units: 10, chargeCents: 800, diagnosisPointers: [1], ndc: '63323016501' };
    const created = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { lines: [drug] }))
      .expect(201);
    expect(created.body.lines[0]).toMatchObject({ ndcQuantity: null, ndcUnit: null });
    expect(created.body.claims[0].status).toBe('needs_attention');
    expect(created.body.claims[0].issues).toEqual([
      expect.objectContaining({ rule: 'ndc.quantity_required', path: 'lines[0].ndcQuantity' }),
    ]);
    const fixed = await t.http
      .patch(`/v1/encounters/${created.body.id}`)
      .set('authorization', c.org.auth)
      .set('if-match', created.headers.etag!)
      .send({ lines: [{ ...drug, ndcQuantity: 2.125, ndcUnit: 'ML' }] })
      .expect(200);
    expect(fixed.body.lines[0]).toMatchObject({ ndcQuantity: 2.125, ndcUnit: 'ML' });
    expect(fixed.body.claims[0]).toMatchObject({ status: 'ready', issues: [] });
    const claim = await t.http
      .get(`/v1/claims/${created.body.claims[0].id}`)
      .set('authorization', c.org.auth)
      .expect(200);
    expect(claim.body.lines[0]).toMatchObject({ ndc: '63323016501', ndcQuantity: 2.125, ndcUnit: 'ML' });
  });

  it.each([
    ['a fourth decimal', { ndcQuantity: 2.0005, ndcUnit: 'ML' }, 'lines[0].ndcQuantity'],
    ['zero', { ndcQuantity: 0, ndcUnit: 'ML' }, 'lines[0].ndcQuantity'],
    ['a negative quantity', { ndcQuantity: -1, ndcUnit: 'ML' }, 'lines[0].ndcQuantity'],
    ['an unknown unit', { ndcQuantity: 1, ndcUnit: 'KG' }, 'lines[0].ndcUnit'],
  ])('refuses an NDC quantity with %s (400)', async (_name, fields, path) => {
    const c = await createClinic(t);
    const line = { code: 'J1100', units: 10, chargeCents: 800, diagnosisPointers: [1], ndc: '63323016501', ...fields };
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { lines: [line] }))
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it('hashes a body without NDC quantity as before the field existed, and one with it stably', async () => {
    const c = await createClinic(t);
    const plain = encounterBody(c);
    const e = normalizeEncounter(plain);
    // The fingerprint as it was computed before ndcQuantity and ndcUnit existed.
    const before = sha256Hex(
      canonicalJson({
        ...e,
        lines: e.lines.map(({ unitsThousandths, ndcQuantityThousandths: _q, ndcUnit: _u, ...l }) => ({
          ...l,
          units: unitsToNumber(unitsThousandths),
        })),
        externalId: plain.externalId,
      }),
    );
    expect(bodyHash(e, plain.externalId)).toBe(before);
    const drug = { code: 'J1100', units: 10, chargeCents: 800, diagnosisPointers: [1], ndc: '63323016501' };
    const body = encounterBody(c, { lines: [{ ...drug, ndcQuantity: 2.5, ndcUnit: 'ML' }] });
    const first = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(201);
    const again = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const otherQuantity = { ...body, lines: [{ ...drug, ndcQuantity: 3, ndcUnit: 'ML' }] };
    await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(otherQuantity).expect(409);
  });

  it('scrubs the units that are stored (3 decimals): 0.0004 units is 0 and an error', async () => {
    const c = await createClinic(t);
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { lines: [{ code: '99213', units: 0.0004, chargeCents: 15000, diagnosisPointers: [1] }] }))
      .expect(201);
    expect(res.body.lines[0].units).toBe(0);
    expect(res.body.claims[0].status).toBe('needs_attention');
    expect(res.body.claims[0].issues.map((i: { rule: string }) => i.rule)).toContain('structure.units_invalid');
  });

  it('refuses dates of service outside 1900–2099 and absurd pointers with 400', async () => {
    const c = await createClinic(t);
    await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { dateOfService: '9999-12-31' }))
      .expect(400);
    await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .send(encounterBody(c, { lines: [{ code: '99213', units: 1, chargeCents: 1, diagnosisPointers: [3000000000] }] }))
      .expect(400);
  });

  it('audits a replayed create as a read of the patient data it returns', async () => {
    const c = await createClinic(t);
    const body = encounterBody(c);
    const first = await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'audit-replay')
      .send(body)
      .expect(201);
    await t.http
      .post('/v1/encounters')
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'audit-replay')
      .set('x-request-id', 'replay-1')
      .send(body)
      .expect(201);
    const rows = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_events where org_id = ${c.org.orgId} and request_id = 'replay-1'`,
    );
    expect(rows.map((r) => r.action)).toEqual(['encounter.read']);
    expect(first.body.id).toBeTruthy();
  });
});
