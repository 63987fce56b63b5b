import { type Cents, centsFromX12, type Thousandths, unitsFromX12 } from '../money.js';
import type { Segment } from './reader.js';
import { RemittanceError, type RemittanceErrorKind } from './remittance-835.errors.js';

/**
 * Element readers for the 835 mapper: each either returns the typed value or throws a RemittanceError naming the
 * element, so no RangeError from the money functions (or anything else) leaves the reader. `set` is the ST02.
 */

/** "CLP03", "SVC01-2": elements numbered as the TR3 numbers them. */
export function elementName(s: Segment, n: number, component?: number): string {
  const name = `${s.elements[0]}${n < 10 ? '0' : ''}${n}`;
  return component === undefined ? name : `${name}-${component}`;
}

export function fail(kind: RemittanceErrorKind, s: Segment, set: string, message: string, element?: string): never {
  throw new RemittanceError({
    kind,
    message,
    segment: s.elements[0] ?? '',
    position: s.position,
    controlNumber: set,
    ...(element ? { element } : {}),
  });
}

export function requiredText(s: Segment, n: number, set: string): string {
  const value = s.elements[n];
  if (value === undefined || value === '') {
    const name = elementName(s, n);
    return fail('missing_element', s, set, `${name} is required`, name);
  }
  return value;
}

/** Quotes a value for a message without letting a mangled file flood it. */
function shown(value: string): string {
  return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
}

/**
 * Dates by text: a remittance repeats the same few dates (one check's service dates), so each is checked and turned
 * into its ISO form once per text the memo holds, and the claims share that one string. Amounts and quantities are
 * not memoized: `centsFromX12` / `unitsFromX12` scan the characters once, which costs no more than hashing them.
 * Direct-mapped (one slot per hash, overwritten on collision): a miss costs no allocation and memory stays fixed.
 */
const MEMO_SLOTS = 4096;

function slotOf(text: string): number {
  let h = text.length;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h & (MEMO_SLOTS - 1);
}

const dateKeys = new Array<string | undefined>(MEMO_SLOTS);
const dateValues = new Array<string>(MEMO_SLOTS).fill('');

export function amountText(text: string, s: Segment, n: number, set: string): Cents {
  try {
    return centsFromX12(text);
  } catch {
    const name = elementName(s, n);
    return fail('invalid_amount', s, set, `${name} ${shown(text)} is not an amount`, name);
  }
}

export function requiredAmount(s: Segment, n: number, set: string): Cents {
  return amountText(requiredText(s, n, set), s, n, set);
}

export function optionalAmount(s: Segment, n: number, set: string): Cents | null {
  const text = s.elements[n];
  return text === undefined || text === '' ? null : amountText(text, s, n, set);
}

export function optionalQuantity(s: Segment, n: number, set: string): Thousandths | null {
  const text = s.elements[n];
  if (text === undefined || text === '') return null;
  try {
    return unitsFromX12(text);
  } catch {
    const name = elementName(s, n);
    return fail('invalid_quantity', s, set, `${name} ${shown(text)} is not a quantity`, name);
  }
}

function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days in month `m` (1–12) of year `y`, Gregorian. */
function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** An X12 DT element in CCYYMMDD form (the 5010 date format) as ISO yyyy-mm-dd; null when the element is empty. */
export function optionalDate(s: Segment, n: number, set: string): string | null {
  const text = s.elements[n];
  if (text === undefined || text === '') return null;
  const slot = slotOf(text);
  if (dateKeys[slot] === text) return dateValues[slot]!;
  const y = text.length === 8 ? digitsAt(text, 0, 4) : -1;
  const m = y < 0 ? -1 : digitsAt(text, 4, 6);
  const d = m < 1 || m > 12 ? -1 : digitsAt(text, 6, 8);
  if (d < 1 || d > daysIn(y, m)) {
    const name = elementName(s, n);
    return fail('invalid_date', s, set, `${name} ${shown(text)} is not a CCYYMMDD date`, name);
  }
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  dateKeys[slot] = text;
  dateValues[slot] = iso;
  return iso;
}

export function requiredDate(s: Segment, n: number, set: string): string {
  return optionalDate(s, n, set) ?? requiredText(s, n, set);
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The character to split a composite on whose first component is a 2-character qualifier (SVC01/SVC06 "HC:99213",
 * PLB03 "CV:ref"). Some senders declare one component separator in ISA16 and write another: six LinuxForHealth
 * samples declare ':' and write `SVC*HC>55669`. A qualifier is letters or digits, so a punctuation mark right after
 * it can only be the separator the sender really used; splitting on the declared one would instead read the whole
 * "HC>55669" as the qualifier and lose the procedure code.
 */
export function compositeSeparator(value: string, declared: string): string {
  if (value.length < 3) return declared;
  const code = value.charCodeAt(2);
  return code === declared.charCodeAt(0) || isAlphanumeric(code) ? declared : value.charAt(2);
}

/** `values.includes(value)` that narrows `value` to the list's type. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
