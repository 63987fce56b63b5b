import { cell, columnIndex, readCsv } from './csv.js';
import type { CsvRow } from './csv.js';
import { HCPCS_LEVEL2_CODE, MODIFIER_CODE } from './code-format.js';
import { collapseSpaces, compactAttributes, isoFromYyyymmdd, shortenDescription } from './fields.js';
import { CodeFileError } from './types.js';
import type { CodeRecord } from './types.js';

/*
 * CSV renderings of the CMS HCPCS Level II release. All three take a byte/text stream (e.g.
 * fs.createReadStream) because csv-parse does the record splitting; errors still name the line.
 */

/** ANWEB short descriptions are 28 characters wide (positions 92–119). */
const ANWEB_SHORT_WIDTH = 28;

/**
 * `hcpcs_level2_<year>_<quarter>.csv`: hcpcs, record_type (procedure|modifier), long_description,
 * short_description, pricing_indicator, coverage_code, betos, type_of_service, anesthesia_base_units,
 * add_date, action_effective_date, termination_date, action_code (dates YYYYMMDD, blank = none).
 */
export async function* parseHcpcsCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  let col: Record<keyof typeof HCPCS_COLUMNS, number> | undefined;
  for await (const row of readCsv(input)) {
    if (!col) {
      col = columnIndex(row, HCPCS_COLUMNS, HCPCS_OPTIONAL);
      continue;
    }
    const recordType = cell(row, col.recordType).toLowerCase();
    if (recordType !== 'procedure' && recordType !== 'modifier') {
      throw new CodeFileError(row.line, `record_type must be "procedure" or "modifier", got "${recordType}"`);
    }
    const system = recordType === 'procedure' ? 'hcpcs' : 'modifier';
    const dates = readDates(row, col);
    yield {
      system,
      code: checkedCode(row, cell(row, col.code), system),
      ...descriptions(row, cell(row, col.shortDescription), cell(row, col.longDescription)),
      billable: true,
      effectiveFrom: dates.addDate ?? dates.actionEffectiveDate,
      effectiveTo: dates.terminationDate,
      attributes: compactAttributes({
        pricingIndicator: cell(row, col.pricingIndicator),
        coverageCode: cell(row, col.coverageCode),
        betos: cell(row, col.betos),
        typeOfService: cell(row, col.typeOfService),
        anesthesiaBaseUnits: cell(row, col.anesthesiaBaseUnits),
        addDate: dates.addDate,
        actionEffectiveDate: dates.actionEffectiveDate,
        actionCode: cell(row, col.actionCode),
      }),
    };
  }
}

const DATE_COLUMNS = {
  addDate: ['add_date'],
  actionEffectiveDate: ['action_effective_date'],
  terminationDate: ['termination_date'],
} as const;

const HCPCS_COLUMNS = {
  code: ['hcpcs'],
  recordType: ['record_type'],
  longDescription: ['long_description'],
  shortDescription: ['short_description'],
  pricingIndicator: ['pricing_indicator'],
  coverageCode: ['coverage_code'],
  betos: ['betos'],
  typeOfService: ['type_of_service'],
  anesthesiaBaseUnits: ['anesthesia_base_units'],
  actionCode: ['action_code'],
  ...DATE_COLUMNS,
} as const;
const HCPCS_OPTIONAL = ['pricingIndicator', 'coverageCode', 'betos', 'typeOfService', 'anesthesiaBaseUnits'] as const;

/**
 * `hcpcs_level2_modifiers_<year>_<quarter>.csv`: modifier, short_description, long_description, add_date,
 * action_effective_date, termination_date, action_code. Every row is system `modifier`.
 */
export async function* parseHcpcsModifierCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  let col: Record<keyof typeof MODIFIER_COLUMNS, number> | undefined;
  for await (const row of readCsv(input)) {
    if (!col) {
      col = columnIndex(row, MODIFIER_COLUMNS, ['actionCode']);
      continue;
    }
    const dates = readDates(row, col);
    yield {
      system: 'modifier',
      code: checkedCode(row, cell(row, col.code), 'modifier'),
      ...descriptions(row, cell(row, col.shortDescription), cell(row, col.longDescription)),
      billable: true,
      effectiveFrom: dates.addDate ?? dates.actionEffectiveDate,
      effectiveTo: dates.terminationDate,
      attributes: compactAttributes({
        addDate: dates.addDate,
        actionEffectiveDate: dates.actionEffectiveDate,
        actionCode: cell(row, col.actionCode),
      }),
    };
  }
}

const MODIFIER_COLUMNS = {
  code: ['modifier'],
  shortDescription: ['short_description'],
  longDescription: ['long_description'],
  actionCode: ['action_code'],
  ...DATE_COLUMNS,
} as const;

/**
 * The long-description-only list (`Code,Description,last_updated`, from the ANWEB spreadsheet). Codes are
 * trimmed (modifiers arrive right-justified, "   GT"); 5-character codes are `hcpcs`, 2-character ones
 * `modifier`. The file has no short description, so the short description is the long one cut at a word
 * boundary to the ANWEB short width (28) — a stand-in, not CMS's own abbreviation. `last_updated` is a
 * processing date of whoever exported the list, not a CMS date, so it is not kept; effective dates are null.
 */
export async function* parseHcpcsLongCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  let col: Record<'code' | 'description', number> | undefined;
  for await (const row of readCsv(input)) {
    if (!col) {
      col = columnIndex(row, { code: ['code'], description: ['description'] });
      continue;
    }
    const code = cell(row, col.code).toUpperCase();
    const system = code.length === 2 ? 'modifier' : 'hcpcs';
    const longDescription = collapseSpaces(cell(row, col.description));
    if (!longDescription) throw new CodeFileError(row.line, `code ${code} has an empty description`);
    yield {
      system,
      code: checkedCode(row, code, system),
      shortDescription: shortenDescription(longDescription, ANWEB_SHORT_WIDTH),
      longDescription,
      billable: true,
      effectiveFrom: null,
      effectiveTo: null,
      attributes: {},
    };
  }
}

function checkedCode(row: CsvRow, code: string, system: 'hcpcs' | 'modifier'): string {
  const pattern = system === 'hcpcs' ? HCPCS_LEVEL2_CODE : MODIFIER_CODE;
  if (!pattern.test(code))
    throw new CodeFileError(row.line, `invalid ${system === 'hcpcs' ? 'HCPCS' : 'modifier'} code "${code}"`);
  return code;
}

function descriptions(row: CsvRow, short: string, long: string): { shortDescription: string; longDescription: string } {
  const longDescription = collapseSpaces(long) || collapseSpaces(short);
  if (!longDescription) throw new CodeFileError(row.line, 'row has no description');
  return {
    shortDescription: collapseSpaces(short) || shortenDescription(longDescription, ANWEB_SHORT_WIDTH),
    longDescription,
  };
}

function readDates(
  row: CsvRow,
  col: Record<keyof typeof DATE_COLUMNS, number>,
): Record<keyof typeof DATE_COLUMNS, string | null> {
  const out = {} as Record<keyof typeof DATE_COLUMNS, string | null>;
  for (const key of Object.keys(DATE_COLUMNS) as (keyof typeof DATE_COLUMNS)[]) {
    const raw = cell(row, col[key]);
    const iso = isoFromYyyymmdd(raw);
    if (iso === undefined)
      throw new CodeFileError(row.line, `invalid ${DATE_COLUMNS[key][0]} "${raw}" (expected YYYYMMDD)`);
    out[key] = iso;
  }
  return out;
}
