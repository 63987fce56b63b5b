import { sql } from 'drizzle-orm';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { patientBody } from '../support/factories.js';

let t: TestApp;
let org: TestOrg;
let client: { clientId: string; clientSecret: string };
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
  client = await t.services.auth.createClient({
    orgId: org.orgId,
    name: 'test client',
    scopes: ['patients:read', 'patients:write'],
  });
});
afterAll(() => t.close());

describe('POST /v1/oauth/token', () => {
  it('issues a token for form-encoded client credentials that then works on the API', async () => {
    const res = await t.http
      .post('/v1/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })
      .expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'patients:read patients:write' });
    expect(res.headers['cache-control']).toBe('no-store');
    await t.http
      .post('/v1/patients')
      .set('authorization', `Bearer ${res.body.access_token}`)
      .send(patientBody())
      .expect(201);
  });

  it('accepts JSON bodies and HTTP Basic client authentication, and narrows scopes on request', async () => {
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const res = await t.http
      .post('/v1/oauth/token')
      .set('authorization', `Basic ${basic}`)
      .send({ grant_type: 'client_credentials', scope: 'patients:read' })
      .expect(200);
    expect(res.body.scope).toBe('patients:read');
    const denied = await t.http
      .post('/v1/patients')
      .set('authorization', `Bearer ${res.body.access_token}`)
      .send(patientBody())
      .expect(403);
    expect(denied.body.code).toBe('insufficient_scope');
  });

  it.each([
    [
      'a wrong secret',
      () => ({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'cs_wrong' }),
      401,
      'invalid_client',
    ],
    [
      'an unknown client',
      () => ({ grant_type: 'client_credentials', client_id: 'cli_nobody', client_secret: 'x' }),
      401,
      'invalid_client',
    ],
    ['no credentials', () => ({ grant_type: 'client_credentials' }), 401, 'invalid_client'],
    [
      'another grant type',
      () => ({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret }),
      400,
      'unsupported_grant_type',
    ],
    [
      'a scope the client lacks',
      () => ({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'claims:write',
      }),
      400,
      'invalid_scope',
    ],
  ] as const)('refuses %s', async (_label, body, status, code) => {
    const res = await t.http.post('/v1/oauth/token').type('form').send(body()).expect(status);
    expect(res.body).toMatchObject({ code, error: code });
    expect(res.body.access_token).toBeUndefined();
  });

  it('never stores or returns the client secret in clear', async () => {
    const rows = await queryRows<{ secret_hash: string }>(
      t.database.db,
      sql`select secret_hash from api_clients where id = ${client.clientId}`,
    );
    expect(rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.secret_hash).not.toContain(client.clientSecret);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the public signing key without private parts', async () => {
    const res = await t.http.get('/.well-known/jwks.json').expect(200);
    expect(res.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(res.body.keys[0].d).toBeUndefined();
  });
});

describe('bearer token checks', () => {
  let foreignKey: CryptoKey;
  beforeAll(async () => {
    foreignKey = (await generateKeyPair('ES256')).privateKey;
  });

  const ownKey = () => t.services.auth.signingKeys();
  const base = () =>
    new SignJWT({ org: org.orgId, scope: 'patients:read' })
      .setSubject('attacker')
      .setIssuer(t.config.AUTH_ISSUER)
      .setAudience(t.config.AUTH_AUDIENCE)
      .setIssuedAt();

  const tokens: [string, () => Promise<string>][] = [
    [
      'expired',
      () =>
        base()
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(ownKey().privateKey),
    ],
    [
      'not yet valid',
      () =>
        base()
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setNotBefore(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime('2h')
          .sign(ownKey().privateKey),
    ],
    [
      'for another audience',
      () =>
        base()
          .setAudience('someone-else')
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime('5m')
          .sign(ownKey().privateKey),
    ],
    [
      'from another issuer',
      () =>
        base()
          .setIssuer('https://evil.example')
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime('5m')
          .sign(ownKey().privateKey),
    ],
    [
      'signed by a foreign key under our kid',
      () => base().setProtectedHeader({ alg: 'ES256', kid: ownKey().kid }).setExpirationTime('5m').sign(foreignKey),
    ],
    [
      'with an unknown key id',
      () => base().setProtectedHeader({ alg: 'ES256', kid: 'key_unknown' }).setExpirationTime('5m').sign(foreignKey),
    ],
    [
      'without an expiry',
      () => base().setProtectedHeader({ alg: 'ES256', kid: ownKey().kid }).sign(ownKey().privateKey),
    ],
    [
      'with alg none',
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ org: org.orgId, scope: 'patients:read', iss: t.config.AUTH_ISSUER, aud: t.config.AUTH_AUDIENCE, exp: now + 300 })}.`;
      },
    ],
    [
      'with a tampered payload',
      async () => {
        const good = org.token.split('.');
        const payload = JSON.parse(Buffer.from(good[1]!, 'base64url').toString());
        payload.org = 'org_someoneelse00000000000';
        return `${good[0]}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${good[2]}`;
      },
    ],
    ['that is not a JWT', async () => 'not-a-jwt'],
    [
      'without an iat',
      () =>
        new SignJWT({ org: org.orgId, scope: 'patients:read' })
          .setIssuer(t.config.AUTH_ISSUER)
          .setAudience(t.config.AUTH_AUDIENCE)
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime('5m')
          .sign(ownKey().privateKey),
    ],
    [
      'issued in the future beyond the clock skew',
      () =>
        base()
          .setIssuedAt(Math.floor(Date.now() / 1000) + 120)
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime('10m')
          .sign(ownKey().privateKey),
    ],
    [
      'living longer than the maximum lifetime',
      () =>
        base()
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime(Math.floor(Date.now() / 1000) + t.config.AUTH_TOKEN_MAX_LIFETIME_SECONDS + 60)
          .sign(ownKey().privateKey),
    ],
    [
      'whose scope is an array',
      () =>
        new SignJWT({ org: org.orgId, scope: ['patients:read'] })
          .setIssuer(t.config.AUTH_ISSUER)
          .setAudience(t.config.AUTH_AUDIENCE)
          .setIssuedAt()
          .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
          .setExpirationTime('5m')
          .sign(ownKey().privateKey),
    ],
  ];

  it.each(tokens)('refuses a token %s with 401 problem+json', async (_label, make) => {
    const res = await t.http
      .get('/v1/patients')
      .set('authorization', `Bearer ${await make()}`)
      .expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({ status: 401, code: 'invalid_token' });
  });

  it('refuses a request without a token, or with another scheme', async () => {
    expect((await t.http.get('/v1/patients').expect(401)).body.code).toBe('invalid_token');
    await t.http.get('/v1/patients').set('authorization', 'Basic dXNlcjpwYXNz').expect(401);
  });

  it('refuses a valid token that lacks the route scope with 403', async () => {
    const token = await org.tokenWith(['payers:read']);
    const res = await t.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(403);
    expect(res.body).toMatchObject({ status: 403, code: 'insufficient_scope' });
    await t.http.get('/v1/payers').set('authorization', `Bearer ${token}`).expect(200);
  });

  it('accepts a token issued slightly in the future (within the skew) and one at the maximum lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const early = await base()
      .setIssuedAt(now + 10)
      .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
      .setExpirationTime('5m')
      .sign(ownKey().privateKey);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${early}`).expect(200);
    const longest = await base()
      .setIssuedAt(now)
      .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
      .setExpirationTime(now + t.config.AUTH_TOKEN_MAX_LIFETIME_SECONDS)
      .sign(ownKey().privateKey);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${longest}`).expect(200);
  });

  it('accepts a token within the allowed clock skew', async () => {
    const token = await base()
      .setProtectedHeader({ alg: 'ES256', kid: ownKey().kid })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(ownKey().privateKey);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(200);
  });
});

describe('token endpoint rate limit', () => {
  it('answers 429 problem+json with Retry-After once a client exceeds the per-minute budget', async () => {
    const limited = await createTestApp({ AUTH_TOKEN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const body = { grant_type: 'client_credentials', client_id: 'cli_nobody', client_secret: 'guess' };
      for (let i = 0; i < 3; i++) await limited.http.post('/v1/oauth/token').type('form').send(body).expect(401);
      const res = await limited.http.post('/v1/oauth/token').type('form').send(body).expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('tokens for unknown organizations', () => {
  it('are refused with 401 before they reach any data', async () => {
    const keys = t.services.auth.signingKeys();
    const token = await new SignJWT({ org: 'org_doesnotexist000000000000', scope: 'patients:read patients:write' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setIssuer(t.config.AUTH_ISSUER)
      .setAudience(t.config.AUTH_AUDIENCE)
      .setExpirationTime('5m')
      .sign(keys.privateKey);
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', `Bearer ${token}`)
      .send({ firstName: 'A', lastName: 'B', birthDate: '1990-01-01', sex: 'female' })
      .expect(401);
    expect(res.body.code).toBe('invalid_token');
  });
});

describe('deactivated clients', () => {
  const issue = async (app: TestApp, c: { clientId: string; clientSecret: string }) =>
    (
      await app.http
        .post('/v1/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret })
        .expect(200)
    ).body.access_token as string;

  it('their tokens are refused at once when deactivated in this process, and no new ones are issued', async () => {
    const c = await t.services.auth.createClient({ orgId: org.orgId, name: 'to revoke', scopes: ['patients:read'] });
    const token = await issue(t, c);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: c.clientId, client_id: c.clientId, scope: 'patients:read' });
    await t.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(200);
    expect(await t.services.auth.revokeClient(c.clientId)).toBe(true);
    const res = await t.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('invalid_token');
    await t.http
      .post('/v1/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret })
      .expect(401);
  });

  it('their tokens are refused within a minute when deactivated by another process', async () => {
    const clock = fixedClock(new Date());
    const other = await createTestApp({}, { clock });
    try {
      const o = await other.newOrg();
      const c = await other.services.auth.createClient({ orgId: o.orgId, name: 'x', scopes: ['patients:read'] });
      const token = await issue(other, c);
      await other.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(200);
      // Another process deactivates it: straight in the database, this process's cache knows nothing.
      await other.database.db.execute(sql`update api_clients set revoked_at = now() where id = ${c.clientId}`);
      clock.advance(5_000);
      await other.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(200);
      clock.advance(55_000);
      await other.http.get('/v1/patients').set('authorization', `Bearer ${token}`).expect(401);
    } finally {
      await other.close();
    }
  });
});
