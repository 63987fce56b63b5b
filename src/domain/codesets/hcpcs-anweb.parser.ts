import { HCPCS_LEVEL2_CODE, MODIFIER_CODE } from './code-format.js';
import { collapseSpaces, compactAttributes, isoFromYyyymmdd } from './fields.js';
import { CodeFileError } from './types.js';
import type { CodeRecord } from './types.js';

/*
 * CMS HCPCS Level II "ANWEB" record layout (HCPC<year>_<quarter>_ANWEB.txt), 320 characters per record.
 * 1-based positions: 1–5 code (modifiers right-justified in 4–5) | 6–10 sequence | 11 record id
 * (3 = procedure first line, 4 = procedure continuation, 7 = modifier first line, 8 = modifier continuation)
 * | 12–91 long description (continued on 4/8 records) | 92–119 short description | 120–127 pricing
 * indicators (4 × 2) | 128 multiple pricing indicator | 171–180 statute | 181–204 lab certification codes
 * (3 × 8) | 205–229 cross-reference codes (5 × 5) | 230 coverage code | 231–232 ASC payment group |
 * 253–256 processing note | 257–259 BETOS | 261–265 type of service (5 × 1) | 266–268 anesthesia base units
 * | 269–276 add date | 277–284 action effective date | 285–292 termination date | 293 action code.
 */
const RECORD_LENGTH = 320;
const FIRST_LINE_IDS: Record<string, 'hcpcs' | 'modifier'> = { '3': 'hcpcs', '7': 'modifier' };
const CONTINUATION_OF: Record<string, string> = { '4': '3', '8': '7' };

/** 1-based inclusive positions, as printed in the CMS layout. */
const field = (line: string, from: number, to: number): string => line.slice(from - 1, to);

interface Pending {
  record: CodeRecord;
  recordId: string;
  longParts: string[];
}

/**
 * Parses an ANWEB file line by line. A first-line record (3/7) starts a code; its continuation records
 * (4/8) add to the long description, joined with a single space (as CMS's own spreadsheet does, also
 * after a part ending in "-": "(ALS 1 -" + "EMERGENCY)" → "(ALS 1 - EMERGENCY)"). Procedure records become system `hcpcs`,
 * modifier records system `modifier`. Records shorter than 320 characters are padded (trailing blanks are
 * often trimmed by editors); blank lines are ignored.
 */
export async function* parseHcpcsAnweb(lines: AsyncIterable<string>): AsyncGenerator<CodeRecord> {
  let lineNumber = 0;
  let pending: Pending | null = null;
  for await (const raw of lines) {
    lineNumber++;
    if (raw.trim() === '') continue;
    const line = raw.padEnd(RECORD_LENGTH);
    const recordId = field(line, 11, 11);
    const code = field(line, 1, 5).trim();
    const continues = CONTINUATION_OF[recordId];
    if (continues !== undefined) {
      if (!pending || pending.recordId !== continues || pending.record.code !== code) {
        throw new CodeFileError(
          lineNumber,
          `continuation record (id ${recordId}) for ${code || '(blank code)'} without a preceding first-line record`,
        );
      }
      const text = collapseSpaces(field(line, 12, 91));
      if (text) pending.longParts.push(text);
      continue;
    }
    const system = FIRST_LINE_IDS[recordId];
    if (!system)
      throw new CodeFileError(lineNumber, `unknown record id "${recordId}" in position 11 (expected 3, 4, 7 or 8)`);
    if (pending) yield finish(pending);
    const record = firstLineRecord(line, system, code, lineNumber);
    pending = { record, recordId, longParts: record.longDescription ? [record.longDescription] : [] };
  }
  if (pending) yield finish(pending);
}

function finish(pending: Pending): CodeRecord {
  return { ...pending.record, longDescription: pending.longParts.join(' ') || pending.record.shortDescription };
}

function firstLineRecord(line: string, system: 'hcpcs' | 'modifier', code: string, lineNumber: number): CodeRecord {
  const pattern = system === 'hcpcs' ? HCPCS_LEVEL2_CODE : MODIFIER_CODE;
  if (!pattern.test(code))
    throw new CodeFileError(
      lineNumber,
      `invalid ${system === 'hcpcs' ? 'HCPCS' : 'modifier'} code "${code}" in positions 1-5`,
    );
  const date = (from: number, name: string): string | null => {
    const iso = isoFromYyyymmdd(field(line, from, from + 7));
    if (iso === undefined)
      throw new CodeFileError(lineNumber, `invalid ${name} "${field(line, from, from + 7)}" (expected YYYYMMDD)`);
    return iso;
  };
  const addDate = date(269, 'add date');
  const actionEffectiveDate = date(277, 'action effective date');
  const terminationDate = date(285, 'termination date');
  // Runs of blanks inside a description ("GRADIENT  COMPRESSION") are CMS typing slips; keep one.
  const longDescription = collapseSpaces(field(line, 12, 91));
  const shortDescription = collapseSpaces(field(line, 92, 119));
  if (!longDescription && !shortDescription) throw new CodeFileError(lineNumber, `code ${code} has no description`);
  return {
    system,
    code,
    shortDescription: shortDescription || longDescription,
    longDescription,
    billable: true,
    effectiveFrom: addDate ?? actionEffectiveDate,
    effectiveTo: terminationDate,
    attributes: compactAttributes({
      pricingIndicator: splitFixed(field(line, 120, 127), 2),
      multiplePricingIndicator: field(line, 128, 128),
      statute: field(line, 171, 180),
      labCertificationCodes: splitFixed(field(line, 181, 204), 8),
      crossReferenceCodes: splitFixed(field(line, 205, 229), 5),
      coverageCode: field(line, 230, 230),
      ascPaymentGroup: field(line, 231, 232),
      processingNote: field(line, 253, 256),
      betos: field(line, 257, 259),
      typeOfService: splitFixed(field(line, 261, 265), 1),
      anesthesiaBaseUnits: field(line, 266, 268),
      addDate: addDate ?? '',
      actionEffectiveDate: actionEffectiveDate ?? '',
      actionCode: field(line, 293, 293),
    }),
  };
}

/** Repeating fixed-width sub-fields → comma-separated non-blank values ("13      " → "13", "1LP  " → "1,L,P"). */
function splitFixed(text: string, width: number): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += width) {
    const part = text.slice(i, i + width).trim();
    if (part) parts.push(part);
  }
  return parts.join(',');
}
