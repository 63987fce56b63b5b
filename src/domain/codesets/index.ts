import { parseAdjustmentGroupCsv, parseCarcCsv } from './carc.parser.js';
import { parseCodeDescriptionCsv } from './code-description-csv.parser.js';
import { parseHcpcsAnweb } from './hcpcs-anweb.parser.js';
import { parseHcpcsCsv, parseHcpcsLongCsv, parseHcpcsModifierCsv } from './hcpcs-csv.parser.js';
import { parseAocCsv } from './aoc.parser.js';
import { parseIcd10cmOrder } from './icd10cm.parser.js';
import { readLines } from './lines.js';
import { parseMueCsv } from './mue.parser.js';
import { parseNcciPtp } from './ncci-ptp.parser.js';
import { parsePosCsv } from './pos.parser.js';
import { parseRarcCsv, parseRarcPyx12Csv } from './rarc.parser.js';
import type { AocEditRecord, CodeRecord, CodeSystem, MueRecord, PtpEditRecord } from './types.js';

export * from './types.js';
export { displayCode, icdToDisplay, normalizeCode } from './code-format.js';
export { readLines, textLines } from './lines.js';
export { parseIcd10cmOrder, parseHcpcsAnweb, parseHcpcsCsv, parseHcpcsModifierCsv, parseHcpcsLongCsv };
export { parsePosCsv, parseCarcCsv, parseAdjustmentGroupCsv, parseRarcCsv, parseRarcPyx12Csv, parseCodeDescriptionCsv };
export { parseNcciPtp, parseMueCsv, parseAocCsv };
export { applyIcdAddenda, parseIcd10cmAddenda, AddendaMismatch } from './icd10cm-addenda.parser.js';
export type { AddendaChange, IcdAddenda, OrderFileCounts } from './icd10cm-addenda.parser.js';

/** The code-list file formats we read. Fixed-width ones are read line by line, CSV ones through csv-parse. */
export type CodeFileFormat =
  | 'icd10cm-order'
  | 'hcpcs-anweb'
  | 'hcpcs-csv'
  | 'hcpcs-modifiers-csv'
  | 'hcpcs-long-csv'
  | 'pos-csv'
  | 'carc-csv'
  | 'adjustment-group-csv'
  | 'rarc-csv'
  | 'rarc-pyx12-csv'
  | 'code-description-csv';

interface FormatEntry {
  /** Systems whose records the format can produce. */
  systems: readonly CodeSystem[];
  read: (input: NodeJS.ReadableStream, system: CodeSystem) => AsyncGenerator<CodeRecord>;
}

const FORMATS: Record<CodeFileFormat, FormatEntry> = {
  'icd10cm-order': { systems: ['icd10cm'], read: (input) => parseIcd10cmOrder(readLines(input)) },
  'hcpcs-anweb': { systems: ['hcpcs', 'modifier'], read: (input) => parseHcpcsAnweb(readLines(input)) },
  'hcpcs-csv': { systems: ['hcpcs', 'modifier'], read: parseHcpcsCsv },
  'hcpcs-modifiers-csv': { systems: ['modifier'], read: parseHcpcsModifierCsv },
  'hcpcs-long-csv': { systems: ['hcpcs', 'modifier'], read: parseHcpcsLongCsv },
  'pos-csv': { systems: ['pos'], read: parsePosCsv },
  'carc-csv': { systems: ['carc'], read: parseCarcCsv },
  'adjustment-group-csv': { systems: ['adjustment-group'], read: parseAdjustmentGroupCsv },
  'rarc-csv': { systems: ['rarc'], read: parseRarcCsv },
  'rarc-pyx12-csv': { systems: ['rarc'], read: parseRarcPyx12Csv },
  // A licensee's own list (CPT from the AMA data file, or any system): header `code,description`.
  'code-description-csv': {
    systems: ['cpt', 'hcpcs', 'modifier', 'rarc', 'carc'],
    read: (input, system) =>
      parseCodeDescriptionCsv(input, {
        system,
        codeColumns: ['code'],
        descriptionColumns: ['description', 'long_description'],
        codePattern: /^[0-9A-Z]{1,7}$/,
      }),
  },
};

const DEFAULT_FORMAT: Record<CodeSystem, CodeFileFormat> = {
  icd10cm: 'icd10cm-order',
  cpt: 'code-description-csv',
  hcpcs: 'hcpcs-anweb',
  modifier: 'hcpcs-modifiers-csv',
  pos: 'pos-csv',
  carc: 'carc-csv',
  rarc: 'rarc-csv',
  'adjustment-group': 'adjustment-group-csv',
};

export interface CodeFileParser {
  system: CodeSystem;
  format: CodeFileFormat;
  /**
   * Streams the records of `system` out of a file stream (e.g. fs.createReadStream(path)). Formats that
   * hold several systems (ANWEB and the HCPCS CSVs hold procedure codes and modifiers) are filtered to
   * `system`, so importing both means reading the file once per system.
   */
  parse(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord>;
}

/** The parser for a system, in its default format or the one named. Throws when the format cannot hold that system. */
export function parserFor(system: CodeSystem, format: CodeFileFormat = DEFAULT_FORMAT[system]): CodeFileParser {
  const entry = FORMATS[format];
  if (!entry) throw new Error(`unknown code file format "${format}"`);
  if (!entry.systems.includes(system)) {
    throw new Error(`format "${format}" holds ${entry.systems.join(', ')} codes, not ${system}`);
  }
  return {
    system,
    format,
    async *parse(input) {
      for await (const record of entry.read(input, system)) {
        if (record.system === system) yield record;
      }
    },
  };
}

/** Formats that can hold a system's codes, default first. */
export function formatsFor(system: CodeSystem): CodeFileFormat[] {
  const all = (Object.keys(FORMATS) as CodeFileFormat[]).filter((f) => FORMATS[f].systems.includes(system));
  return [DEFAULT_FORMAT[system], ...all.filter((f) => f !== DEFAULT_FORMAT[system])];
}

/** NCCI PTP practitioner edits from a file stream (tab-delimited text). */
export function parsePtpFile(input: NodeJS.ReadableStream): AsyncGenerator<PtpEditRecord> {
  return parseNcciPtp(readLines(input));
}

/** MUE practitioner-services edits from a file stream (CSV). */
export function parseMueFile(input: NodeJS.ReadableStream): AsyncGenerator<MueRecord> {
  return parseMueCsv(input);
}

/** NCCI add-on code edits from a file stream (the CMS AOC sheet as CSV). */
export function parseAocFile(input: NodeJS.ReadableStream): AsyncGenerator<AocEditRecord> {
  return parseAocCsv(input);
}

/**
 * Guesses the format from a CMS file name (as published, or as stored in shared/data), for an importer
 * that is given only a path. Returns null when the name is not recognised.
 */
export function guessFileFormat(
  fileName: string,
): CodeFileFormat | 'ncci-ptp' | 'mue-csv' | 'aoc-csv' | 'icd10cm-addenda' | null {
  const name = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const rules: [RegExp, CodeFileFormat | 'ncci-ptp' | 'mue-csv' | 'aoc-csv' | 'icd10cm-addenda'][] = [
    [/^icd10cm_order_\d{4}\.txt$/, 'icd10cm-order'],
    [/^icd10cm_order_addenda_\d{4}\.txt$/, 'icd10cm-addenda'],
    [/anweb.*\.txt$/, 'hcpcs-anweb'],
    [/^hcpcs_level2_modifiers_.*\.csv$/, 'hcpcs-modifiers-csv'],
    [/^hcpcs_level2_.*_long\.csv$/, 'hcpcs-long-csv'],
    [/^hcpcs_level2_.*\.csv$/, 'hcpcs-csv'],
    [/^place_of_service.*\.csv$/, 'pos-csv'],
    [/^carc.*\.csv$/, 'carc-csv'],
    [/^claim_adjustment_group.*\.csv$/, 'adjustment-group-csv'],
    [/^x12_code_lists.*\.csv$/, 'rarc-pyx12-csv'],
    [/^rarc.*\.csv$/, 'rarc-csv'],
    [/^ccipra.*\.txt$/, 'ncci-ptp'],
    [/^mcr_mue_.*\.csv$/, 'mue-csv'],
    [/^aoc_v\d{4}q[1-4].*\.csv$/, 'aoc-csv'],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}
