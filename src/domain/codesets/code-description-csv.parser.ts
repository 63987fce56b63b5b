import { cell, columnIndex, readCsv } from './csv.js';
import type { CsvRow } from './csv.js';
import { displayCode } from './code-format.js';
import { collapseSpaces, shortenDescription } from './fields.js';
import { CodeFileError } from './types.js';
import type { CodeRecord, CodeSystem } from './types.js';

/** Short descriptions cut from a single published description stay within this many characters. */
export const SHORT_DESCRIPTION_MAX = 60;

export interface CodeDescriptionCsvOptions {
  system: CodeSystem;
  /** Accepted header names for the code column (case-insensitive). */
  codeColumns: readonly string[];
  /** Accepted header names for the description column (case-insensitive). */
  descriptionColumns: readonly string[];
  /** Shape every code must have, after trimming and upper-casing. */
  codePattern: RegExp;
  /** Rows to leave out (placeholders such as "UNASSIGNED"); return a truthy value to skip. */
  skip?: (code: string, description: string) => boolean;
  /** Derives fields from the one published text. Default short description: cut at a word boundary. */
  describe?: (description: string) => Partial<Omit<CodeRecord, 'system' | 'code' | 'billable'>>;
}

/**
 * Two-column `code,description` CSV with a header row (CMS CCW lists for place of service, CARC and
 * claim adjustment groups; a user's own list for RARC or CPT). Takes a byte/text stream; csv-parse
 * splits the records and every error names the line.
 */
export async function* parseCodeDescriptionCsv(
  input: NodeJS.ReadableStream,
  options: CodeDescriptionCsvOptions,
): AsyncGenerator<CodeRecord> {
  let col: Record<'code' | 'description', number> | undefined;
  for await (const row of readCsv(input)) {
    if (!col) {
      col = columnIndex(row, { code: options.codeColumns, description: options.descriptionColumns });
      continue;
    }
    const record = toRecord(row, cell(row, col.code), collapseSpaces(cell(row, col.description)), options);
    if (record) yield record;
  }
}

function toRecord(
  row: CsvRow,
  rawCode: string,
  description: string,
  options: CodeDescriptionCsvOptions,
): CodeRecord | null {
  const code = rawCode.toUpperCase();
  if (options.skip?.(code, description)) return null;
  if (!options.codePattern.test(code)) throw new CodeFileError(row.line, `invalid ${options.system} code "${rawCode}"`);
  if (!description) throw new CodeFileError(row.line, `code ${code} has an empty description`);
  const described = options.describe?.(description) ?? {};
  const longDescription = described.longDescription ?? description;
  return {
    system: options.system,
    code: displayCode(options.system, code),
    shortDescription: described.shortDescription ?? shortenDescription(longDescription, SHORT_DESCRIPTION_MAX),
    longDescription,
    billable: true,
    effectiveFrom: described.effectiveFrom ?? null,
    effectiveTo: described.effectiveTo ?? null,
    attributes: described.attributes ?? {},
  };
}
