import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

const PM = 'https://pm.example.com';

describe('CORS when the operator lists origins (CORS_ORIGINS)', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${PM}, https://billing.example.org` });
    org = await t.newOrg('CORS Clinic');
  });
  afterAll(() => t.close());

  it('answers a preflight from a listed origin without a token, allowing the headers writes need', async () => {
    const res = await t.http
      .options('/v1/payers')
      .set('origin', PM)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, idempotency-key')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(PM);
    expect(res.headers['access-control-allow-methods']).toContain('PATCH');
    expect(res.headers['access-control-allow-headers']).toContain('if-match');
    expect(res.headers['access-control-allow-headers']).toContain('idempotency-key');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets the browser read ETag, Location and X-Request-Id on an actual request', async () => {
    const res = await t.http.get('/v1/organization').set('origin', PM).set('authorization', org.auth).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(PM);
    const exposed = res.headers['access-control-expose-headers'];
    for (const h of ['etag', 'location', 'x-request-id', 'idempotent-replayed', 'retry-after'])
      expect(exposed).toContain(h);
  });

  it('gives an unlisted origin no CORS headers, so its browser refuses the answer', async () => {
    const res = await t.http
      .options('/v1/payers')
      .set('origin', 'https://evil.example.net')
      .set('access-control-request-method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.http
      .get('/v1/organization')
      .set('origin', 'https://evil.example.net')
      .set('authorization', org.auth);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is off: no CORS headers, and a preflight is an unknown route', async () => {
    const res = await t.http.options('/v1/payers').set('origin', PM).set('access-control-request-method', 'GET');
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://pm.example.com/app' })).toThrow(ConfigError);
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
  });
});
