import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../db/client.js';
import type { WordSearchPlan } from '../../domain/code-search.js';
import type { CodeRow, SearchArgs } from './codes.repository.js';

/** Description matches that are scored; the rest follow by description length (paging stays stable). */
const RANKED_CANDIDATES = 300;
/** Codes reached through the Alphabetic Index that are scored beside them. */
const INDEX_CANDIDATES = 100;
/** What an index match adds to a code's description score: enough to lift the code the index names. */
const INDEX_WEIGHT = 0.5;
/** How alike (pg_trgm similarity) an unknown word and a known one must be to count as a typo of it. */
const CORRECTION_SIMILARITY = 0.45;

const onDate = (d: string) =>
  sql`effective_from <= ${d}::date and (effective_to is null or effective_to >= ${d}::date)`;
const billableFilter = (billable: boolean | undefined) =>
  billable === undefined ? sql`` : sql`and billable = ${billable}`;

/**
 * A lower-cased description (`m.d`) without the words that do not change which code it is: nonessential
 * modifiers in parentheses, "without …" clauses and the default qualifiers. Plain replace() where possible:
 * this runs on every candidate and PostgreSQL regular expressions with alternatives are slow.
 */
const MEANINGFUL_WORDS = sql.raw(`replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
  case when strpos(m.d, '(') > 0 or strpos(m.d, 'without') > 0 then regexp_replace(m.d, '\\([^)]*\\)|without [^,]*', ' ', 'g') else m.d end,
  'unspecified site', ' '), 'unspecified organism', ' '), 'unspecified side', ' '), 'unspecified ear', ' '), 'unspecified eye', ' '), 'site not specified', ' '),
  'unspecified', ' '), 'not intractable', ' '), 'uncomplicated', ' '), 'initial encounter', ' ')`);

const COLUMNS = sql`system, code_key as "codeKey", code, short_description as "shortDescription", long_description as "longDescription",
  billable, effective_from::text as "effectiveFrom", effective_to::text as "effectiveTo", release, source, attributes`;

/** Dice over stemmed words of a description (`w.kv`), with unasked "other" counted as one word more. */
const descDice = (lex: SQL) =>
  sql`2.0 * (length(w.kv) - length(ts_delete(w.kv, ${lex}))) / nullif(cardinality(${lex}) + length(w.kv) + w.other, 0)`;

/** Dice over an index entry's essential words; query words found among its nonessential modifiers are not missed. */
const indexDice = (lex: SQL) => sql`2.0 * (length(t.essential) - length(ts_delete(t.essential, ${lex})))
  / nullif(cardinality(${lex}) - ((length(t.search) - length(ts_delete(t.search, ${lex})))
    - (length(t.essential) - length(ts_delete(t.essential, ${lex})))) + length(t.essential), 0)`;

export interface RankedSearch extends SearchArgs {
  plan: WordSearchPlan;
  /**
   * `all`: every word must match (descriptions and index entries). `any`: the relaxed last resort when no
   * entry holds every word — index entries (or, outside ICD-10-CM, descriptions) holding all words but one,
   * scored by how much of the query they cover. (Any single word would be cheap to ask and slow to answer:
   * "pain" alone is in 14,000 index entries.)
   */
  match: 'all' | 'any';
}

/** All but one of the words, every way round: `(a & b) | (a & c) | (b & c)` for three. */
function allButOne(words: string[]): SQL {
  const combos = words.map((_, skip) => words.filter((_, i) => i !== skip).join(' '));
  return sql`(${sql.join(
    combos.map((c) => sql`plainto_tsquery('english', ${c})`),
    sql` || `,
  )})`;
}

function tsqueryOf(plan: WordSearchPlan, match: 'all' | 'any'): SQL {
  if (match === 'any') return allButOne(plan.q.split(' '));
  const one = (text: string) => sql`websearch_to_tsquery('english', ${text})`;
  return plan.alt ? sql`(${one(plan.q)} || ${one(plan.alt)})` : one(plan.q);
}

export const codeSearchRepository = {
  /**
   * Ranked word search: candidates are descriptions holding every word (the RANKED_CANDIDATES with the fewest
   * words) and, for ICD-10-CM, codes whose Alphabetic Index entries hold every word (the INDEX_CANDIDATES best
   * entries). Score = description coverage (Dice over stemmed words, after dropping what ICD-10-CM treats as not
   * changing the meaning) + INDEX_WEIGHT × the best index entry's coverage, then: billable ahead of headers;
   * pregnancy/newborn, injury/poisoning/external-cause and "history of" codes behind unless the words ask for
   * them. Lay words widened by our table score at 0.9. Ties go to the shorter code, then the unspecified one.
   */
  search: (db: DbOrTx, a: RankedSearch) => {
    const { plan } = a;
    const tsq = tsqueryOf(plan, a.match);
    const alex = plan.alt ? sql`tsvector_to_array(to_tsvector('english', ${plan.alt}))` : sql`null::text[]`;
    const useIndex = a.system === 'icd10cm';
    const describedWhere = a.match === 'any' && useIndex ? sql`false` : sql`c.search @@ q.tsq`;
    const indexed = useIndex
      ? sql`select t.code_key, max(greatest(${indexDice(sql`q.qlex`)}, 0.9 * coalesce(${indexDice(sql`q.alex`)}, 0))) as iscore
          from icd10cm_index_terms t, q where t.search @@ q.tsq and t.code_key is not null 
          group by t.code_key order by 2 desc, 1 limit ${INDEX_CANDIDATES}`
      : sql`select null::text as code_key, null::numeric as iscore where false`;
    const demoted = sql`(case when not ${plan.asksMaternal} and w.code_key ~ '^(O|P|Z3[3-9A])' then 0.4 else 1 end)
      * (case when not ${plan.asksInjury} and w.code_key ~ '^[STVWXY]' then 0.4 else 1 end)
      * (case when not ${plan.asksHistory} and (strpos(w.d, 'history of') > 0 or left(w.d, 4) = 'old ') then 0.5 else 1 end)`;
    const order = sql`coalesce(n, 0) > ${RANKED_CANDIDATES}, score desc nulls last, length(code_key), unspec desc, n`;
    const icdOnly = a.system === 'icd10cm';
    return queryRows<CodeRow>(
      db,
      sql`with q as (
        select ${tsq} as tsq, tsvector_to_array(to_tsvector('english', ${plan.q})) as qlex, ${alex} as alex
      ), described as (
        select c.code_key, c.effective_from, c.billable, c.long_description,
          row_number() over (order by c.billable desc, length(c.search), length(c.long_description), c.code_key) as n
        from codes c, q
        where c.system = ${a.system} and ${describedWhere} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      ), indexed as materialized (${indexed}
      ), reached as (
        select c.code_key, c.effective_from, c.billable, c.long_description, i.iscore
        from indexed i join codes c on c.system = ${a.system} and c.code_key = i.code_key
        where ${onDate(a.validOn)} ${billableFilter(a.billable)}
      ), words as materialized (
        select m.*, to_tsvector('english', ${MEANINGFUL_WORDS}) as kv,
          (strpos(m.d, 'unspecified') > 0 or strpos(m.d, 'not specified') > 0) as unspec,
          (case when not ${plan.asksOther} and (' ' || translate(m.d, ',', ' ') || ' ') like '% other %' then 1 else 0 end) as other
        from (
          select code_key, effective_from, coalesce(d.billable, r.billable) as billable,
            lower(coalesce(d.long_description, r.long_description)) as d, d.n, coalesce(r.iscore, 0) as iscore
          from (select * from described where n <= ${RANKED_CANDIDATES}) d full join reached r using (code_key, effective_from)
        ) m
      ), ranked as (
        select w.code_key, w.effective_from, w.n, w.unspec,
          (coalesce(greatest(${descDice(sql`q.qlex`)}, 0.9 * ${descDice(sql`q.alex`)}), 0) + ${INDEX_WEIGHT} * w.iscore)
          * (case when w.billable then 1 else 0.5 end)
          * (case when ${icdOnly} then ${demoted} else 1 end) as score
        from words w, q
        union all
        select d.code_key, d.effective_from, d.n, false, null from described d
        where d.n > ${RANKED_CANDIDATES} and not exists (select 1 from reached r where r.code_key = d.code_key)
      ), page as (
        select * from ranked order by ${order} limit ${a.limit} offset ${a.offset}
      )
      select ${COLUMNS} from page join codes using (code_key, effective_from)
      where codes.system = ${a.system}
      order by ${order}`,
    );
  },

  /**
   * The nearest known word of the system to each asked word (trigram similarity over code_search_words, a few
   * tens of thousands of rows with their own index), or the word itself when it is known. Words with no
   * neighbour are left out.
   */
  nearestWords: async (db: Db, system: string, words: string[]) => {
    if (words.length === 0) return new Map<string, string>();
    const rows = await db.transaction(async (tx) => {
      // A stricter threshold than pg_trgm's 0.3 both rejects far-fetched "corrections" of gibberish and lets the
      // GIN scan drop most candidates before it computes a similarity (transaction-local setting).
      await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_SIMILARITY)}, true)`);
      // A known word is looked up by key; only unknown ones take the trigram scan (CASE evaluates lazily).
      return queryRows<{ asked: string; known: string | null }>(
        tx,
        sql`select w.asked, case
            when exists (select 1 from code_search_words v where v.system = ${system} and v.word = w.asked) then w.asked
            else (select v.word from code_search_words v where v.system = ${system} and v.word % w.asked
                  order by similarity(v.word, w.asked) desc, v.docs desc, v.word limit 1)
          end as known
          from unnest(${sql.param(words)}::text[]) as w(asked)`,
      );
    });
    return new Map(rows.filter((r) => r.known !== null).map((r) => [r.asked, r.known!]));
  },

  /** Whether the system has a word list at all (a database loaded before it existed has none until an import). */
  hasWords: async (db: DbOrTx, system: string) =>
    (await queryRows(db, sql`select 1 from code_search_words where system = ${system} limit 1`)).length > 0,

  /** Typo-tolerant fallback for a system without a word list: nearest descriptions by trigram similarity. */
  searchFuzzy: (db: DbOrTx, a: SearchArgs & { q: string }) =>
    queryRows<CodeRow>(
      db,
      sql`select ${COLUMNS} from codes
      where system = ${a.system} and long_description % ${a.q} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      order by similarity(long_description, ${a.q}) desc, code_key limit ${a.limit} offset ${a.offset}`,
    ),
};
