import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { Config } from '../../config.js';

/**
 * Signing private keys are stored encrypted (AES-256-GCM) under a key-encryption key from the environment, so a
 * database dump or backup alone cannot mint tokens. The stored envelope names which KEK sealed it (a hash prefix,
 * not the key) so a wrong key fails loudly at start instead of as a GCM error. A KMS could stand in for
 * `seal`/`open` (wrap/unwrap the same JSON) without changing the table.
 */
export interface SealedJwk {
  enc: 'A256GCM';
  kek: string;
  iv: string;
  tag: string;
  ct: string;
}

export interface KeySealer {
  seal(jwk: JWK, kid: string): SealedJwk;
  open(stored: unknown, kid: string): JWK;
}

export const isSealed = (stored: unknown): stored is SealedJwk =>
  typeof stored === 'object' && stored !== null && (stored as { enc?: unknown }).enc === 'A256GCM';

export function createKeySealer(kek: Buffer): KeySealer {
  if (kek.length !== 32) throw new Error('The signing-key encryption key must be 32 bytes.');
  const kekId = createHash('sha256').update(kek).digest('hex').slice(0, 12);
  return {
    seal(jwk, kid) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      cipher.setAAD(Buffer.from(kid)); // binds the ciphertext to its row: it cannot be swapped onto another kid
      const ct = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return { enc: 'A256GCM', kek: kekId, iv: b64(iv), tag: b64(cipher.getAuthTag()), ct: b64(ct) };
    },
    open(stored, kid) {
      // Rows written before encryption at rest hold the JWK itself; they are sealed on load (signing-keys.ts).
      if (!isSealed(stored)) return stored as JWK;
      if (stored.kek !== kekId) {
        throw new Error(
          `Signing key ${kid} was encrypted with another SIGNING_KEY_ENCRYPTION_KEY (${stored.kek}, this one is ${kekId}).`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(stored.iv, 'base64url'));
      decipher.setAAD(Buffer.from(kid));
      decipher.setAuthTag(Buffer.from(stored.tag, 'base64url'));
      const clear = Buffer.concat([decipher.update(Buffer.from(stored.ct, 'base64url')), decipher.final()]);
      return JSON.parse(clear.toString('utf8')) as JWK;
    },
  };
}

export const DEV_KEK_FILE = 'signing-key-encryption.key';

/**
 * The key-encryption key: SIGNING_KEY_ENCRYPTION_KEY (required in production, config.ts), else — development and
 * tests only — one generated once into DATA_DIR/signing-key-encryption.key (mode 0600) and reused from there
 * (copied, backed up and lost together with an embedded database's files; with DATABASE_URL, every process
 * sharing the database must share the file or the variable).
 */
export async function keySealerFor(config: Config): Promise<KeySealer> {
  if (config.SIGNING_KEY_ENCRYPTION_KEY) return createKeySealer(config.SIGNING_KEY_ENCRYPTION_KEY);
  // An in-memory embedded database dies with the process: so may its key.
  if (!config.DATABASE_URL && config.DATA_DIR.startsWith('memory://')) return createKeySealer(randomBytes(32));
  const file = join(config.DATA_DIR, DEV_KEK_FILE);
  await mkdir(config.DATA_DIR, { recursive: true });
  // Written aside and linked into place: a process starting at the same moment never reads a half-written key.
  const aside = `${file}.${randomBytes(6).toString('hex')}`;
  await writeFile(aside, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    await link(aside, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first: use that one
  } finally {
    await unlink(aside);
  }
  const kek = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (kek.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key.`);
  return createKeySealer(kek);
}
