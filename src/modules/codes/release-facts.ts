import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AddOnEdit, CodeReplacement, CodeSetEnd } from '../../domain/scrub/index.js';
import { AOC_SYSTEM } from './aoc.importer.js';

/**
 * What the scrubber learns from the releases loaded, beyond where they start (code-coverage.ts): where each
 * code set ends, what replaced the codes a release deleted or turned into headers, and the CMS add-on code edits.
 */

const LABELS: Record<string, string> = {
  icd10cm: 'ICD-10-CM',
  cpt: 'CPT',
  hcpcs: 'HCPCS',
  modifier: 'modifier',
  pos: 'place-of-service',
};
/** How many replacement codes a hint names; the total is given too. */
const NAMED_REPLACEMENTS = 8;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The release that follows one ending on `end`: ICD-10-CM fiscal years are named by the year they end in. */
export function nextReleaseName(system: string, end: string): string {
  const start = nextDay(end);
  if (system === 'icd10cm' && end.endsWith('-09-30'))
    return `ICD-10-CM FY${Number(end.slice(0, 4)) + 1} (effective ${start})`;
  return `the ${LABELS[system] ?? system} release effective ${start}`;
}

/** The end of each system's latest official release, where that release has one. */
export async function readCodeSetEnds(db: DbOrTx, systems: readonly string[]): Promise<Record<string, CodeSetEnd>> {
  const rows = await queryRows<{ system: string; end: string | null }>(
    db,
    sql`select distinct on (system) system, effective_to::text as end from code_releases
        where source <> 'starter' and system = any(${sql.param([...systems])}::text[])
        order by system, effective_from desc, id desc`,
  );
  const out: Record<string, CodeSetEnd> = {};
  for (const r of rows) if (r.end) out[r.system] = { end: r.end, next: nextReleaseName(r.system, r.end) };
  return out;
}

/**
 * For each ICD-10-CM code an official release deleted or turned into a header (its version ended the day before
 * the release and no billable version starts that day), the billable codes valid from that day under the code
 * or, for a deletion, under its nearest ancestor still there. Derived from the stored versions, so it holds for
 * releases loaded from full order files, from addenda, or before this existed.
 */
export async function readCodeReplacements(db: DbOrTx): Promise<Map<string, CodeReplacement[]>> {
  const validOn = (alias: string, date: string) =>
    sql.raw(
      `${alias}.effective_from <= ${date} and (${alias}.effective_to is null or ${alias}.effective_to >= ${date})`,
    );
  const rows = await queryRows<{
    code_key: string;
    from: string;
    under: string;
    codes: string[] | null;
    total: number;
  }>(
    db,
    sql`with releases as (
          select distinct effective_from as d from code_releases where system = 'icd10cm' and source <> 'starter'
        ), gone as (
          select p.code_key, r.d from releases r
          join codes p on p.system = 'icd10cm' and p.effective_to = r.d - 1
          where not exists (select 1 from codes n where n.system = 'icd10cm' and n.code_key = p.code_key and n.effective_from = r.d and n.billable)
        )
        select g.code_key, g.d::text as "from", a.code as under, ch.codes, ch.total
        from gone g
        cross join lateral (
          select c.code_key, c.code from codes c
          where c.system = 'icd10cm' and c.code_key in (select left(g.code_key, n) from generate_series(3, length(g.code_key)) n)
            and ${validOn('c', 'g.d')}
          order by length(c.code_key) desc limit 1
        ) a
        cross join lateral (
          select (array_agg(c.code order by c.code_key))[1:${NAMED_REPLACEMENTS}] as codes, count(*)::int as total
          from codes c
          where c.system = 'icd10cm' and c.billable and c.code_key ~>=~ a.code_key and c.code_key ~<~ (a.code_key || '~')
            and c.code_key <> a.code_key and ${validOn('c', 'g.d')}
        ) ch
        order by g.code_key, g.d`,
  );
  const out = new Map<string, CodeReplacement[]>();
  for (const r of rows) {
    if (!r.codes || r.total === 0) continue;
    const list = out.get(r.code_key) ?? [];
    list.push({ from: r.from, under: r.under, codes: r.codes, total: r.total });
    out.set(r.code_key, list);
  }
  return out;
}

/** The CMS add-on code edits by add-on code, or null when no AOC release is loaded (the curated list applies). */
export async function readAddOnEdits(db: DbOrTx): Promise<Map<string, AddOnEdit[]> | null> {
  const [loaded] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from code_releases where system = ${AOC_SYSTEM}`,
  );
  if (!loaded?.n) return null;
  const rows = await queryRows<AddOnEdit & { addOnCode: string }>(
    db,
    sql`select add_on_code as "addOnCode", edit_type as "editType", primary_code as "primaryCode",
          effective_from::text as "effectiveFrom",
          least(deleted_on, add_on_deleted_on, primary_deleted_on)::text as "effectiveTo"
        from aoc_edits order by add_on_code, id`,
  );
  const out = new Map<string, AddOnEdit[]>();
  for (const { addOnCode, ...edit } of rows) {
    const list = out.get(addOnCode) ?? [];
    list.push(edit);
    out.set(addOnCode, list);
  }
  return out;
}
