import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx, type Tx } from '../../db/client.js';
import { codeReleases } from '../../db/schema/index.js';
import { LAY_WORDS } from '../../domain/code-search.js';
import { CODE_SYSTEMS } from '../../domain/codesets/index.js';
import { type IndexEntry, parseIcd10cmIndex } from '../../domain/codesets/icd10cm-index.parser.js';
import { indexSearchTerms } from '../../domain/codesets/icd10cm-index.terms.js';
import { CodeImportError } from './codes.errors.js';

const BATCH = 5_000;

/** Versions in force on the newest release's first day (a release may carry its own end date, so not `is null`). */
const IN_LATEST_RELEASE = (system: string) =>
  sql`(effective_to is null or effective_to >= (select max(effective_from) from codes where system = ${system}))`;

export interface IndexImportSummary {
  system: 'icd10cm-index';
  release: string;
  fileName: string;
  /** Entries read from the file (main terms and subterms). */
  entries: number;
  /** Searchable rows stored: entries with a code, plus codes reached through see-references. */
  terms: number;
  /** Of those, rows reached through a see or see-also reference. */
  viaReferences: number;
  /** References to tables or generic targets ("see condition") that lead to no entry. */
  unresolvedReferences: number;
  /** Rows whose code maps onto a code of the loaded ICD-10-CM release. */
  mapped: number;
}

/**
 * Maps every index entry's code onto the loaded ICD-10-CM release: the code itself when it is billable, else its
 * most general billable code (an initial encounter before subsequent ones and sequelae, an unspecified one before
 * specified ones, the shortest). So an index code that needs more characters (`S72.0-`) or that a later release
 * split (`R05` → `R05.1`…`R05.9`) still reaches a code a claim can carry. Set-based: every current code's
 * prefixes are joined to the index codes, rather than a prefix search per index code.
 */
export async function mapIndexTermsOntoRelease(db: DbOrTx): Promise<number> {
  await db.execute(sql`update icd10cm_index_terms set code_key = null where code_key is not null`);
  const [row] = await queryRows<{ mapped: number }>(
    db,
    sql`with keys as (select distinct replace(index_code, '.', '') as k from icd10cm_index_terms),
      current as (
        select code_key, long_description as d from codes
        where system = 'icd10cm' and billable and ${IN_LATEST_RELEASE('icd10cm')}
      ), prefixes as (
        select left(c.code_key, n) as k, c.code_key, c.d from current c, generate_series(3, length(c.code_key)) as n
      ), best as (
        select distinct on (k.k) k.k, p.code_key
        from keys k join prefixes p on p.k = k.k
        order by k.k, p.code_key = k.k desc,
          (strpos(p.d, 'subsequent encounter') > 0 or strpos(p.d, 'sequela') > 0),
          strpos(lower(p.d), 'unspecified') = 0, length(p.code_key), p.code_key
      ), updated as (
        update icd10cm_index_terms t set code_key = b.code_key from best b
        where replace(t.index_code, '.', '') = b.k returning 1
      )
      select count(*)::int as mapped from updated`,
  );
  return row?.mapped ?? 0;
}

/**
 * Rebuilds one system's word list for typo correction: the words of its descriptions (and, for ICD-10-CM, of
 * the Alphabetic Index and our lay phrases), each with the number of descriptions or entries holding it.
 */
export async function refreshSearchWords(db: DbOrTx, system: string): Promise<void> {
  await db.execute(sql`delete from code_search_words where system = ${system}`);
  const index =
    system === 'icd10cm'
      ? sql`union all select distinct id::text, regexp_split_to_table(lower(words || ' ' || modifiers), '[^a-z]+')
          from icd10cm_index_terms
          union all select w, w from unnest(${sql.param([...LAY_WORDS])}::text[]) as l(w)`
      : sql``;
  await db.execute(sql`insert into code_search_words (system, word, docs)
    select ${system}, word, count(*)::int from (
      select distinct code_key as doc, regexp_split_to_table(lower(long_description), '[^a-z]+') as word
      from codes where system = ${system} and ${IN_LATEST_RELEASE(system)}
      ${index}
    ) as w(doc, word)
    where length(word) >= 3
    group by word`);
}

async function stage(tx: Tx, rows: object[]) {
  await tx.execute(sql`insert into icd10cm_index_terms (id, term, words, modifiers, index_code, partial, via, release)
    select id, term, words, modifiers, index_code, partial, via, release
    from json_populate_recordset(null::icd10cm_index_terms, ${JSON.stringify(rows)}::json)`);
}

/**
 * Replaces the Alphabetic Index search terms in one transaction (the index is not versioned by date: the newest
 * one read is the one searched), maps them onto the loaded release and rebuilds the ICD-10-CM word list.
 */
export async function importIcd10cmIndex(
  db: Db,
  job: {
    entries: AsyncIterable<IndexEntry>;
    release: string;
    /** The fiscal year the index was published for (its start), recorded with the release. */
    effective: string;
    fileName: string;
    fileSha256: string;
  },
): Promise<IndexImportSummary> {
  const entries: IndexEntry[] = [];
  for await (const e of job.entries) entries.push(e);
  const { terms, unresolved } = indexSearchTerms(entries);
  if (terms.length === 0) throw new CodeImportError(`${job.fileName} holds no index entries with codes.`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from icd10cm_index_terms`);
    for (let i = 0; i < terms.length; i += BATCH) {
      await stage(
        tx,
        terms.slice(i, i + BATCH).map((t, j) => ({
          id: i + j + 1,
          term: t.term,
          words: t.words,
          modifiers: t.modifiers,
          index_code: t.code,
          partial: t.partial,
          via: t.via,
          release: job.release,
        })),
      );
    }
    const mapped = await mapIndexTermsOntoRelease(tx);
    await refreshSearchWords(tx, 'icd10cm');
    await tx.execute(sql`analyze icd10cm_index_terms`);
    await tx.execute(sql`analyze code_search_words`);
    const viaReferences = terms.filter((t) => t.via !== null).length;
    // Recorded beside the code releases under a system of its own: it adds no codes and versions none.
    await tx.insert(codeReleases).values({
      system: 'icd10cm-index',
      label: job.release,
      source: 'cdc-icd10cm-index',
      effectiveFrom: job.effective,
      fileName: job.fileName,
      fileSha256: job.fileSha256,
      records: terms.length,
      inserted: terms.length,
      endDated: 0,
      unchanged: 0,
    });
    return {
      system: 'icd10cm-index' as const,
      release: job.release,
      fileName: job.fileName,
      entries: entries.length,
      terms: terms.length,
      viaReferences,
      unresolvedReferences: unresolved,
      mapped,
    };
  });
}

/** After any import: the system's word list, and for ICD-10-CM the index entries mapped onto the new release. */
export async function refreshSearchAids(db: Db, system: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (system === 'icd10cm') await mapIndexTermsOntoRelease(tx);
    await refreshSearchWords(tx, system);
  });
}

/**
 * After a bulk import: merges the GIN indexes' pending lists into the indexes themselves. Rows inserted in bulk
 * wait in a pending list (GIN fastupdate) that every search reads linearly until autovacuum merges it; right after
 * an ICD-10-CM and Alphabetic Index import that made word searches 5–10× slower (10–17 ms per index scan that
 * takes 0.1 ms merged).
 */
export async function flushSearchIndexes(db: DbOrTx): Promise<boolean> {
  try {
    await db.execute(sql`select gin_clean_pending_list(i.indexrelid)
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
      where a.amname = 'gin' and i.indrelid in ('codes'::regclass, 'icd10cm_index_terms'::regclass,
        'code_search_words'::regclass)`);
    return true;
  } catch {
    // Best effort, after the import committed: a role that does not own the indexes may not merge them, and
    // autovacuum will. The import itself succeeded.
    return false;
  }
}

/** The system whose search aids an import target changes, if any (the index import refreshes its own). */
export function searchAidsSystemOf(target: string): string | null {
  if (target === 'icd10cm-addenda') return 'icd10cm';
  return (CODE_SYSTEMS as readonly string[]).includes(target) ? target : null;
}

/** `codes:import icd10cm-index <file>`: the fiscal year from the name (`icd10cm_index_2017.xml` → 2016-10-01). */
export async function importIndexFile(
  db: Db,
  opts: { filePath: string; effective?: string; release?: string },
): Promise<IndexImportSummary> {
  const fileName = path.basename(opts.filePath);
  const year = /icd10cm_index_(\d{4})/i.exec(fileName)?.[1];
  const effective = opts.effective ?? (year ? `${Number(year) - 1}-10-01` : null);
  if (!effective) throw new CodeImportError(`Cannot tell the fiscal year of ${fileName}; pass --effective YYYY-MM-DD.`);
  return importIcd10cmIndex(db, {
    entries: parseIcd10cmIndex(createReadStream(opts.filePath)),
    release: opts.release ?? `ICD-10-CM Index FY${year ?? effective.slice(0, 4)}`,
    effective,
    fileName,
    fileSha256: createHash('sha256').update(readFileSync(opts.filePath)).digest('hex'),
  });
}
