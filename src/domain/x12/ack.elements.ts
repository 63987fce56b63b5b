import { isIsoDate } from '../claims/calendar-date.js';
import { type Cents, centsFromX12, type Thousandths, unitsFromX12 } from '../money.js';
import { AcknowledgmentError, type AckErrorKind, type AcknowledgmentIssue, type AckWarningKind } from './ack.errors.js';
import type { Segment } from './reader.js';

/**
 * Element readers shared by the 999 and 277CA readers: each returns the typed value or throws an AcknowledgmentError
 * naming the element, so no RangeError from the money functions (or anything else) leaves a reader.
 */

/** The set being read: its ST02 for messages, and where warnings go. */
export interface AckContext {
  controlNumber: string;
  warnings: AcknowledgmentIssue[];
}

/** "IK302", "IK401-2": elements numbered as the TR3s number them. */
export function elementName(s: Segment, n: number, component?: number): string {
  const name = `${s.elements[0]}${n < 10 ? '0' : ''}${n}`;
  return component === undefined ? name : `${name}-${component}`;
}

/** Quotes a value for a message without letting a mangled file flood it. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
}

export function fail(ctx: AckContext, kind: AckErrorKind, s: Segment, message: string, element?: string): never {
  throw new AcknowledgmentError({
    kind,
    message,
    segment: s.elements[0] ?? '',
    position: s.position,
    controlNumber: ctx.controlNumber,
    ...(element ? { element } : {}),
  });
}

export function warn(ctx: AckContext, kind: AckWarningKind, s: Segment, message: string, element?: string): void {
  ctx.warnings.push({
    kind,
    message,
    segment: s.elements[0] ?? '',
    position: s.position,
    controlNumber: ctx.controlNumber,
    ...(element ? { element } : {}),
  });
}

/** Element `n`, or null when empty or absent. */
export function optional(s: Segment, n: number): string | null {
  const value = s.elements[n];
  return value === undefined || value === '' ? null : value;
}

export function required(ctx: AckContext, s: Segment, n: number): string {
  const value = optional(s, n);
  if (value !== null) return value;
  const name = elementName(s, n);
  return fail(ctx, 'missing_element', s, `${name} is required`, name);
}

/** A whole non-negative number (an N0 count or position); `name` tells which element or component it came from. */
export function wholeNumber(ctx: AckContext, s: Segment, value: string, name: string): number {
  // At most 15 digits keeps the number exact; no count or position in a set comes near that.
  if (/^\d{1,15}$/.test(value)) return Number(value);
  return fail(ctx, 'invalid_number', s, `${name} ${shown(value)} is not a whole number`, name);
}

export function requiredNumber(ctx: AckContext, s: Segment, n: number): number {
  return wholeNumber(ctx, s, required(ctx, s, n), elementName(s, n));
}

export function optionalNumber(ctx: AckContext, s: Segment, n: number): number | null {
  const value = optional(s, n);
  return value === null ? null : wholeNumber(ctx, s, value, elementName(s, n));
}

export function optionalAmount(ctx: AckContext, s: Segment, n: number): Cents | null {
  const value = optional(s, n);
  if (value === null) return null;
  try {
    return centsFromX12(value);
  } catch {
    const name = elementName(s, n);
    return fail(ctx, 'invalid_amount', s, `${name} ${shown(value)} is not an amount`, name);
  }
}

export function optionalQuantity(ctx: AckContext, s: Segment, n: number): Thousandths | null {
  const value = optional(s, n);
  if (value === null) return null;
  try {
    return unitsFromX12(value);
  } catch {
    const name = elementName(s, n);
    return fail(ctx, 'invalid_quantity', s, `${name} ${shown(value)} is not a quantity`, name);
  }
}

/**
 * A CCYYMMDD date as ISO yyyy-mm-dd, or null with an `invalid_date` warning: an acknowledgment with an impossible
 * date (the X214 TR3 example dates a service 20230229) still says whether the claim was accepted.
 */
export function isoDate(ctx: AckContext, s: Segment, value: string, name: string): string | null {
  const iso = /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : '';
  if (isIsoDate(iso)) return iso;
  warn(ctx, 'invalid_date', s, `${name} ${shown(value)} is not a CCYYMMDD calendar date`, name);
  return null;
}

export function optionalDate(ctx: AckContext, s: Segment, n: number): string | null {
  const value = optional(s, n);
  return value === null ? null : isoDate(ctx, s, value, elementName(s, n));
}

/** `values.includes(value)` that narrows `value` to the list's type. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** A required code from a closed list: the reading depends on it, so anything else is refused. */
export function requiredCode<T extends string>(ctx: AckContext, s: Segment, n: number, values: readonly T[]): T {
  const value = required(ctx, s, n);
  if (isOneOf(values, value)) return value;
  const name = elementName(s, n);
  return fail(ctx, 'invalid_code', s, `${name} ${shown(value)} is not one of ${values.join(', ')}`, name);
}

/** The segment as it was written (CTX is kept raw for people reading the rejection). */
export function rawSegment(s: Segment, element: string): string {
  return s.elements.join(element);
}
