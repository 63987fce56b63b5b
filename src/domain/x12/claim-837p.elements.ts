import type { Entity837 } from './claim-837p.types.js';

/** Element helpers the 837P writer's files share. */

/** yyyy-mm-dd as CCYYMMDD: the text without its dashes, cut around the two a date has rather than by replaceAll. */
export function dateD8(iso: string): string {
  const first = iso.indexOf('-');
  const second = first < 0 ? -1 : iso.indexOf('-', first + 1);
  if (second < 0 || iso.indexOf('-', second + 1) >= 0) return iso.replaceAll('-', '');
  return iso.slice(0, first) + iso.slice(first + 1, second) + iso.slice(second + 1);
}

/** NM102–NM105: entity type (1 person, 2 organization), last or organization name, first and middle name. */
export function nameElements(entity: Entity837): [string, string, string | null, string | null] {
  return entity.kind === 'organization'
    ? ['2', entity.name, null, null]
    : ['1', entity.name, entity.firstName, entity.middleName];
}
