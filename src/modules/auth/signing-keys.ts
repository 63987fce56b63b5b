import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../../db/client.js';
import { signingKeys } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Ids } from '../../lib/ids.js';
import { isSealed, type KeySealer } from './signing-key-crypto.js';

export const SIGNING_ALG = 'ES256';

export interface SigningKeySet {
  kid: string;
  privateKey: CryptoKey;
  /** Public halves of the newest key and of older ones still in their overlap window: verification and JWKS. */
  publicJwks: JWK[];
}

export interface SigningKeyDeps {
  db: Db;
  ids: Ids;
  clock: Clock;
  sealer: KeySealer;
  /** How long a superseded key stays published after its successor was created. */
  overlapSeconds: number;
}

type KeyRow = typeof signingKeys.$inferSelect;

/**
 * Loads the newest signing key, creating one on first start. Keys live in the database so every stateless API
 * process signs and verifies with the same set. A key is published while it is the newest, and for the overlap
 * window after a newer one was created (so tokens it signed expire before it disappears); `retired_at` is the
 * rotation command's bookkeeping of keys past that. Private keys stored in clear (before encryption at rest) are
 * sealed here on first load.
 */
export async function loadSigningKeys(deps: SigningKeyDeps): Promise<SigningKeySet> {
  let rows = await activeKeys(deps.db);
  if (rows.length === 0) {
    await insertKey(deps);
    rows = await activeKeys(deps.db);
  }
  await sealClearKeys(deps, rows);
  const newest = rows[0]!;
  const privateKey = (await importJWK(deps.sealer.open(newest.privateJwk, newest.kid), newest.alg)) as CryptoKey;
  return { kid: newest.kid, privateKey, publicJwks: published(rows, deps).map((r) => r.publicJwk as JWK) };
}

/** `npm run keys:rotate`: a new key signs from now on; superseded keys past their overlap window are retired. */
export async function rotateSigningKeys(deps: SigningKeyDeps): Promise<{ kid: string; retired: string[] }> {
  const newest = (await activeKeys(deps.db))[0];
  // Strictly after the current newest, so "newest" never rests on a tie broken by kid.
  const at = new Date(Math.max(deps.clock.now().getTime(), (newest?.createdAt.getTime() ?? 0) + 1));
  const kid = await insertKey(deps, at);
  const rows = await activeKeys(deps.db);
  const keep = new Set(published(rows, deps).map((r) => r.kid));
  const retired = rows.filter((r) => !keep.has(r.kid)).map((r) => r.kid);
  for (const old of retired) {
    await deps.db
      .update(signingKeys)
      .set({ retiredAt: deps.clock.now() })
      .where(and(eq(signingKeys.kid, old), isNull(signingKeys.retiredAt)));
  }
  return { kid, retired };
}

/** Rows newest first: the newest, then each older one whose successor is younger than the overlap window. */
function published(rows: KeyRow[], deps: SigningKeyDeps): KeyRow[] {
  const cutoff = deps.clock.now().getTime() - deps.overlapSeconds * 1000;
  return rows.filter((_row, i) => i === 0 || rows[i - 1]!.createdAt.getTime() > cutoff);
}

async function insertKey(deps: SigningKeyDeps, createdAt = deps.clock.now()): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = deps.ids.next('signingKey');
  const pub = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  const priv = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
  await deps.db
    .insert(signingKeys)
    .values({ kid, alg: SIGNING_ALG, publicJwk: pub, privateJwk: deps.sealer.seal(priv, kid), createdAt })
    .onConflictDoNothing();
  return kid;
}

async function sealClearKeys(deps: SigningKeyDeps, rows: KeyRow[]): Promise<void> {
  for (const row of rows) {
    if (isSealed(row.privateJwk)) continue;
    const sealed = deps.sealer.seal(row.privateJwk as JWK, row.kid);
    // Only if still in clear: two processes starting together both seal, one write wins, either opens.
    await deps.db
      .update(signingKeys)
      .set({ privateJwk: sealed })
      .where(and(eq(signingKeys.kid, row.kid), sql`${signingKeys.privateJwk} ? 'kty'`));
    row.privateJwk = sealed;
  }
}

function activeKeys(db: Db) {
  return db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
}
