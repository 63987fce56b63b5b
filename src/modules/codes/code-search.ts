import type { Db } from '../../db/client.js';
import { correctedQuery, planWordSearch, spellCheckWords } from '../../domain/code-search.js';
import { codeSearchRepository as search } from './code-search.repository.js';
import type { CodeRow, SearchArgs } from './codes.repository.js';

/**
 * A word search, in at most three bounded steps, none of which compares trigrams with every description:
 * 1. every word (or its lay widening) in a description or an Alphabetic Index entry;
 * 2. if nothing matched: each word not in the system's word list replaced by its nearest known word, then 1 again;
 * 3. if still nothing: entries holding all the words but one, ranked by how much of the query they cover.
 * Later pages (offset > 0) repeat the step that answered the first page.
 */
export async function searchWords(db: Db, args: SearchArgs, q: string): Promise<CodeRow[]> {
  const plan = planWordSearch(q);
  const rows = await search.search(db, { ...args, plan, match: 'all' });
  if (rows.length > 0) return rows;

  if (!(await search.hasWords(db, args.system))) {
    // A database loaded before the word list existed: the old trigram scan, until the next import builds the list.
    return args.offset === 0 ? search.searchFuzzy(db, { ...args, q }) : [];
  }
  const checked = spellCheckWords(q);
  const corrections = await search.nearestWords(db, args.system, checked);
  const corrected = correctedQuery(q, corrections);
  const relaxedPlan = corrected ? planWordSearch(corrected) : plan;
  if (corrected) {
    const fixed = await search.search(db, { ...args, plan: relaxedPlan, match: 'all' });
    if (fixed.length > 0) return fixed;
  }
  // No word is like any the system knows (and none was widened): nothing can match, not even loosely.
  if (checked.length > 0 && corrections.size === 0 && !relaxedPlan.alt) return [];
  if (relaxedPlan.q.split(' ').length < 2) return [];
  return search.search(db, { ...args, plan: relaxedPlan, match: 'any' });
}
