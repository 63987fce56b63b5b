import { LAY_TERMS } from './code-search-lay-terms.js';

/**
 * Pure helpers for code search: deciding whether a query is a code prefix or words, widening everyday words
 * to the clinical terms the descriptions use (our own table, code-search-lay-terms.ts) and reading what the
 * words ask about, so the ranking (in SQL) keeps a disease phrase away from injury or history codes.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pass over the query: longest lay phrase first, a plural `s` allowed on the last word. */
const LAY_LOOKUP = new Map(LAY_TERMS.map(([lay, clinical]) => [lay, clinical]));
const LAY_PATTERN = new RegExp(
  `(?<![a-z0-9])(${[...LAY_LOOKUP.keys()]
    .sort((a, b) => b.length - a.length)
    .map((lay) => escape(lay).replace(/ /g, '[\\s-]+'))
    .join('|')})(?:s|es)?(?![a-z0-9])`,
  'g',
);
const spaced = (s: string) => s.replace(/[\s-]+/g, ' ');

/** The query in clinical words, or null when nothing was widened. */
export function clinicalQuery(q: string): string | null {
  const lower = q.toLowerCase().replace(/\s+/g, ' ').trim();
  let widened = false;
  const out = lower.replace(LAY_PATTERN, (match, phrase: string) => {
    const clinical = LAY_LOOKUP.get(spaced(phrase)) ?? LAY_LOOKUP.get(phrase);
    if (clinical === undefined) return match;
    widened = true;
    return clinical;
  });
  return widened && out !== lower ? out : null;
}

/** Every lay phrase's words: a typo of "tummy" is corrected to "tummy", then widened. */
export const LAY_WORDS: readonly string[] = [
  ...new Set(LAY_TERMS.flatMap(([lay]) => lay.split(/[\s-]+/)).filter((w) => /^[a-z]{3,}$/.test(w))),
];

/**
 * A code prefix rather than words: "E11", "e11.6", "E116", "G04", "99213", "25". One token, with a
 * digit in it (words in descriptions rarely have digits), up to 8 characters once the dot is gone.
 */
export function codePrefixOf(q: string): string | null {
  const key = q.trim().replace(/\./g, '').toUpperCase();
  return /^[A-Z0-9]{1,8}$/.test(key) && /\d/.test(key) ? key : null;
}

/** Queries about pregnancy or newborns: only then do O/P-chapter codes rank normally. */
const MATERNAL_OR_NEWBORN =
  /(pregnan|newborn|neonat|perinat|deliver|childbirth|puerper|fetu|gestation|maternal|labor|obstet|prenatal|antenatal|postpartum|miscarr|abortion)/;

/**
 * Words that say the visit is about an injury, a poisoning or its external cause: only then do S/T (injury,
 * poisoning, complications of care) and V–Y (external cause) codes rank with the rest. "Hip pain" is a
 * musculoskeletal symptom; "hip fracture" and "fell off a ladder" are injuries.
 */
const INJURY_OR_EXTERNAL = new RegExp(
  [
    // stems: any word that starts so
    '\\b(injur|fractur|broke|sprain|wound|lacerat|gash|scald|bitten|poison|overdos|toxic|intoxica|accident|crash',
    'collision|contusion|bruis|dislocat|concussion|trauma|abrasion|scrape|puncture|crush|amputat|frostbit|drown',
    'assault|gunshot|adverse|underdos|exposure|insect|snake|spider|vehicle|bicycl|pedestrian|whiplash',
    'avulsion|splinter|electrocut|hypotherm|sunstroke|ingest|mauled)',
    // whole words and phrases
    '\\b(cut|cuts|car|hit|dog|bike|fall|falls|fell|tear|torn|shot|stab|stabbed|trip|slip|slipped|kick|kicked',
    'bite|bites|sting|stings|stung|burn|burns|burned|burnt|struck|caught|effect|effects|reaction|strain|strained',
    'heat stroke|foreign body|motor vehicle|side effect|child abuse|elder abuse|physical abuse|sexual abuse)\\b',
  ].join('|'),
);

/** Asked about a history, a screening or a family member: otherwise "history of …" codes rank behind. */
const HISTORY = /\b(history|hx|family|screen|status|previous|past|prior|former|old|remission)/;

export interface WordSearchPlan {
  /** The words as typed, lower-cased. */
  q: string;
  /** The same words widened to clinical terms, when a lay phrase was found. */
  alt: string | null;
  asksOther: boolean;
  asksMaternal: boolean;
  asksInjury: boolean;
  asksHistory: boolean;
}

/** What a word query asks for, read once in TypeScript rather than per candidate row in SQL. */
export function planWordSearch(query: string): WordSearchPlan {
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const alt = clinicalQuery(q);
  const both = alt ? `${q} ${alt}` : q;
  return {
    q,
    alt,
    asksOther: /\bother\b/.test(both),
    asksMaternal: MATERNAL_OR_NEWBORN.test(both),
    asksInjury: INJURY_OR_EXTERNAL.test(both),
    asksHistory: HISTORY.test(both),
  };
}

/** Words worth checking for a typo: letters only, long enough that a trigram match means something. */
export function spellCheckWords(q: string): string[] {
  return [...new Set(q.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
}

/** The query with each corrected word replaced, or null when nothing changed. */
export function correctedQuery(q: string, corrections: ReadonlyMap<string, string>): string | null {
  let changed = false;
  const out = q.toLowerCase().replace(/[a-z]{4,}/g, (w) => {
    const known = corrections.get(w);
    if (!known || known === w) return w;
    changed = true;
    return known;
  });
  return changed ? out : null;
}
