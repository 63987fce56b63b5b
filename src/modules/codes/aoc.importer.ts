import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { codeReleases } from '../../db/schema/index.js';
import type { AocEditRecord } from '../../domain/codesets/index.js';
import { CodeImportError } from './codes.errors.js';
import type { EditsImportSummary } from './edits.importer.js';

const BATCH = 5_000;
/** How AOC releases are listed in code_releases (the scrubber reads the table only when one is loaded). */
export const AOC_SYSTEM = 'ncci-aoc';

export interface AocImport {
  records: AsyncIterable<AocEditRecord>;
  release: string;
  effective: string;
  fileName: string;
  fileSha256: string;
}

export type AocImportSummary = Omit<EditsImportSummary, 'kind'> & { kind: 'ncci-aoc'; addOnCodes: number };

// Two rows are the same edit when these match (a type 2 row has no primary code); VALUES say what it does.
const SAME = sql`a.add_on_code = s.add_on_code and a.primary_code is not distinct from s.primary_code and a.effective_from = s.effective_from`;
const VALUES = sql`edit_type, deleted_on, add_on_deleted_on, primary_deleted_on, notes`;

/**
 * The AOC file is the whole table, deleted edits included (each row carries its own dates), so a release
 * replaces the loaded one in one transaction. The summary counts rows against what was loaded: new pairs,
 * pairs whose type, dates or notes changed, and rows the new file no longer has (`endDated`).
 */
export function importAocEdits(db: Db, job: AocImport): Promise<AocImportSummary> {
  return db.transaction(async (tx) => {
    const [newer] = await queryRows<{ label: string; effective_from: string }>(
      tx,
      sql`select label, effective_from::text from code_releases where system = ${AOC_SYSTEM} and effective_from > ${job.effective}::date limit 1`,
    );
    if (newer) {
      throw new CodeImportError(
        `A newer add-on code edit release (${newer.label}, effective ${newer.effective_from}) is already loaded; import releases in date order.`,
      );
    }
    await tx.execute(sql`create temp table aoc_staging (like aoc_edits including defaults) on commit drop`);
    let batch: object[] = [];
    let total = 0;
    const seen = new Set<string>();
    const flush = async () => {
      if (!batch.length) return;
      await tx.execute(
        sql`insert into aoc_staging (add_on_code, primary_code, edit_type, effective_from, deleted_on, add_on_deleted_on, primary_deleted_on, notes, release)
            select add_on_code, primary_code, edit_type, effective_from, deleted_on, add_on_deleted_on, primary_deleted_on, notes, release
            from json_populate_recordset(null::aoc_staging, ${JSON.stringify(batch)}::json)`,
      );
      batch = [];
    };
    for await (const r of job.records) {
      const key = `${r.addOnCode}|${r.primaryCode ?? ''}|${r.effectiveFrom}`;
      if (seen.has(key)) {
        throw new CodeImportError(
          `${job.fileName} lists ${r.addOnCode} with ${r.primaryCode ?? 'contractor-defined primaries'} from ${r.effectiveFrom} twice.`,
        );
      }
      seen.add(key);
      batch.push({
        add_on_code: r.addOnCode,
        primary_code: r.primaryCode,
        edit_type: r.editType,
        effective_from: r.effectiveFrom,
        deleted_on: r.deletedOn,
        add_on_deleted_on: r.addOnDeletedOn,
        primary_deleted_on: r.primaryDeletedOn,
        notes: r.notes,
        release: job.release,
      });
      total++;
      if (batch.length === BATCH) await flush();
    }
    await flush();
    if (total === 0) throw new CodeImportError(`${job.fileName} holds no add-on code edits.`);
    const [diff] = await queryRows<{ inserted: number; changed: number; removed: number; add_ons: number }>(
      tx,
      sql`select
        (select count(*)::int from aoc_staging s where not exists (select 1 from aoc_edits a where ${SAME})) as inserted,
        (select count(*)::int from aoc_staging s join aoc_edits a on ${SAME}
          where (a.edit_type, a.deleted_on, a.add_on_deleted_on, a.primary_deleted_on, a.notes)
            is distinct from (s.edit_type, s.deleted_on, s.add_on_deleted_on, s.primary_deleted_on, s.notes)) as changed,
        (select count(*)::int from aoc_edits a where not exists (select 1 from aoc_staging s where ${SAME})) as removed,
        (select count(distinct add_on_code)::int from aoc_staging) as add_ons`,
    );
    await tx.execute(sql`delete from aoc_edits`);
    await tx.execute(
      sql`insert into aoc_edits (add_on_code, primary_code, ${VALUES}, effective_from, release)
          select add_on_code, primary_code, ${VALUES}, effective_from, release from aoc_staging order by id`,
    );
    await tx.execute(sql`analyze aoc_edits`);
    const { inserted, changed, removed, add_ons } = diff!;
    await tx.insert(codeReleases).values({
      system: AOC_SYSTEM,
      label: job.release,
      source: 'cms-ncci',
      effectiveFrom: job.effective,
      fileName: job.fileName,
      fileSha256: job.fileSha256,
      records: total,
      inserted: inserted + changed,
      endDated: removed,
      unchanged: total - inserted - changed,
    });
    return {
      kind: 'ncci-aoc',
      release: job.release,
      records: total,
      inserted,
      changed,
      endDated: removed,
      unchanged: total - inserted - changed,
      addOnCodes: add_ons,
    };
  });
}
