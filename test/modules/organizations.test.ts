import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg('Springfield Family Medicine');
});
afterAll(() => t.close());

describe('GET /v1/organization', () => {
  it('shows the caller’s organization, in US/Eastern unless set otherwise', async () => {
    const res = await t.http.get('/v1/organization').set('authorization', org.auth).expect(200);
    expect(res.body).toMatchObject({
      id: org.orgId,
      object: 'organization',
      name: 'Springfield Family Medicine',
      timeZone: 'America/New_York',
    });
    expect(res.headers.etag).toBe('"v1"');
  });

  it('needs the organization:read scope', async () => {
    const token = await org.tokenWith(['patients:read']);
    const res = await t.http.get('/v1/organization').set('authorization', `Bearer ${token}`).expect(403);
    expect(res.body.code).toBe('insufficient_scope');
  });
});

describe('PATCH /v1/organization', () => {
  it('changes the time zone with If-Match and bumps the ETag', async () => {
    const other = await t.newOrg('Guam Clinic');
    const res = await t.http
      .patch('/v1/organization')
      .set('authorization', other.auth)
      .set('if-match', '"v1"')
      .send({ timeZone: 'Pacific/Guam' })
      .expect(200);
    expect(res.body.timeZone).toBe('Pacific/Guam');
    expect(res.headers.etag).toBe('"v2"');
    await t.http
      .patch('/v1/organization')
      .set('authorization', other.auth)
      .set('if-match', '"v1"')
      .send({ name: 'Stale' })
      .expect(412);
  });

  it('refuses a time zone that is not an IANA zone, and changes nothing', async () => {
    const res = await t.http
      .patch('/v1/organization')
      .set('authorization', org.auth)
      .set('if-match', '*')
      .send({ timeZone: 'Mars/Olympus_Mons' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['timeZone']);
    const now = await t.http.get('/v1/organization').set('authorization', org.auth).expect(200);
    expect(now.body.timeZone).toBe('America/New_York');
  });

  it('requires If-Match (428) and the organization:write scope (403)', async () => {
    await t.http.patch('/v1/organization').set('authorization', org.auth).send({ timeZone: 'UTC' }).expect(428);
    const token = await org.tokenWith(['organization:read']);
    await t.http
      .patch('/v1/organization')
      .set('authorization', `Bearer ${token}`)
      .set('if-match', '*')
      .send({ timeZone: 'UTC' })
      .expect(403);
  });

  it('refuses unknown fields', async () => {
    await t.http
      .patch('/v1/organization')
      .set('authorization', org.auth)
      .set('if-match', '*')
      .send({ id: 'org_other' })
      .expect(400);
  });
});
