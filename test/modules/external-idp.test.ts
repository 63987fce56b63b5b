import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let idp: Server;
let key: CryptoKey;
let t: TestApp;
const ISSUER = 'https://idp.test.local/';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  idp = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const { port } = idp.address() as AddressInfo;
  t = await createTestApp({
    AUTH_EXTERNAL_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
    AUTH_EXTERNAL_ISSUER: ISSUER,
    AUTH_EXTERNAL_AUDIENCE: 'claims-api',
  });
});
afterAll(async () => {
  await t.close();
  idp.close();
});

describe('an external identity provider trusted by JWKS URL', () => {
  it('accepts its tokens and scopes them to the org claim', async () => {
    const org = await t.newOrg();
    // Its client_id names one of its clients, not ours: not looked up in our client table.
    const token = await new SignJWT({ org: org.orgId, scope: 'payers:read', client_id: 'cli_theirs' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setAudience('claims-api')
      .setSubject('user-42')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await t.http.get('/v1/payers').set('authorization', `Bearer ${token}`).expect(200);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(403);
  });

  it('refuses its tokens for the wrong audience or with an algorithm outside the allow-list', async () => {
    const org = await t.newOrg();
    const wrongAud = await new SignJWT({ org: org.orgId, scope: 'payers:read' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setAudience('other')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await t.http.get('/v1/payers').set('authorization', `Bearer ${wrongAud}`).expect(401);
    const hmac = await new SignJWT({ org: org.orgId, scope: 'payers:read' })
      .setProtectedHeader({ alg: 'HS256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setAudience('claims-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-that-should-never-work-here'));
    await t.http.get('/v1/payers').set('authorization', `Bearer ${hmac}`).expect(401);
  });

  it('refuses its tokens without an iat, issued in the future, living too long, or with an array scope', async () => {
    const org = await t.newOrg();
    const now = Math.floor(Date.now() / 1000);
    const make = (claims: Record<string, unknown>) =>
      new SignJWT({ org: org.orgId, scope: 'payers:read', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
        .setIssuer(ISSUER)
        .setAudience('claims-api');
    const bad = [
      await make({}).setExpirationTime('5m').sign(key),
      await make({})
        .setIssuedAt(now + 600)
        .setExpirationTime(now + 900)
        .sign(key),
      await make({})
        .setIssuedAt(now)
        .setExpirationTime(now + 30 * 86_400)
        .sign(key),
      await make({ scope: ['payers:read'] })
        .setIssuedAt(now)
        .setExpirationTime('5m')
        .sign(key),
    ];
    for (const token of bad) {
      const res = await t.http.get('/v1/payers').set('authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('invalid_token');
    }
  });
});
