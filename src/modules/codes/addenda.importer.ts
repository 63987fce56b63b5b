import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import {
  AddendaMismatch,
  applyIcdAddenda,
  type CodeRecord,
  type IcdAddenda,
  type OrderFileCounts,
} from '../../domain/codesets/index.js';
import { CodeImportError } from './codes.errors.js';
import { importCodesIn, type ImportSummary } from './codes.importer.js';

export interface AddendaImportSummary extends ImportSummary {
  /** The release the addenda were applied to. */
  base: string;
  addenda: { added: number; deleted: number; revised: number };
}

export interface AddendaImport {
  addenda: IcdAddenda;
  effective: string;
  effectiveTo: string | null;
  release: string;
  fileName: string;
  fileSha256: string;
}

const SOURCE = 'cms-icd10cm';

function checkCounts(expected: OrderFileCounts | null, rows: readonly CodeRecord[], what: string) {
  if (!expected) return;
  const codes = rows.filter((r) => r.billable).length;
  const headers = rows.length - codes;
  if (codes !== expected.codes || headers !== expected.headers) {
    throw new CodeImportError(
      `${what} holds ${codes} billable codes and ${headers} headers; the addenda summary says ${expected.fileName} has ${expected.codes} and ${expected.headers}.`,
    );
  }
}

/**
 * Imports a year's ICD-10-CM order-file addenda as that year's release: the release in force the day before
 * is read back, the addenda applied to it (each deleted or retitled row must match it exactly), and the full
 * list imported exactly as the new order file would be: deleted codes end the day before, codes turned into
 * headers and retitled codes get a new version, added codes start on the effective date. One transaction.
 * The summary's totals, when the file has them, are checked before (the loaded release) and after (the result).
 */
export function importIcdAddenda(db: Db, job: AddendaImport): Promise<AddendaImportSummary> {
  return db.transaction(async (tx) => {
    const [base] = await queryRows<{ label: string }>(
      tx,
      sql`select label from code_releases where system = 'icd10cm' and source = ${SOURCE}
          and effective_from < ${job.effective}::date order by effective_from desc, id desc limit 1`,
    );
    if (!base) {
      throw new CodeImportError(
        `No ICD-10-CM release before ${job.effective} is loaded: ${job.fileName} updates ${job.addenda.base?.fileName ?? "the previous year's order file"}; import that first.`,
      );
    }
    // The release in force the day before, as loaded (its codes, texts and attributes).
    const rows = await queryRows<CodeRecord>(
      tx,
      sql`select 'icd10cm' as system, code, short_description as "shortDescription", long_description as "longDescription",
            billable, null as "effectiveFrom", null as "effectiveTo", attributes
          from codes where system = 'icd10cm' and source = ${SOURCE}
            and effective_from < ${job.effective}::date and (effective_to is null or effective_to >= ${job.effective}::date - 1)
          order by code_key`,
    );
    checkCounts(job.addenda.base, rows, `The loaded ICD-10-CM release (${base.label})`);
    let full: CodeRecord[];
    try {
      full = applyIcdAddenda(rows, job.addenda);
    } catch (error) {
      if (!(error instanceof AddendaMismatch)) throw error;
      throw new CodeImportError(
        `${job.fileName} line ${error.line}: ${error.message}; these addenda do not update the loaded release (${base.label}).`,
      );
    }
    checkCounts(job.addenda.target, full, `${job.fileName} applied to ${base.label}`);
    const summary = await importCodesIn(tx, {
      system: 'icd10cm',
      records: full,
      effective: job.effective,
      effectiveTo: job.effectiveTo,
      release: job.release,
      source: SOURCE,
      fileName: job.fileName,
      fileSha256: job.fileSha256,
    });
    const count = (action: string) => job.addenda.changes.filter((c) => c.action === action).length;
    return {
      ...summary,
      base: base.label,
      addenda: { added: count('add'), deleted: count('delete'), revised: count('revise') },
    };
  });
}
