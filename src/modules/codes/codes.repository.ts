import { and, asc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { codeReleases, codes, mueLimits, ncciPtpEdits } from '../../db/schema/index.js';

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
