import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from './clock.js';

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
  acknowledgment: 'ack',
  adjudication: 'adj',
  payment: 'pmt',
  writeoff: 'wof',
  refund: 'rfd',
  journalTransaction: 'jtx',
  event: 'evt',
  webhook: 'whk',
  signingKey: 'key',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * `<prefix>_<26 chars>`: 48 bits of millisecond time then 80 random bits, so ids sort
 * roughly by creation time (friendly to B-tree indexes) and never collide in practice.
 */
export function formatId(kind: IdKind, epochMs: number): string {
  let time = '';
  let t = epochMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return `${ID_PREFIXES[kind]}_${time}${rand}`;
}

const PCN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The id generator services are given (with the clock the ids take their time from). */
export interface Ids {
  next(kind: IdKind): string;
  /**
   * Patient control number (837P CLM01, echoed back in 835 CLP01 and 277CA): X12 allows 20 characters
   * but some payers truncate, so 12 upper-case letters and digits without look-alikes (no I, O, 0, 1).
   * Uniqueness per organization is enforced by a unique index; 32^12 values make a clash negligible.
   */
  patientControlNumber(): string;
}

export function createIds(clock: Clock): Ids {
  return {
    next: (kind) => formatId(kind, clock.now().getTime()),
    patientControlNumber() {
      let out = '';
      for (let i = 0; i < 12; i++) out += PCN_ALPHABET[randomInt(PCN_ALPHABET.length)];
      return out;
    },
  };
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
