import { sql, type SQL } from 'drizzle-orm';

/**
 * Set-based versioning of a staged release against `codes`, for one system and source. `D` is the
 * release's effective date. Each statement returns the rows it touched so the importer can count.
 *   - disappeared: the latest row of a code this source published, still open on D, absent now → end-dated D-1
 *   - changed text/billable: an earlier version is closed at D-1 and a new one opens on D
 *     (a version that already starts on or after D is corrected in place)
 *   - same text, new termination date: the latest row's effective_to is updated in place
 *   - same text, published until now by another source (the starter set): the row is adopted by this
 *     source, so a later release of this source end-dates it when it drops the code
 *   - a code deleted by an earlier release and listed again: a new version opens on D; the gap stays
 *   - new code: inserted from its own start date, or D
 */
export function versioningStatements(system: string, source: string, release: string, d: string): SQL[] {
  const latest = sql`(select distinct on (code_key) code_key, effective_from, effective_to, short_description, long_description, billable, source
       from codes where system = ${system} order by code_key, effective_from desc)`;
  const sameText = sql`l.short_description = s.short_description and l.long_description = s.long_description and l.billable = s.billable`;
  // Its last version ended before D-1 (an earlier release deleted it) and this release lists it as live.
  const reinstated = sql`(l.effective_to is not null and l.effective_to < ${d}::date - 1 and (s.effective_to is null or s.effective_to >= ${d}::date))`;
  const start = sql`greatest(coalesce(s.effective_from, ${d}::date), ${d}::date)`;
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
          and ${sameText} and l.effective_to is distinct from s.effective_to and not ${reinstated}
        returning 'retimed' as kind`,
    // The row keeps its dates; it starts earlier only when this release dates the code earlier and no older version exists.
    sql`with l as ${latest}
        update codes c set release = ${release}, source = ${source}, attributes = s.attributes,
          effective_from = case when exists (select 1 from codes e where e.system = ${system} and e.code_key = l.code_key and e.effective_from < l.effective_from)
            then c.effective_from else least(c.effective_from, coalesce(s.effective_from, ${d}::date)) end
        from l join code_staging s using (code_key)
        where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
          and ${sameText} and l.effective_to is not distinct from s.effective_to and l.source <> ${source}
        returning 'adopted' as kind`,
    sql`with l as ${latest}
        update codes c set short_description = s.short_description, long_description = s.long_description, billable = s.billable,
          effective_to = s.effective_to, release = ${release}, source = ${source}, attributes = s.attributes, code = s.code
        from l join code_staging s using (code_key)
        where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
          and not (${sameText}) and l.effective_from >= ${start}
        returning 'corrected' as kind`,
    sql`with l as ${latest}, closed as (
          -- least(): a deleted code's last version keeps its end date (least ignores a null one)
          update codes c set effective_to = least(c.effective_to, ${start} - 1)
          from l join code_staging s using (code_key)
          where c.system = ${system} and c.code_key = l.code_key and c.effective_from = l.effective_from
            and (not (${sameText}) or ${reinstated}) and l.effective_from < ${start}
          returning c.code_key)
        insert into codes (system, code_key, code, short_description, long_description, billable, effective_from, effective_to, release, source, attributes)
        select ${system}, s.code_key, s.code, s.short_description, s.long_description, s.billable,
               ${start}, s.effective_to, ${release}, ${source}, s.attributes
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
