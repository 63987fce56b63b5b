import { randomBytes } from 'node:crypto';

/** Crockford base32: sortable, URL-safe, no ambiguous letters. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ID_PREFIXES = {
  organization: 'org',
  client: 'cli',
  payer: 'pyr',
  provider: 'prv',
  patient: 'pat',
  coverage: 'cov',
  encounter: 'enc',
  claim: 'clm',
  submission: 'sub',
  remittance: 'rmt',
  adjudication: 'adj',
  payment: 'pmt',
  event: 'evt',
  webhook: 'whk',
  signingKey: 'key',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * `<prefix>_<26 chars>`: 48 bits of millisecond time then 80 random bits, so ids sort
 * roughly by creation time (friendly to B-tree indexes) and never collide in practice.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return `${ID_PREFIXES[kind]}_${time}${rand}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
