import { ICD10CM_KEY, icdToDisplay } from './code-format.js';
import { CodeFileError } from './types.js';
import type { CodeRecord } from './types.js';

/*
 * CMS "ICD-10-CM Code Descriptions in Tabular Order" order file (icd10cm_order_<FY>.txt), fixed width,
 * 1-based positions from CMS icd10OrderFiles.pdf:
 *   1–5 order number (zero-filled) | 7–13 code without the dot | 15 flag (0 = header, 1 = valid for
 *   HIPAA transactions) | 17–76 short description | 78–end long description.
 * The file carries no dates: the release (e.g. FY2026, 2025-10-01) is recorded by the importer.
 */
const SHORT_END = 76;
const LONG_START = 77;

/** Parses an ICD-10-CM order file line by line. Blank lines are ignored; any other bad line throws CodeFileError. */
export async function* parseIcd10cmOrder(lines: AsyncIterable<string>): AsyncGenerator<CodeRecord> {
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    yield parseOrderLine(line, lineNumber);
  }
}

function parseOrderLine(line: string, lineNumber: number): CodeRecord {
  const fail = (message: string): never => {
    throw new CodeFileError(lineNumber, message);
  };
  const orderNumber = line.slice(0, 5);
  if (!/^\d{5}$/.test(orderNumber)) fail(`order number must be 5 digits in positions 1-5, got "${orderNumber}"`);
  if (line.length <= LONG_START) fail(`line is too short (${line.length} characters) for the order-file layout`);
  if (line[5] !== ' ' || line[13] !== ' ' || line[15] !== ' ' || line[SHORT_END] !== ' ') {
    fail('expected blanks at positions 6, 14, 16 and 77 (fixed-width order-file layout)');
  }
  const key = line.slice(6, 13).trimEnd();
  if (!ICD10CM_KEY.test(key)) fail(`invalid ICD-10-CM code "${key}" in positions 7-13`);
  const flag = line[14];
  if (flag !== '0' && flag !== '1') fail(`header/billable flag must be 0 or 1 in position 15, got "${flag}"`);
  const shortDescription = line.slice(16, SHORT_END).trim();
  const longDescription = line.slice(LONG_START).trim();
  if (!shortDescription) fail(`code ${key} has an empty short description`);
  if (!longDescription) fail(`code ${key} has an empty long description`);
  return {
    system: 'icd10cm',
    code: icdToDisplay(key),
    shortDescription,
    longDescription,
    billable: flag === '1',
    effectiveFrom: null,
    effectiveTo: null,
    attributes: { orderNumber },
  };
}
