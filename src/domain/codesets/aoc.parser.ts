import { PROCEDURE_CODE } from './code-format.js';
import { cell, columnIndex, readCsv, type CsvRow } from './csv.js';
import { collapseSpaces } from './fields.js';
import { CodeFileError } from './types.js';
import type { AocEditRecord } from './types.js';

/*
 * CMS NCCI add-on code edits (AOC_V<year>Q<n>-MCR.xlsx, saved as CSV): one row per add-on/primary pair.
 *   AOC_Edit_Type | Add-On_Code | AOC_DelDT | Primary_Code | Primary_Code_DelDT | AOC_Edit_EffDT |
 *   AOC_Edit_DelDT | Special_Instruction_Notes
 * Edit type 1: only the listed primaries; 2: no list, the contractor defines them (Primary_Code CCCCC);
 * 3: the listed primaries are some of them, the contractor may accept others. Dates are YYYYDDD (year and day
 * of year, 2013091 = 2013-04-01); a deletion date is the last day the row applies (a pair deleted 2023365 comes
 * back 2024001). The CMS sheet opens with an AMA notice row: rows before the header are skipped.
 */
const COLUMNS = {
  type: ['aoc_edit_type'],
  addOn: ['add-on_code', 'add_on_code'],
  addOnDeleted: ['aoc_deldt'],
  primary: ['primary_code'],
  primaryDeleted: ['primary_code_deldt'],
  effective: ['aoc_edit_effdt'],
  deleted: ['aoc_edit_deldt'],
  notes: ['special_instruction_notes'],
} as const;

const DATE_LABELS = {
  addOnDeleted: 'AOC_DelDT',
  primaryDeleted: 'Primary_Code_DelDT',
  effective: 'AOC_Edit_EffDT',
  deleted: 'AOC_Edit_DelDT',
} as const;

/** The placeholder CMS writes where the contractor defines the primary codes. */
const CONTRACTOR_DEFINED = 'CCCCC';

/** `YYYYDDD` → `YYYY-MM-DD`; blank → null; anything else (day 0, day 366 of a common year) → undefined. */
export function isoFromYyyyddd(raw: string): string | null | undefined {
  const value = raw.trim();
  if (value === '') return null;
  const m = /^(\d{4})(\d{3})$/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const day = Number(m[2]);
  const date = new Date(Date.UTC(year, 0, day));
  if (day < 1 || date.getUTCFullYear() !== year) return undefined;
  return date.toISOString().slice(0, 10);
}

export async function* parseAocCsv(input: NodeJS.ReadableStream): AsyncGenerator<AocEditRecord> {
  let columns: Record<keyof typeof COLUMNS, number> | null = null;
  let lastLine = 0;
  let rows = 0;
  for await (const row of readCsv(input, { relaxColumnCount: true })) {
    lastLine = row.line;
    if (!columns) {
      if (row.fields.some((f) => f.trim().toLowerCase() === 'aoc_edit_type')) columns = columnIndex(row, COLUMNS);
      continue;
    }
    if (row.fields.every((f) => f.trim() === '')) continue;
    rows++;
    yield parseAocRow(row, columns);
  }
  if (!columns) throw new CodeFileError(lastLine, 'no AOC header found (expected AOC_Edit_Type, Add-On_Code, …)');
  if (rows === 0) throw new CodeFileError(lastLine, 'the AOC file holds no edits');
}

function parseAocRow(row: CsvRow, columns: Record<keyof typeof COLUMNS, number>): AocEditRecord {
  const fail = (message: string): never => {
    throw new CodeFileError(row.line, message);
  };
  const get = (key: keyof typeof COLUMNS) => cell(row, columns[key]).toUpperCase();
  const date = (key: keyof typeof DATE_LABELS) => {
    const raw = get(key);
    const iso = isoFromYyyyddd(raw);
    return iso === undefined ? fail(`${DATE_LABELS[key]} must be a YYYYDDD date, got "${raw}"`) : iso;
  };
  const type = get('type');
  if (type !== '1' && type !== '2' && type !== '3') fail(`AOC_Edit_Type must be 1, 2 or 3, got "${type}"`);
  const addOnCode = get('addOn');
  if (!PROCEDURE_CODE.test(addOnCode)) fail(`invalid add-on code "${addOnCode}"`);
  const primary = get('primary');
  if (primary !== CONTRACTOR_DEFINED && !PROCEDURE_CODE.test(primary)) fail(`invalid primary code "${primary}"`);
  if (type === '2' && primary !== CONTRACTOR_DEFINED) fail(`a type 2 edit lists no primary code, got "${primary}"`);
  if (type === '1' && primary === CONTRACTOR_DEFINED) fail('a type 1 edit must name its primary code');
  const effectiveFrom = date('effective') ?? fail('AOC_Edit_EffDT is required');
  return {
    editType: Number(type) as 1 | 2 | 3,
    addOnCode,
    primaryCode: primary === CONTRACTOR_DEFINED ? null : primary,
    addOnDeletedOn: date('addOnDeleted'),
    primaryDeletedOn: date('primaryDeleted'),
    effectiveFrom,
    deletedOn: date('deleted'),
    notes: collapseSpaces(cell(row, columns.notes)),
  };
}
