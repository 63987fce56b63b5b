import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { queryRows } from '../../src/db/client.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';
import { DEV_KEK_FILE, keySealerFor } from '../../src/modules/auth/signing-key-crypto.js';
import { createTokenVerifier } from '../../src/modules/auth/token-verifier.js';
import { createTestApp } from '../support/app.js';
import { createTestDatabase } from '../support/db.js';

const KEK = randomBytes(32).toString('base64');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function database() {
  const db = await createTestDatabase();
  closers.push(() => db.close());
  return db;
}

describe('signing private keys at rest', () => {
  it('are stored AES-256-GCM sealed, never as a JWK with its private part', async () => {
    const t = await createTestApp({ SIGNING_KEY_ENCRYPTION_KEY: KEK });
    closers.push(t.close);
    const rows = await queryRows<{ private_jwk: Record<string, unknown> }>(
      t.database.db,
      sql`select private_jwk from signing_keys`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.private_jwk).toMatchObject({ enc: 'A256GCM' });
    expect(rows[0]!.private_jwk.d).toBeUndefined();
    const org = await t.newOrg();
    await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
  });

  it('stored in clear before this change are sealed on start and keep signing and verifying', async () => {
    const { db } = await database();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = 'key_legacyplaintext000000000';
    const pub = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const priv = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    await db.execute(
      sql`insert into signing_keys (kid, alg, public_jwk, private_jwk) values (${kid}, 'ES256', ${JSON.stringify(pub)}::jsonb, ${JSON.stringify(priv)}::jsonb)`,
    );
    const config = loadConfig({ SIGNING_KEY_ENCRYPTION_KEY: KEK });
    const clock = fixedClock(new Date());
    const verifier = await createTokenVerifier({ db, config, clock, ids: createIds(clock) });
    expect(verifier.signingKeys().kid).toBe(kid);
    const rows = await queryRows<{ private_jwk: Record<string, unknown> }>(
      db,
      sql`select private_jwk from signing_keys where kid = ${kid}`,
    );
    expect(rows[0]!.private_jwk).toMatchObject({ enc: 'A256GCM' });
    expect(rows[0]!.private_jwk.d).toBeUndefined();
    // A token signed by the legacy key before the upgrade still verifies.
    const token = await new SignJWT({ org: 'org_x', scope: 'patients:read' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await verifier.verify(token)).org).toBe('org_x');
    // And a second process (the key now sealed) opens it too.
    const again = await createTokenVerifier({ db, config, clock, ids: createIds(clock) });
    expect((await again.verify(token)).org).toBe('org_x');
  });

  it('refuse to start under another encryption key, naming the problem', async () => {
    const { db } = await database();
    const clock = fixedClock(new Date());
    const config = loadConfig({ SIGNING_KEY_ENCRYPTION_KEY: KEK });
    await createTokenVerifier({ db, config, clock, ids: createIds(clock) });
    const other = loadConfig({ SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    await expect(createTokenVerifier({ db, config: other, clock, ids: createIds(clock) })).rejects.toThrow(
      /another SIGNING_KEY_ENCRYPTION_KEY/,
    );
  });

  it('need SIGNING_KEY_ENCRYPTION_KEY in production, as 32 base64 bytes', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SIGNING_KEY_ENCRYPTION_KEY/);
    expect(() => loadConfig({ SIGNING_KEY_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
    expect(
      loadConfig({ NODE_ENV: 'production', SIGNING_KEY_ENCRYPTION_KEY: KEK }).SIGNING_KEY_ENCRYPTION_KEY,
    ).toHaveLength(32);
  });

  it('without the variable outside production, use a key generated once into DATA_DIR (mode 0600)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kek-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const config = loadConfig({ DATA_DIR: dir });
    const [a, b] = await Promise.all([keySealerFor(config), keySealerFor(config)]);
    const file = join(dir, DEV_KEK_FILE);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const sealed = a.seal({ kty: 'EC', d: 'secret' }, 'key_1');
    expect(b.open(sealed, 'key_1')).toEqual({ kty: 'EC', d: 'secret' });
    expect(() => b.open(sealed, 'key_2')).toThrow(); // bound to its kid
    // An in-memory embedded database gets a per-process key, nothing written.
    const memory = await keySealerFor(loadConfig({ DATA_DIR: 'memory://' }));
    expect(memory.open(memory.seal({ kty: 'EC' }, 'k'), 'k')).toEqual({ kty: 'EC' });
  });
});

describe('npm run keys:rotate', () => {
  it('signs with a new key at once, keeps the old one published for the overlap window, then retires it', async () => {
    const clock = fixedClock(new Date());
    const t = await createTestApp({ SIGNING_KEY_ENCRYPTION_KEY: KEK }, { clock });
    closers.push(t.close);
    const org = await t.newOrg();
    const before = t.services.auth.signingKeys();
    const oldToken = org.token;

    const rotated = await t.services.auth.rotateSigningKeys();
    expect(rotated.kid).not.toBe(before.kid);
    const jwks = (await t.http.get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(jwks).toEqual([rotated.kid, before.kid]);
    const fresh = await org.tokenWith(['patients:read']);
    expect(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString()).kid).toBe(rotated.kid);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${fresh}`).expect(200);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${oldToken}`).expect(200);

    // Past the overlap window the old key is no longer published nor accepted, and the next rotation retires it.
    clock.advance((t.config.AUTH_KEY_OVERLAP_SECONDS! + 1) * 1000);
    const lateOld = await new SignJWT({ org: org.orgId, scope: 'patients:read' })
      .setProtectedHeader({ alg: 'ES256', kid: before.kid })
      .setIssuer(t.config.AUTH_ISSUER)
      .setAudience(t.config.AUTH_AUDIENCE)
      .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 300)
      .sign(before.privateKey);
    await t.http.get('/v1/patients').set('authorization', `Bearer ${lateOld}`).expect(401);
    const after = (await t.http.get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(after).toEqual([rotated.kid]);
    const second = await t.services.auth.rotateSigningKeys();
    expect(second.retired).toEqual([before.kid]);
    const retired = await queryRows<{ kid: string }>(
      t.database.db,
      sql`select kid from signing_keys where retired_at is not null`,
    );
    expect(retired.map((r) => r.kid)).toEqual([before.kid]);
  });
});
