import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { codeReleases, codes, mueLimits, ncciPtpEdits } from '../../db/schema/index.js';
import { MATERNAL_OR_NEWBORN } from '../../domain/code-search.js';

export type CodeRow = typeof codes.$inferSelect;

// Unqualified columns: the ranked search aliases the table (`codes c`), where "codes"."effective_from" is an error.
const onDate = (d: string) => sql`effective_from <= ${d}::date and (effective_to is null or effective_to >= ${d}::date)`;

export interface SearchArgs {
  system: string;
  validOn: string;
  billable?: boolean | undefined;
  limit: number;
  offset: number;
}

const COLUMNS = sql`system, code_key as "codeKey", code, short_description as "shortDescription", long_description as "longDescription",
  billable, effective_from::text as "effectiveFrom", effective_to::text as "effectiveTo", release, source, attributes`;

export const codesRepository = {
  /** Every version of the given codes of one system (validation and claim scrubbing look-ups). */
  versionsOf: (db: DbOrTx, system: string, keys: string[]) =>
    keys.length === 0
      ? Promise.resolve([] as CodeRow[])
      : db.select().from(codes).where(and(eq(codes.system, system), inArray(codes.codeKey, keys))).orderBy(asc(codes.codeKey), asc(codes.effectiveFrom)),

  /** Versions of many (system, key) pairs at once. */
  versionsOfMany: (db: DbOrTx, pairs: { system: string; key: string }[]) => {
    if (pairs.length === 0) return Promise.resolve([] as CodeRow[]);
    const tuples = sql.join(pairs.map((p) => sql`(${p.system}, ${p.key})`), sql`, `);
    return db.select().from(codes).where(sql`(${codes.system}, ${codes.codeKey}) in (${tuples})`).orderBy(asc(codes.effectiveFrom));
  },

  /** Codes whose key starts with the prefix: shortest (the category) first, then in code order. */
  searchPrefix: (db: DbOrTx, a: SearchArgs & { prefix: string }) =>
    queryRows<CodeRow>(db, sql`select ${COLUMNS} from codes
      where system = ${a.system} and code_key like ${`${a.prefix}%`} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      order by length(code_key), code_key limit ${a.limit} offset ${a.offset}`),

  /**
   * Full-text search over descriptions (all words must match; stems, so "hypertensive" finds
   * "hypertension"), ranked by: length-normalised text rank plus trigram closeness of the whole
   * description to the query; billable codes ahead of headers; pregnancy and newborn chapters and
   * "Other …" residual codes behind, unless the query asks for them.
   */
  searchText: (db: DbOrTx, a: SearchArgs & { q: string; alt: string | null }) => {
    const tsq = a.alt
      ? sql`(websearch_to_tsquery('english', ${a.q}) || websearch_to_tsquery('english', ${a.alt}))`
      : sql`websearch_to_tsquery('english', ${a.q})`;
    const text = a.alt ?? a.q;
    return queryRows<CodeRow>(db, sql`select ${COLUMNS} from (
        select c.*, (ts_rank_cd(c.search, q.tsq, 2) + 0.3 * similarity(lower(c.long_description), lower(${text})))
          * (case when c.billable then 2 else 1 end)
          * (case when c.system = 'icd10cm' and c.code_key ~ '^(O|P|Z3[3-9A])' and ${text} !~* ${MATERNAL_OR_NEWBORN} then 0.4 else 1 end)
          * (case when c.long_description ~* '^other ' and ${text} !~* '\\mother\\M' then 0.7 else 1 end) as score
        from codes c, (select ${tsq} as tsq) q
        where c.system = ${a.system} and c.search @@ q.tsq and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      ) ranked order by score desc, length(long_description), code_key limit ${a.limit} offset ${a.offset}`);
  },

  /** Typo-tolerant fallback when no description holds every word: nearest descriptions by trigram similarity. */
  searchFuzzy: (db: DbOrTx, a: SearchArgs & { q: string }) =>
    queryRows<CodeRow>(db, sql`select ${COLUMNS} from codes
      where system = ${a.system} and long_description % ${a.q} and ${onDate(a.validOn)} ${billableFilter(a.billable)}
      order by similarity(long_description, ${a.q}) desc, code_key limit ${a.limit} offset ${a.offset}`),

  systemsSummary: (db: DbOrTx, today: string) =>
    queryRows<{ system: string; codes: number; billable: number; active: number }>(db, sql`
      select system, count(distinct code_key)::int as codes,
        count(distinct code_key) filter (where billable and ${onDate(today)})::int as billable,
        count(distinct code_key) filter (where ${onDate(today)})::int as active
      from codes group by system order by system`),

  releases: (db: DbOrTx) => db.select().from(codeReleases).orderBy(asc(codeReleases.system), asc(codeReleases.effectiveFrom), asc(codeReleases.id)),

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

  /** All PTP rows among the codes, any date (the scrubber checks dates per line). */
  ptpCandidates: (db: DbOrTx, keys: string[]) =>
    keys.length < 2 ? Promise.resolve([]) : db.select().from(ncciPtpEdits).where(and(inArray(ncciPtpEdits.column1, keys), inArray(ncciPtpEdits.column2, keys))),

  mueOn: async (db: DbOrTx, code: string, dateOfService: string) =>
    (
      await db
        .select()
        .from(mueLimits)
        .where(and(eq(mueLimits.code, code), sql`${mueLimits.effectiveFrom} <= ${dateOfService}::date and (${mueLimits.effectiveTo} is null or ${mueLimits.effectiveTo} >= ${dateOfService}::date)`))
        .limit(1)
    )[0],

  mueFor: (db: DbOrTx, keys: string[], dateOfService: string) =>
    keys.length === 0
      ? Promise.resolve([])
      : db
          .select()
          .from(mueLimits)
          .where(and(inArray(mueLimits.code, keys), sql`${mueLimits.effectiveFrom} <= ${dateOfService}::date and (${mueLimits.effectiveTo} is null or ${mueLimits.effectiveTo} >= ${dateOfService}::date)`)),
};

function billableFilter(billable: boolean | undefined): SQL {
  return billable === undefined ? sql`` : sql`and billable = ${billable}`;
}
