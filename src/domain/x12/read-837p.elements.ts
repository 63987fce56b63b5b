import type { Entity837 } from './claim-837p.types.js';
import { el } from './document.js';
import type { Segment } from './reader.js';

/** Element helpers the 837P reader's files share. */

/** CCYYMMDD as yyyy-mm-dd (anything else is kept as it is, for the SNIP checks to refuse). */
export const isoDate = (d8: string) => (d8.length === 8 ? `${d8.slice(0, 4)}-${d8.slice(4, 6)}-${d8.slice(6, 8)}` : d8);

/** NM102–NM105 as an entity: a person (1) or an organization (2). */
export function entityOf(s: Segment): Entity837 {
  return el(s, 2) === '2'
    ? { kind: 'organization', name: el(s, 3), firstName: null, middleName: null }
    : { kind: 'individual', name: el(s, 3), firstName: el(s, 4) || null, middleName: el(s, 5) || null };
}
