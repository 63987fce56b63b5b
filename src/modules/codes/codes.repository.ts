import { and, asc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { codeReleases, codes, mueLimits, ncciPtpEdits } from '../../db/schema/index.js';
import { MATERNAL_OR_NEWBORN } from '../../domain/code-search.js';

// Every column but the generated `search` tsvector, which only the database reads (and which would double what a
// 1,000-code validation transfers and parses).
const { search: _search, ...codeColumns } = getTableColumns(codes);
export type CodeRow = Omit<typeof codes.$inferSelect, 'search'>;

// Unqualified columns: the ranked search aliases the table (`codes c`), where "codes"."effective_from" is an error.
const onDate = (d: string) =>
  sql`effective_from <= ${d}::date and (effective_to is null or effective_to >= ${d}::date)`;

export interface SearchArgs {
  system: string;
  validOn: string;
  billable?: boolean | undefined;
  limit: number;
  offset: number;
}

/** Candidates of a word search that are scored; the rest follow by description length. */
const RANKED_CANDIDATES = 300;

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

export const codesRepository = {
  /** Every version of the given codes of one system (validation and claim scrubbing look-ups). */
  versionsOf: (db: DbOrTx, system: string, keys: string[]) =>
    keys.length === 0
      ? Promise.resolve([] as CodeRow[])
      : db
          .select(codeColumns)
          .from(codes)
          .where(and(eq(codes.system, system), inArray(codes.codeKey, keys)))
          .orderBy(asc(codes.codeKey), asc(codes.effectiveFrom)),

  /**
   * Versions of many (system, key) pairs at once, as one `code_key = any($keys)` array parameter per system:
   * PostgreSQL plans a row-value list `(system, code_key) in ((…), …)` as one OR branch per pair, which took
   * 220 ms to plan for 1,000 codes, and a list of 1,000 parameters still costs more to bind than one array.
   */
  versionsOfMany: (db: DbOrTx, pairs: { system: string; key: string }[]) => {
    if (pairs.length === 0) return Promise.resolve([] as CodeRow[]);
    const bySystem = new Map<string, string[]>();
    for (const p of pairs) {
      const keys = bySystem.get(p.system);
      if (keys) keys.push(p.key);
      else bySystem.set(p.system, [p.key]);
    }
    const perSystem = [...bySystem].map(([system, keys]) =>
      and(eq(codes.system, system), sql`${codes.codeKey} = any(${sql.param(keys)}::text[])`),
    );
    return db
      .select(codeColumns)
      .from(codes)
      .where(or(...perSystem))
      .orderBy(asc(codes.effectiveFrom));
  },

  /** Codes whose key starts with the prefix: shortest (the category) first, then in code order. */
  searchPrefix: (db: DbOrTx, a: SearchArgs & { prefix: string }) =>
    queryRows<CodeRow>(
      db,
      sql`select ${COLUMNS} from codes
      where system = ${a.system} and code_key like ${`${a.prefix}%`} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      order by length(code_key), code_key limit ${a.limit} offset ${a.offset}`,
    ),

  /**
   * Full-text search over descriptions: every word must match (stemmed, so "hypertensive" finds
   * "hypertension"). The candidates are ranked by how much of the description the query covers (Dice
   * over stemmed words), after dropping what ICD-10-CM itself treats as not changing the meaning: words in
   * parentheses (nonessential modifiers), "unspecified …", "without …", "uncomplicated", "not intractable",
   * "initial encounter". So a bare "asthma" or "cough" finds the unspecified code, "Other …" residual codes
   * rank behind, billable codes ahead of headers, pregnancy and newborn chapters behind unless asked for;
   * ties go to the shorter (more general) code, then the unspecified one.
   * Only the RANKED_CANDIDATES matches with the fewest words are scored (the rest follow in that order),
   * so a one-word query matching 20,000 descriptions stays cheap and paging stays stable.
   */
  searchText: (db: DbOrTx, a: SearchArgs & { q: string; alt: string | null }) => {
    const tsq = a.alt
      ? sql`(websearch_to_tsquery('english', ${a.q}) || websearch_to_tsquery('english', ${a.alt}))`
      : sql`websearch_to_tsquery('english', ${a.q})`;
    const text = a.alt ?? a.q;
    const alex = a.alt ? sql`tsvector_to_array(to_tsvector('english', ${a.alt}))` : sql`null::text[]`;
    const dice = (lex: SQL) =>
      sql`2.0 * (length(w.kv) - length(ts_delete(w.kv, ${lex}))) / nullif(cardinality(${lex}) + length(w.kv) + w.other, 0)`;
    // `matched` is read twice, so PostgreSQL materializes it: the window runs once, over narrow rows (the
    // other columns are read for the one page returned). `words` is materialized so that each candidate's
    // to_tsvector runs once, not once per use in the score.
    const order = sql`n > ${RANKED_CANDIDATES}, score desc nulls last, length(code_key), unspec desc, n`;
    return queryRows<CodeRow>(
      db,
      sql`with q as (
        select ${tsq} as tsq, tsvector_to_array(to_tsvector('english', ${a.q})) as qlex, ${alex} as alex,
          ${text} ~* '\\mother\\M' as asks_other, ${text} ~* ${MATERNAL_OR_NEWBORN} as asks_maternal
      ), matched as (
        select c.code_key, c.effective_from, c.billable, c.long_description,
          row_number() over (order by c.billable desc, length(c.search), length(c.long_description), c.code_key) as n
        from codes c, q
        where c.system = ${a.system} and c.search @@ q.tsq and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      ), words as materialized (
        select m.*, to_tsvector('english', ${MEANINGFUL_WORDS}) as kv,
          (strpos(m.d, 'unspecified') > 0 or strpos(m.d, 'not specified') > 0) as unspec,
          (case when not q.asks_other and (' ' || translate(m.d, ',', ' ') || ' ') like '% other %' then 1 else 0 end) as other
        from (select *, lower(long_description) as d from matched where n <= ${RANKED_CANDIDATES}) m, q
      ), ranked as (
        select w.code_key, w.effective_from, w.n, w.unspec, greatest(${dice(sql`q.qlex`)}, 0.9 * ${dice(sql`q.alex`)})
          * (case when w.billable then 1 else 0.5 end)
          * (case when ${a.system} = 'icd10cm' and not q.asks_maternal and w.code_key ~ '^(O|P|Z3[3-9A])' then 0.4 else 1 end) as score
        from words w, q
        union all
        select m.code_key, m.effective_from, m.n, false, null from matched m where m.n > ${RANKED_CANDIDATES}
      ), page as (
        select * from ranked order by ${order} limit ${a.limit} offset ${a.offset}
      )
      select ${COLUMNS} from page join codes using (code_key, effective_from)
      where codes.system = ${a.system}
      order by ${order}`,
    );
  },

  /** Typo-tolerant fallback when no description holds every word: nearest descriptions by trigram similarity. */
  searchFuzzy: (db: DbOrTx, a: SearchArgs & { q: string }) =>
    queryRows<CodeRow>(
      db,
      sql`select ${COLUMNS} from codes
      where system = ${a.system} and long_description % ${a.q} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      order by similarity(long_description, ${a.q}) desc, code_key limit ${a.limit} offset ${a.offset}`,
    ),

  systemsSummary: (db: DbOrTx, today: string) =>
    queryRows<{ system: string; codes: number; billable: number; active: number }>(
      db,
      sql`
      select system, count(distinct code_key)::int as codes,
        count(distinct code_key) filter (where billable and ${onDate(today)})::int as billable,
        count(distinct code_key) filter (where ${onDate(today)})::int as active
      from codes group by system order by system`,
    ),

  releases: (db: DbOrTx) =>
    db
      .select()
      .from(codeReleases)
      .orderBy(asc(codeReleases.system), asc(codeReleases.effectiveFrom), asc(codeReleases.id)),

  ptpAmong: (db: DbOrTx, keys: string[], dateOfService: string) =>
    db
      .select()
      .from(ncciPtpEdits)
      .where(
        and(
          inArray(ncciPtpEdits.column1, keys),
          inArray(ncciPtpEdits.column2, keys),
          sql`${ncciPtpEdits.effectiveFrom} <= ${dateOfService}::date and (${ncciPtpEdits.deletedOn} is null or ${ncciPtpEdits.deletedOn} > ${dateOfService}::date)`,
        ),
      )
      .orderBy(asc(ncciPtpEdits.column1), asc(ncciPtpEdits.column2)),

  mueOn: async (db: DbOrTx, code: string, dateOfService: string) =>
    (
      await db
        .select()
        .from(mueLimits)
        .where(
          and(
            eq(mueLimits.code, code),
            sql`${mueLimits.effectiveFrom} <= ${dateOfService}::date and (${mueLimits.effectiveTo} is null or ${mueLimits.effectiveTo} >= ${dateOfService}::date)`,
          ),
        )
        .limit(1)
    )[0],
};

function billableFilter(billable: boolean | undefined): SQL {
  return billable === undefined ? sql`` : sql`and billable = ${billable}`;
}
