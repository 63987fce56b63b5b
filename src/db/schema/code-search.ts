import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The ICD-10-CM Alphabetic Index as search terms (global reference data): the words that lead to a code,
 * directly or through a see-reference, so "neck pain" finds M54.2 although no description says so.
 * `code_key` is the index's code mapped onto the loaded release (an index code that now needs more
 * characters maps to its most general billable code), refreshed after every ICD-10-CM import.
 */
export const icd10cmIndexTerms = pgTable(
  'icd10cm_index_terms',
  {
    id: integer().primaryKey(),
    term: text().notNull(),
    words: text().notNull(),
    modifiers: text().notNull(),
    /** As printed in the index, e.g. S72.0 for "S72.0-". */
    indexCode: text().notNull(),
    partial: boolean().notNull(),
    via: text(),
    codeKey: text(),
    release: text().notNull(),
    /** Every word of the entry: a search must match all of its words here. */
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', words || ' ' || modifiers)`),
    /** The essential words only: what a match is scored against (modifiers are never missed). */
    essential: tsvector().generatedAlwaysAs(sql`to_tsvector('english', words)`),
  },
  (t) => [index('icd10cm_index_terms_search_idx').using('gin', t.search), index().on(t.codeKey)],
);

/**
 * Distinct words of each system's descriptions (and of the index and our lay terms), for correcting a typo
 * against a few tens of thousands of words instead of comparing trigrams with every description.
 */
export const codeSearchWords = pgTable(
  'code_search_words',
  {
    system: text().notNull(),
    word: text().notNull(),
    /** In how many descriptions or terms the word appears: the commoner of two equally close words wins. */
    docs: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.system, t.word] }),
    index('code_search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
  ],
);
