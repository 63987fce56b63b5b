import { readCsv } from './csv.js';
import type { CsvRow } from './csv.js';
import { PROCEDURE_CODE } from './code-format.js';
import { collapseSpaces } from './fields.js';
import { CodeFileError } from './types.js';
import type { MueRecord } from './types.js';

/*
 * CMS medically unlikely edits, practitioner services (MCR_MUE_PractitionerServices_Eff_<date>.csv).
 * The file opens with a quoted multi-line AMA/CMS notice and a header whose first cell holds a newline
 * ("HCPCS/\nCPT Code", MUE value, adjudication indicator, rationale). Data rows look like
 *   0009U,2,3 Date of Service Edit: Clinical,Nature of Analyte
 * where the adjudication column starts with the indicator digit (1 line edit, 2 date-of-service policy,
 * 3 date-of-service clinical). The preamble ends at the first row that starts with a 5-character code
 * and a whole number; every row after it must be a well-formed edit. The DME and facility MUE files
 * share this shape.
 */
export async function* parseMueCsv(input: NodeJS.ReadableStream): AsyncGenerator<MueRecord> {
  let inData = false;
  let lastLine = 0;
  for await (const row of readCsv(input, { relaxColumnCount: true })) {
    lastLine = row.line;
    const fields = row.fields.map((f) => collapseSpaces(f));
    if (fields.every((f) => f === '')) continue;
    if (!inData) {
      if (!PROCEDURE_CODE.test(fields[0] ?? '') || !/^\d+$/.test(fields[1] ?? '')) continue;
      inData = true;
    }
    yield parseMueRow(row, fields);
  }
  if (!inData)
    throw new CodeFileError(
      lastLine,
      'no MUE rows found (expected rows like "0009U,2,3 Date of Service Edit: Clinical,...")',
    );
}

function parseMueRow(row: CsvRow, fields: string[]): MueRecord {
  const fail = (message: string): never => {
    throw new CodeFileError(row.line, message);
  };
  // Older MUE files have no rationale column; empty cells past the 4th (trailing commas) are ignored.
  let end = fields.length;
  while (end > 4 && fields[end - 1] === '') end--;
  if (end < 3 || end > 4) fail(`expected 4 columns (code, MUE value, adjudication indicator, rationale), got ${end}`);
  const [code = '', units = '', adjudication = '', rationale = ''] = fields;
  if (!PROCEDURE_CODE.test(code)) fail(`invalid HCPCS/CPT code "${code}"`);
  if (!/^\d+$/.test(units)) fail(`MUE value must be a whole number, got "${units}"`);
  const indicator = /^([123])\b\s*(.*)$/.exec(adjudication);
  if (!indicator) fail(`adjudication indicator must start with 1, 2 or 3, got "${adjudication}"`);
  const [, digit = '', text = ''] = indicator as RegExpExecArray;
  return {
    code,
    maxUnits: Number(units),
    adjudicationIndicator: Number(digit) as 1 | 2 | 3,
    adjudicationText: text,
    rationale,
  };
}
