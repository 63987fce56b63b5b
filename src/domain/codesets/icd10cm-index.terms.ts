import type { IndexEntry } from './icd10cm-index.parser.js';

/** One searchable row: words that lead to a code in the Alphabetic Index, directly or through a see-reference. */
export interface IndexTerm {
  /** The entry as the index prints it (`Pain, neck`), with the reference followed (`Attack, heart → Infarct, myocardium, acute`). */
  term: string;
  /** Essential words a search must match and is scored against. */
  words: string;
  /** Nonessential modifiers: they may be typed, and are not missed when they are not. */
  modifiers: string;
  /** Code as printed (`N20.0`, `S72.0`), without a trailing dash. */
  code: string;
  partial: boolean;
  /** The `see` or `see also` reference followed, or null for the entry's own code. */
  via: string | null;
}

/** How much of a referenced entry's subtree a see-reference brings along: its subterms, not the whole chapter. */
const SEE_DEPTH = 2;
const SEE_ROWS = 60;
const SEE_HOPS = 3;

const keyOf = (parts: string[]) => parts.map((p) => p.toLowerCase().replace(/\s+/g, ' ').trim()).join(', ');

/** A reference as printed ("Infarct, myocardium", "Epilepsy, generalized, specified NEC") as an entry key. */
function referenceKey(reference: string): string {
  const cleaned = reference
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(NEC|NOS)\b/g, ' ')
    .replace(/[.\s]+$/, '');
  return keyOf(cleaned.split(','));
}

/**
 * The searchable rows of a whole index: one per entry with a code, and for an entry that only refers elsewhere
 * (`Attack, heart — see Infarct, myocardium`; `Flu — see also Influenza`) the referenced entry's code and its
 * subterms' codes under the referring entry's words. References to whole tables or to "condition" lead nowhere
 * and are counted as unresolved.
 */
export function indexSearchTerms(entries: IndexEntry[]): { terms: IndexTerm[]; unresolved: number } {
  const byKey = new Map<string, IndexEntry>();
  const children = new Map<string, IndexEntry[]>();
  for (const e of entries) {
    const key = keyOf(e.path);
    if (!byKey.has(key)) byKey.set(key, e);
    // References name a title by its first form: "see Infarct, myocardium" for "Infarct, infarction" >
    // "myocardium, myocardial".
    const short = keyOf(e.path.map((title) => title.split(',')[0]!));
    if (!byKey.has(short)) byKey.set(short, e);
    const parent = keyOf(e.path.slice(0, -1));
    if (e.path.length < 2) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(e);
    else children.set(parent, [e]);
  }
  const terms: IndexTerm[] = [];
  let unresolved = 0;
  const seen = new Set<string>();
  const row = (from: IndexEntry, words: string[], modifiers: string[], at: IndexEntry, via: string | null) => {
    const key = `${words.join(' ').toLowerCase()}|${at.code}`;
    if (!at.code || seen.has(key)) return;
    seen.add(key);
    terms.push({
      term: via ? `${from.path.join(', ')} → ${at.path.join(', ')}` : from.path.join(', '),
      words: words.join(' '),
      modifiers: modifiers.join(' '),
      code: at.code,
      partial: at.partial,
      via,
    });
  };

  for (const e of entries) {
    if (e.code) {
      row(e, e.path, e.modifiers, e, null);
      continue;
    }
    const reference = e.see ?? e.seeAlso;
    if (!reference) continue;
    let target = byKey.get(referenceKey(reference));
    // A reference to an entry that itself only refers on: follow a few hops, never a cycle.
    for (let hop = 1; target && !target.code && hop < SEE_HOPS; hop++) {
      const next = target.see ?? target.seeAlso;
      const further = next ? byKey.get(referenceKey(next)) : undefined;
      if (!further || further === e) break;
      target = further;
    }
    if (!target || target === e) {
      unresolved++;
      continue;
    }
    const via = `${e.see ? 'see' : 'see also'} ${reference}`;
    let added = 0;
    let frontier: IndexEntry[] = [target];
    for (let depth = 0; depth <= SEE_DEPTH && frontier.length && added < SEE_ROWS; depth++) {
      const next: IndexEntry[] = [];
      for (const at of frontier) {
        if (added >= SEE_ROWS) break;
        if (at.code) {
          const below = at.path.slice(target.path.length);
          row(e, [...e.path, ...below], [...e.modifiers, ...at.modifiers], at, via);
          added++;
        }
        next.push(...(children.get(keyOf(at.path)) ?? []));
      }
      frontier = next;
    }
    if (added === 0) unresolved++;
  }
  return { terms, unresolved };
}
