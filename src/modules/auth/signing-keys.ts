import { and, desc, isNull } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../../db/client.js';
import { signingKeys } from '../../db/schema/index.js';
import type { Ids } from '../../lib/ids.js';

export const SIGNING_ALG = 'ES256';

export interface SigningKeySet {
  kid: string;
  privateKey: CryptoKey;
  /** Public halves of every non-retired key, for verification and /.well-known/jwks.json. */
  publicJwks: JWK[];
}

/**
 * Loads the newest signing key, creating one on first start. Keys live in the database so every
 * stateless API process signs and verifies with the same set.
 */
export async function loadSigningKeys(db: Db, ids: Ids): Promise<SigningKeySet> {
  let rows = await activeKeys(db);
  if (rows.length === 0) {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = ids.next('signingKey');
    const pub = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    const priv = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
    await db
      .insert(signingKeys)
      .values({ kid, alg: SIGNING_ALG, publicJwk: pub, privateJwk: priv })
      .onConflictDoNothing();
    rows = await activeKeys(db);
  }
  const newest = rows[0]!;
  const privateKey = (await importJWK(newest.privateJwk as JWK, newest.alg)) as CryptoKey;
  return { kid: newest.kid, privateKey, publicJwks: rows.map((r) => r.publicJwk as JWK) };
}

function activeKeys(db: Db) {
  return db
    .select()
    .from(signingKeys)
    .where(and(isNull(signingKeys.retiredAt)))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
}
