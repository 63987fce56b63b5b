import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { coverageBody, patientBody, payerBody, providerBody, VALID_NPIS } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Creates whatever a resource's body needs (a coverage needs a patient and a payer). */
async function bodyFor(resource: string, org: TestOrg, n = 0): Promise<Record<string, unknown>> {
  if (resource === 'payers') return payerBody({ name: `Payer ${n}` });
  if (resource === 'providers') return providerBody({ npi: VALID_NPIS[n % VALID_NPIS.length] });
  if (resource === 'patients') return patientBody({ externalId: `ehr-${n}-${Math.random()}` });
  const patient = await t.http.post('/v1/patients').set('authorization', org.auth).send(patientBody()).expect(201);
  const payer = await t.http.post('/v1/payers').set('authorization', org.auth).send(payerBody()).expect(201);
  return coverageBody(patient.body.id, payer.body.id);
}

const RESOURCES = [
  { path: 'payers', object: 'payer', prefix: 'pyr_', patch: { timelyFilingDays: 90 } },
  { path: 'providers', object: 'provider', prefix: 'prv_', patch: { taxonomyCode: '208D00000X' } },
  { path: 'patients', object: 'patient', prefix: 'pat_', patch: { phone: '2175550199' } },
  { path: 'coverages', object: 'coverage', prefix: 'cov_', patch: { memberId: 'NEW-MEMBER-1' } },
] as const;

describe.each(RESOURCES)('$path', ({ path, object, prefix, patch }) => {
  it('creates, retrieves, lists, updates with If-Match and deactivates', async () => {
    const org = await t.newOrg();
    const created = await t.http
      .post(`/v1/${path}`)
      .set('authorization', org.auth)
      .send(await bodyFor(path, org))
      .expect(201);
    expect(created.body).toMatchObject({ object, active: true });
    expect(created.body.id).toMatch(new RegExp(`^${prefix}`));
    expect(created.headers.etag).toBe('"v1"');

    const got = await t.http.get(`/v1/${path}/${created.body.id}`).set('authorization', org.auth).expect(200);
    expect(got.body).toEqual(created.body);

    const list = await t.http.get(`/v1/${path}`).set('authorization', org.auth).expect(200);
    expect(list.body).toMatchObject({ object: 'list', nextCursor: null });
    expect(list.body.data.map((d: { id: string }) => d.id)).toContain(created.body.id);

    const updated = await t.http
      .patch(`/v1/${path}/${created.body.id}`)
      .set('authorization', org.auth)
      .set('if-match', got.headers.etag!)
      .send(patch)
      .expect(200);
    expect(updated.body).toMatchObject(patch);
    expect(updated.headers.etag).toBe('"v2"');

    const deactivated = await t.http
      .post(`/v1/${path}/${created.body.id}/deactivate`)
      .set('authorization', org.auth)
      .expect(200);
    expect(deactivated.body.active).toBe(false);
  });

  it('requires If-Match to update (428) and refuses a stale one (412)', async () => {
    const org = await t.newOrg();
    const created = await t.http
      .post(`/v1/${path}`)
      .set('authorization', org.auth)
      .send(await bodyFor(path, org))
      .expect(201);
    const url = `/v1/${path}/${created.body.id}`;
    const missing = await t.http.patch(url).set('authorization', org.auth).send(patch).expect(428);
    expect(missing.body.code).toBe('precondition_required');
    await t.http.patch(url).set('authorization', org.auth).set('if-match', '"v1"').send(patch).expect(200);
    const stale = await t.http
      .patch(url)
      .set('authorization', org.auth)
      .set('if-match', '"v1"')
      .send(patch)
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.code).toBe('precondition_failed');
  });

  it("hides another organization's objects (404 on read, update, deactivate; absent from lists)", async () => {
    const owner = await t.newOrg('Owner');
    const other = await t.newOrg('Other');
    const created = await t.http
      .post(`/v1/${path}`)
      .set('authorization', owner.auth)
      .send(await bodyFor(path, owner))
      .expect(201);
    const url = `/v1/${path}/${created.body.id}`;
    const read = await t.http.get(url).set('authorization', other.auth).expect(404);
    expect(read.body).toMatchObject({ code: 'resource_not_found', status: 404 });
    expect(JSON.stringify(read.body)).not.toContain('Testpatient');
    await t.http.patch(url).set('authorization', other.auth).set('if-match', '"v1"').send(patch).expect(404);
    await t.http.post(`${url}/deactivate`).set('authorization', other.auth).expect(404);
    const list = await t.http.get(`/v1/${path}`).set('authorization', other.auth).expect(200);
    expect(list.body.data).toEqual([]);
    const still = await t.http.get(url).set('authorization', owner.auth).expect(200);
    expect(still.body.active).toBe(true);
  });

  it('pages with a cursor in (updatedAt, id) order without repeats or gaps', async () => {
    const org = await t.newOrg();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post(`/v1/${path}`)
        .set('authorization', org.auth)
        .send(await bodyFor(path, org, i))
        .expect(201);
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/v1/${path}`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('authorization', org.auth)
        .expect(200);
      seen.push(...res.body.data.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const since = await t.http
      .get(`/v1/${path}`)
      .query({ updatedSince: '2999-01-01T00:00:00.000Z' })
      .set('authorization', org.auth)
      .expect(200);
    expect(since.body.data).toEqual([]);
    const bad = await t.http.get(`/v1/${path}`).query({ cursor: 'garbage' }).set('authorization', org.auth).expect(400);
    expect(bad.body.code).toBe('invalid_cursor');
  });
});
