import type { Cents, Thousandths } from '../../src/domain/money.js';
import type { Prng } from './prng.js';

/** What the synthetic 837P and 835 share: the fee schedule, names, control numbers, the claims an 835 answers. */

/** One service line an 835 answers: the REF*6R it echoes, and what was billed (generated when absent). */
export interface RemittanceLineAnswer {
  controlNumber: string;
  procedureCode?: string;
  modifiers?: readonly string[];
  chargeCents?: Cents;
  unitsThousandths?: Thousandths;
  /** ISO yyyy-mm-dd. */
  dateOfService?: string;
}

/** One claim an 835 answers: CLP01, and its lines (1–6 generated when absent, control numbers `<pcn>01`…). */
export interface RemittanceClaimAnswer {
  patientControlNumber: string;
  lines?: readonly RemittanceLineAnswer[];
  patient?: { lastName: string; firstName: string; memberId: string };
}

/** A fee schedule: billed cents per unit, and how services combine on a claim. */
export const PROCEDURES = [
  { code: '99213', cents: 15_000, evaluation: true },
  { code: '99214', cents: 22_000, evaluation: true },
  { code: '99203', cents: 18_000, evaluation: true },
  { code: '36415', cents: 2_500 },
  { code: '85025', cents: 4_500 },
  { code: '80053', cents: 6_500 },
  { code: '81002', cents: 1_500 },
  { code: '93000', cents: 7_500 },
  { code: '90471', cents: 3_000 },
  { code: '90686', cents: 4_250 },
  { code: '97110', cents: 9_500, timed: true },
  { code: '20610', cents: 21_000 },
  { code: 'J1100', cents: 1_875, ndc: '63323016501' },
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const DIAGNOSES = [
  'E119',
  'I10',
  'E785',
  'Z0000',
  'J069',
  'M545',
  'R51',
  'K219',
  'F419',
  'N390',
  'M25561',
  'Z23',
];
export const LAST_NAMES = [
  'SMITH',
  'JOHNSON',
  'WILLIAMS',
  'BROWN',
  'JONES',
  'GARCIA',
  'MILLER',
  'DAVIS',
  'LOPEZ',
  'WILSON',
];
export const FIRST_NAMES = [
  'JAMES',
  'MARY',
  'ROBERT',
  'PATRICIA',
  'JOHN',
  'JENNIFER',
  'MICHAEL',
  'LINDA',
  'DAVID',
  'ELENA',
];
export const STREETS = ['MAIN ST', 'OAK AVE', 'MAPLE DR', 'CEDAR LN', 'ELM ST', 'PINE RD', 'LAKE VIEW DR'];
export const CITIES: readonly [string, string, string][] = [
  ['SPRINGFIELD', 'IL', '62704'],
  ['RIVERSIDE', 'CA', '92501'],
  ['FAIRVIEW', 'TX', '75069'],
  ['MADISON', 'WI', '53703'],
];
const PCN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Units per line: 1 for most services, 1–4 for timed therapy, 0.5–3 for drugs. */
export function unitsFor(p: Procedure, r: Prng): Thousandths {
  if ('timed' in p) return r.int(1, 4) * 1000;
  if ('ndc' in p) return r.pick([500, 1000, 1000, 2000, 3000]);
  return 1000;
}

export const chargeFor = (p: Procedure, units: Thousandths): Cents => Math.round((p.cents * units) / 1000);

/** 12 characters like ours (no I, O, 0, 1): 5 random, then the index in base 32, so every one is distinct. */
export function patientControlNumber(index: number, r: Prng): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += r.pick(PCN_ALPHABET);
  let n = index;
  for (let i = 0; i < 7; i++) {
    out += PCN_ALPHABET[n % 32];
    n = Math.floor(n / 32);
  }
  return out;
}

export const lineControlNumber = (pcn: string, lineNumber: number) => `${pcn}${String(lineNumber).padStart(2, '0')}`;

/** How many lines a claim has: 1–6, most of them 1–3. */
export const lineCount = (r: Prng) => r.pick([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6]);

export const digits = (r: Prng, n: number) => Array.from({ length: n }, () => r.int(0, 9)).join('');
