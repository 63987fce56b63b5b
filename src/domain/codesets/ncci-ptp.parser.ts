import { PROCEDURE_CODE } from './code-format.js';
import { isoFromYyyymmdd } from './fields.js';
import { CodeFileError } from './types.js';
import type { PtpEditRecord } from './types.js';

/*
 * CMS NCCI procedure-to-procedure edits, practitioner file (ccipra-v<ver>-f<n>.txt), tab-delimited:
 *   column 1 | column 2 | `*` = in existence prior to 1996 (else blank) | effective date YYYYMMDD |
 *   deletion date YYYYMMDD or `*` (no data = still active) | modifier indicator 0/1/9 | PTP edit rationale
 * The file opens with a preamble (copyright line, "Column1/Column2 Edits", a header split over several
 * lines). It has no fixed length, so the preamble ends at the first row whose first two fields are
 * five-character codes; from there on every non-blank line must be a well-formed edit.
 */
export async function* parseNcciPtp(lines: AsyncIterable<string>): AsyncGenerator<PtpEditRecord> {
  let lineNumber = 0;
  let inData = false;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const fields = dropTrailingBlanks(
      line.split('\t').map((f) => f.trim()),
      7,
    );
    if (!inData) {
      if (!looksLikeEdit(fields)) continue;
      inData = true;
    }
    yield parseEditRow(fields, lineNumber);
  }
  if (!inData)
    throw new CodeFileError(
      lineNumber,
      'no PTP edit rows found (expected tab-delimited rows starting with two 5-character codes)',
    );
}

/** Trailing empty fields past the published column count (a stray tab at the end of a row) are ignored. */
function dropTrailingBlanks(fields: string[], columns: number): string[] {
  let end = fields.length;
  while (end > columns && fields[end - 1] === '') end--;
  return fields.slice(0, end);
}

function looksLikeEdit(fields: string[]): boolean {
  return PROCEDURE_CODE.test(fields[0] ?? '') && PROCEDURE_CODE.test(fields[1] ?? '');
}

function parseEditRow(fields: string[], lineNumber: number): PtpEditRecord {
  const fail = (message: string): never => {
    throw new CodeFileError(lineNumber, message);
  };
  // The rationale column was added by CMS in later versions; accept rows without it.
  if (fields.length < 6 || fields.length > 7) fail(`expected 7 tab-separated fields, got ${fields.length}`);
  const [column1 = '', column2 = '', prior = '', effective = '', deletion = '', indicator = '', rationale = ''] =
    fields;
  if (!PROCEDURE_CODE.test(column1)) fail(`invalid column 1 code "${column1}"`);
  if (!PROCEDURE_CODE.test(column2)) fail(`invalid column 2 code "${column2}"`);
  if (prior !== '' && prior !== '*') fail(`prior-to-1996 flag must be "*" or blank, got "${prior}"`);
  const effectiveFrom = isoFromYyyymmdd(effective);
  if (!effectiveFrom) fail(`invalid effective date "${effective}" (expected YYYYMMDD)`);
  // `*` is the file's "no data"; a blank deletion date means the same.
  const deletedOn = deletion === '*' ? null : isoFromYyyymmdd(deletion);
  if (deletedOn === undefined) fail(`invalid deletion date "${deletion}" (expected YYYYMMDD or *)`);
  if (indicator !== '0' && indicator !== '1' && indicator !== '9')
    fail(`modifier indicator must be 0, 1 or 9, got "${indicator}"`);
  return {
    column1,
    column2,
    priorTo1996: prior === '*',
    effectiveFrom: effectiveFrom as string,
    deletedOn: deletedOn ?? null,
    modifierIndicator: indicator as '0' | '1' | '9',
    rationale,
  };
}
