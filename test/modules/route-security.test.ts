import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { PUBLIC_ROUTES } from '../../src/lib/route.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
});
afterAll(() => t.close());

describe('deny by default', () => {
  it('gives every /v1 route scopes, or lists it as public (security: []) on the allow-list', () => {
    const v1 = t.app.routeSecurity().filter((r) => r.url.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThan(30);
    const undeclared = v1.filter((r) => r.security === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const withoutScopes = v1.filter((r) => r.security?.length && !r.security[0]?.OAuth2);
    expect(withoutScopes).toEqual([]);
    const publicRoutes = v1.filter((r) => r.security?.length === 0).map((r) => `${r.method} ${r.url}`);
    expect(new Set(publicRoutes)).toEqual(PUBLIC_ROUTES);
  });

  it('refuses a route that forgot its security with 401, with or without a valid token', async () => {
    const app = await buildApp(t.services);
    app.get('/v1/forgotten', async () => ({ secret: 'anyone could read this' }));
    app.post('/v1/forgotten', { schema: { body: undefined } }, async () => ({ created: true }));
    await app.ready();
    try {
      for (const headers of [{}, { authorization: org.auth }]) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await app.inject({
            method,
            url: '/v1/forgotten',
            headers,
            payload: method === 'POST' ? {} : undefined,
          });
          expect(res.statusCode).toBe(401);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json()).toMatchObject({ status: 401, code: 'route_not_secured' });
        }
      }
    } finally {
      await app.close();
    }
  });

  it('refuses to start when a /v1 route declares itself public without being on the allow-list', async () => {
    const app = await buildApp(t.services);
    expect(() => app.get('/v1/sneaky', { schema: { security: [] } }, async () => ({ ok: true }))).toThrow(
      /declares itself public/,
    );
    await app.close();
  });

  it('keeps the public routes outside /v1 public: health, readiness and signing keys', async () => {
    for (const url of ['/health', '/ready', '/.well-known/jwks.json']) await t.http.get(url).expect(200);
  });
});
