import { sql, type SQL } from 'drizzle-orm';

/**
 * Set-based versioning of a staged release against `codes`, for one system and source. `D` is the
 * release's effective date. Each statement returns the rows it touched so the importer can count.
 *   - disappeared: the latest row of a code this source published, still open on D, absent now → end-dated D-1
 *   - changed text/billable: an earlier version is closed at D-1 and a new one opens on D
 *     (a version that already starts on or after D is corrected in place)
 *   - same text, new termination date: the latest row's effective_to is updated in place
 *   - new code: inserted from its own start date, or D
 */
export function versioningStatements(system: string, source: string, release: string, d: string): SQL[] {
  const latest = sql`(select distinct on (code_key) code_key, effective_from, effective_to, short_description, long_description, billable, source
       from codes where system = ${system} order by code_key, effective_from desc)`;
  const sameText = sql`l.short_description = s.short_description and l.long_description = s.long_description and l.billable = s.billable`;
  return [
    sql`with l as ${latest}
        update codes c set effective_to = ${d}::date - 1
        from l where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
          and l.source = ${source} and l.effective_from < ${d}::date and (l.effective_to is null or l.effective_to >= ${d}::date)
          and not exists (select 1 from code_staging s where s.code_key = l.code_key)
        returning 'end_dated' as kind`,
    sql`with l as ${latest}
        update codes c set effective_to = s.effective_to, release = ${release}, source = ${source}
        from l join code_staging s using (code_key)
        where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
          and ${sameText} and l.effective_to is distinct from s.effective_to
        returning 'retimed' as kind`,
    sql`with l as ${latest}
        update codes c set short_description = s.short_description, long_description = s.long_description, billable = s.billable,
          effective_to = s.effective_to, release = ${release}, source = ${source}, attributes = s.attributes, code = s.code
        from l join code_staging s using (code_key)
        where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
          and not (${sameText}) and l.effective_from >= greatest(coalesce(s.effective_from, ${d}::date), ${d}::date)
        returning 'corrected' as kind`,
    sql`with l as ${latest}, closed as (
          update codes c set effective_to = greatest(coalesce(s.effective_from, ${d}::date), ${d}::date) - 1
          from l join code_staging s using (code_key)
          where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
            and not (${sameText}) and l.effective_from < greatest(coalesce(s.effective_from, ${d}::date), ${d}::date)
          returning c.code_key)
        insert into codes (system, code_key, code, short_description, long_description, billable, effective_from, effective_to, release, source, attributes)
        select ${system}, s.code_key, s.code, s.short_description, s.long_description, s.billable,
               greatest(coalesce(s.effective_from, ${d}::date), ${d}::date), s.effective_to, ${release}, ${source}, s.attributes
        from code_staging s join closed using (code_key)
        on conflict (system, code_key, effective_from) do nothing
        returning 'versioned' as kind`,
    sql`insert into codes (system, code_key, code, short_description, long_description, billable, effective_from, effective_to, release, source, attributes)
        select ${system}, s.code_key, s.code, s.short_description, s.long_description, s.billable,
               coalesce(s.effective_from, ${d}::date), s.effective_to, ${release}, ${source}, s.attributes
        from code_staging s
        where not exists (select 1 from codes c where c.system = ${system} and c.code_key = s.code_key)
        returning 'inserted' as kind`,
  ];
}

export const STAGING_DDL = sql`create temp table code_staging (
  code_key text primary key, code text not null, short_description text not null, long_description text not null,
  billable boolean not null, effective_from date, effective_to date, attributes jsonb not null
) on commit drop`;
