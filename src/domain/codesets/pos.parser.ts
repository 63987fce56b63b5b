import { parseCodeDescriptionCsv, SHORT_DESCRIPTION_MAX } from './code-description-csv.parser.js';
import { shortenDescription } from './fields.js';
import type { CodeRecord } from './types.js';

/*
 * CMS CCW place-of-service list (`pos_code,description`). Each description is one upper-case text:
 * the name, often an "(EFFECTIVE <date>)" note, then the definition, e.g.
 *   "PHARMACY (EFFECTIVE OCTOBER 1, 2005)- A FACILITY OR LOCATION WHERE DRUGS ..."
 * The short description is the name; effectiveFrom is the date in the note when there is one.
 * "UNASSIGNED" codes and the CCW placeholder "~" (no value) are not place-of-service codes and are skipped,
 * so a claim using one fails the code lookup.
 */
export function parsePosCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  return parseCodeDescriptionCsv(input, {
    system: 'pos',
    codeColumns: ['pos_code', 'code'],
    descriptionColumns: ['description'],
    codePattern: /^\d{2}$/,
    skip: (code, description) => code === '~' || description.toUpperCase() === 'UNASSIGNED',
    describe: (text) => ({ shortDescription: posName(text), effectiveFrom: posEffectiveDate(text) }),
  });
}

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
];
const MONTH = `(?:${MONTHS.join('|')})`;
/** Where the name ends: a dated/revision note in brackets, or a dash before the definition. */
const NAME_END = new RegExp(`\\s*\\((?=(?:CODE\\s+)?(?:EFF|DESCRIPTION|${MONTH}))|\\s+-\\s|-\\s+`, 'i');
/** "(EFFECTIVE OCTOBER 1, 2005)", "(EFFECTIVE NO LATER THAN MAY 1, 2010)", "(CODE EFFECTIVE, OCTOBER 1, 2003; ...", "(OCTOBER 1, 2003)". */
const LONG_DATE = new RegExp(
  `\\((?:CODE\\s+)?(?:EFFECTIVE,?\\s+)?(?:NO LATER THAN\\s+)?(${MONTH})\\s+(\\d{1,2}),\\s*(\\d{4})`,
  'i',
);
/** "(EFF. 10/1/23)". */
const SHORT_DATE = /\(EFF\.?\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\)/i;

export function posName(text: string): string {
  let name = text.split(NAME_END)[0] ?? text;
  // A few entries run the name straight into the definition: "AMBULANCE—LAND A LAND VEHICLE ...".
  if (name === text) name = text.split(/\s+AN?\s+/)[0] ?? text;
  return shortenDescription(name, SHORT_DESCRIPTION_MAX);
}

export function posEffectiveDate(text: string): string | null {
  const long = LONG_DATE.exec(text);
  if (long) {
    const month = MONTHS.indexOf((long[1] ?? '').toUpperCase()) + 1;
    return isoDate(Number(long[3]), month, Number(long[2]));
  }
  const short = SHORT_DATE.exec(text);
  if (short) {
    const year = Number(short[3]);
    return isoDate(year < 100 ? 2000 + year : year, Number(short[1]), Number(short[2]));
  }
  return null;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
