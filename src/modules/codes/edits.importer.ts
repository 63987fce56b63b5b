import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import type { MueRecord, PtpEditRecord } from '../../domain/codesets/index.js';
import { CodeImportError } from './codes.errors.js';

const BATCH = 5_000;

export interface EditsImportSummary {
  kind: 'ncci-ptp' | 'mue';
  release: string;
  records: number;
  inserted: number;
  changed: number;
  endDated: number;
  unchanged: number;
}

/**
 * NCCI PTP files carry each edit's own effective and deletion dates (deleted edits stay in the file),
 * so a release is an upsert keyed by (column 1, column 2, effective date).
 */
export async function importPtpEdits(
  db: Db,
  records: AsyncIterable<PtpEditRecord>,
  release: string,
  onProgress?: (n: number) => void,
): Promise<EditsImportSummary> {
  return db.transaction(async (tx) => {
    let batch: PtpEditRecord[] = [];
    let total = 0;
    let inserted = 0;
    let changed = 0;
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch.map((r) => ({
        column1: r.column1,
        column2: r.column2,
        effective_from: r.effectiveFrom,
        deleted_on: r.deletedOn,
        modifier_indicator: r.modifierIndicator,
        rationale: r.rationale,
        before1996: r.priorTo1996,
        release,
      }));
      const res = await queryRows<{ inserted: boolean }>(
        tx,
        sql`
        insert into ncci_ptp_edits (column1, column2, effective_from, deleted_on, modifier_indicator, rationale, before1996, release)
        select column1, column2, effective_from, deleted_on, modifier_indicator, rationale, before1996, release
        from json_populate_recordset(null::ncci_ptp_edits, ${JSON.stringify(rows)}::json)
        on conflict (column1, column2, effective_from) do update set
          deleted_on = excluded.deleted_on, modifier_indicator = excluded.modifier_indicator, rationale = excluded.rationale, release = excluded.release
        where (ncci_ptp_edits.deleted_on, ncci_ptp_edits.modifier_indicator, ncci_ptp_edits.rationale)
          is distinct from (excluded.deleted_on, excluded.modifier_indicator, excluded.rationale)
        returning (xmax = 0) as inserted`,
      );
      for (const r of res)
        if (r.inserted) inserted++;
        else changed++;
      batch = [];
      onProgress?.(total);
    };
    for await (const r of records) {
      batch.push(r);
      total++;
      if (batch.length === BATCH) await flush();
    }
    await flush();
    if (total === 0) throw new CodeImportError('The PTP file holds no edits.');
    await tx.execute(sql`analyze ncci_ptp_edits`); // fresh planner statistics after a bulk load
    return {
      kind: 'ncci-ptp',
      release,
      records: total,
      inserted,
      changed,
      endDated: 0,
      unchanged: total - inserted - changed,
    };
  });
}

/**
 * MUE files carry no dates: a release is versioned by its effective date like code lists — a changed
 * limit closes the old row the day before, a code that disappeared is end-dated.
 */
export async function importMue(
  db: Db,
  records: AsyncIterable<MueRecord>,
  release: string,
  effective: string,
): Promise<EditsImportSummary> {
  return db.transaction(async (tx) => {
    // An older file loaded after a newer one would reopen limits the newer one ended (like code releases).
    const [newer] = await queryRows<{ effective_from: string }>(
      tx,
      sql`select max(effective_from)::text as effective_from from mue_limits having max(effective_from) > ${effective}::date`,
    );
    if (newer)
      throw new CodeImportError(
        `A newer MUE release (effective ${newer.effective_from}) is already loaded; import releases in date order.`,
      );
    await tx.execute(
      sql`create temp table mue_staging (code text primary key, max_units int, adjudication_indicator int, adjudication_text text, rationale text) on commit drop`,
    );
    let batch: object[] = [];
    let total = 0;
    const flush = async () => {
      if (!batch.length) return;
      await tx.execute(
        sql`insert into mue_staging select * from json_populate_recordset(null::mue_staging, ${JSON.stringify(batch)}::json)`,
      );
      batch = [];
    };
    for await (const r of records) {
      batch.push({
        code: r.code,
        max_units: r.maxUnits,
        adjudication_indicator: r.adjudicationIndicator,
        adjudication_text: r.adjudicationText,
        rationale: r.rationale,
      });
      total++;
      if (batch.length === BATCH) await flush();
    }
    await flush();
    if (total === 0) throw new CodeImportError('The MUE file holds no rows.');
    const open = sql`m.effective_to is null and m.effective_from < ${effective}::date`;
    const differs = sql`(m.max_units, m.adjudication_indicator, m.rationale) is distinct from (s.max_units, s.adjudication_indicator, s.rationale)`;
    const ended = await queryRows<{ code: string }>(
      tx,
      sql`update mue_limits m set effective_to = ${effective}::date - 1 where ${open}
      and not exists (select 1 from mue_staging s where s.code = m.code) returning m.code`,
    );
    const closed = await queryRows<{ code: string }>(
      tx,
      sql`update mue_limits m set effective_to = ${effective}::date - 1 from mue_staging s
      where s.code = m.code and ${open} and ${differs} returning m.code`,
    );
    const added = await queryRows<{ code: string }>(
      tx,
      sql`insert into mue_limits (code, max_units, adjudication_indicator, adjudication_text, rationale, effective_from, release)
      select s.code, s.max_units, s.adjudication_indicator, s.adjudication_text, s.rationale, ${effective}::date, ${release} from mue_staging s
      where not exists (select 1 from mue_limits m where m.code = s.code and (m.effective_to is null or m.effective_to >= ${effective}::date))
      on conflict (code, effective_from) do update set max_units = excluded.max_units, adjudication_indicator = excluded.adjudication_indicator,
        adjudication_text = excluded.adjudication_text, rationale = excluded.rationale, release = excluded.release
      returning code`,
    );
    await tx.execute(sql`analyze mue_limits`); // fresh planner statistics after a bulk load
    const changed = closed.length;
    return {
      kind: 'mue',
      release,
      records: total,
      inserted: added.length - changed,
      changed,
      endDated: ended.length,
      unchanged: total - added.length,
    };
  });
}
