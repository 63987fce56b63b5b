/**
 * Money and quantities as exact integers, and their X12 decimal text.
 *
 * Amounts are integer cents and unit counts integer thousandths, so adding them is exact. X12 carries them
 * in "R" (decimal number) elements, whose rules (X12.6, repeated in the 5010 TR3s, "Decimal") are: the
 * decimal point is optional for whole values, leading zeros should be suppressed, a minus sign precedes
 * negative values and there is never a plus sign. Every conversion here works on the digits themselves:
 * `Math.round(Number('1.15') * 100)` style float math is what these functions exist to avoid.
 */

/** A safe integer (`Number.isSafeInteger`) number of US cents: 150.50 USD is `15050`. */
export type Cents = number;

/** A safe integer number of thousandths of a unit (service units, quantities): 1.5 units is `1500`. */
export type Thousandths = number;

const CENTS_SCALE = 2;
const UNITS_SCALE = 3;

/** The shapes `String(n)` gives for a finite number: "12", "-0.5", "1e-7", "1.5e+21". */
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** Longest digit string that can still be a safe integer (Number.MAX_SAFE_INTEGER has 16 digits). */
const MAX_SAFE_DIGITS = 16;

export function isCents(value: unknown): value is Cents {
  return Number.isSafeInteger(value);
}

export function assertCents(value: number, what: string): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of cents, got ${String(value)}`);
  }
  return value;
}

function assertThousandths(value: number, what: string): Thousandths {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of thousandths, got ${String(value)}`);
  }
  return value;
}

/**
 * Exact total. Adding two safe integers is exact whenever the true sum is safe, and a true sum outside the
 * range rounds to a value that is not a safe integer, so checking every running total catches each overflow.
 * Note the check is on the running total: `[MAX_SAFE_INTEGER, 1, -1]` throws although its final sum is safe.
 */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) {
    assertCents(value, 'Each amount to sum');
    total += value;
    if (!Number.isSafeInteger(total)) {
      throw new RangeError(`Sum of amounts leaves the safe-integer range (at ${String(total)})`);
    }
  }
  return total;
}

const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const POWERS_OF_TEN = [1, 10, 100, 1000];

function invalidDecimal(text: string, kind: string, why: string): RangeError {
  return new RangeError(`Invalid X12 ${kind} ${JSON.stringify(text)}: ${why}`);
}

/**
 * Parses X12 decimal text into an integer count of 10^-scale. Fraction digits beyond `scale` are allowed only
 * when they are zeros ("1.230" is 1.23; "1.234" cannot be represented and is refused rather than rounded).
 *
 * One pass over the character codes: an 835 holds several amounts per service line and this is the reader's
 * hottest function. The grammar is `-?[0-9]*(\.[0-9]*)?` with at least one digit; when text breaks more than one
 * rule, the grammar is reported first, then surplus fraction digits, then the range.
 *
 * Exactness: the value is accumulated digit by digit (`value * 10 + d`), at most MAX_SAFE_DIGITS significant
 * digits. While the true value is a safe integer every partial value is one too, so every step is exact. When
 * it is not, the one step that crosses 2^53 rounds to a double >= 2^53 (rounding is monotonic and 2^53 is a
 * double), and the final scaling by 10^k does the same, so the result is refused as outside the safe range.
 */
function parseX12Decimal(text: string, scale: number, kind: string): number {
  if (typeof text !== 'string') throw invalidDecimal(text, kind, 'expected digits with an optional "-" and "."');
  const length = text.length;
  let i = 0;
  const negative = length > 0 && text.charCodeAt(0) === MINUS;
  if (negative) i = 1;
  let value = 0;
  let significant = 0;
  let digitCount = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    digitCount++;
    if (value !== 0 || d !== 0) {
      significant++;
      value = value * 10 + d;
    }
  }
  let fractionDigits = 0;
  let surplus = false;
  if (i < length && text.charCodeAt(i) === POINT) {
    for (i++; i < length; i++) {
      const d = text.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      digitCount++;
      if (fractionDigits === scale) {
        if (d !== 0) surplus = true;
        continue;
      }
      fractionDigits++;
      if (value !== 0 || d !== 0) {
        significant++;
        value = value * 10 + d;
      }
    }
  }
  if (i !== length || digitCount === 0)
    throw invalidDecimal(text, kind, 'expected digits with an optional "-" and "."');
  if (surplus) throw invalidDecimal(text, kind, `more than ${scale} significant fraction digits`);
  // The fraction's missing digits up to `scale`: "1.5" at scale 2 is 15 tenths, i.e. 150 cents.
  const padding = scale - fractionDigits;
  if (value !== 0) significant += padding;
  const magnitude = significant <= MAX_SAFE_DIGITS ? value * POWERS_OF_TEN[padding]! : Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(magnitude)) throw invalidDecimal(text, kind, 'outside the safe-integer range');
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Formats an integer count of 10^-scale as decimal text without trailing fraction zeros, and without a
 * decimal point at all for whole values. `leadingZero` chooses ".5" (X12) or "0.5" (people).
 */
function formatDecimal(value: number, scale: number, leadingZero: boolean): string {
  // Integer arithmetic on a safe integer is exact: the remainder, the difference (a multiple of 10^scale) and its
  // quotient are all integers below 2^53. A safe integer prints in plain digits.
  const abs = Math.abs(value);
  const unit = POWERS_OF_TEN[scale]!;
  const fractionValue = abs % unit;
  const whole = (abs - fractionValue) / unit;
  const sign = value < 0 ? '-' : '';
  if (fractionValue === 0) return `${sign}${whole}`;
  const padded = String(fractionValue).padStart(scale, '0');
  let end = padded.length;
  while (padded.charCodeAt(end - 1) === ZERO) end--;
  return `${sign}${whole === 0 && !leadingZero ? '' : whole}.${padded.slice(0, end)}`;
}

/** Parses an X12 R monetary amount ("150", "150.5", "-.5", "5.") into exact cents. */
export function centsFromX12(text: string): Cents {
  return parseX12Decimal(text, CENTS_SCALE, 'amount');
}

/** Canonical X12 R form of an amount: "150", "150.5", ".05", "-12.34", "0". */
export function centsToX12(cents: Cents): string {
  return formatDecimal(assertCents(cents, 'An amount'), CENTS_SCALE, false);
}

/** Parses an X12 R quantity ("1", "1.5", ".125") into exact thousandths of a unit. */
export function unitsFromX12(text: string): Thousandths {
  return parseX12Decimal(text, UNITS_SCALE, 'quantity');
}

/** Canonical X12 R form of a quantity: "1", "1.5", ".5", ".125". */
export function unitsToX12(t: Thousandths): string {
  return formatDecimal(assertThousandths(t, 'A quantity'), UNITS_SCALE, false);
}

/**
 * The nearest thousandth to a JSON number, rounding half away from zero. The decision is made on the
 * number's shortest decimal text (`String(n)`, the digits the client wrote for any reasonable input), not on
 * `n * 1000`: 0.5005 is stored as 0.50049999999999994... and `Math.round(0.5005 * 1000)` is 500, while
 * "0.5005" rounds to 501 as the client meant (likewise "1.0005" to 1001).
 */
export function unitsFromNumber(n: number): Thousandths {
  // Fast path for a number already at a whole thousandth (every stored quantity, almost every posted one): its
  // scaled double is within rounding error (< 1e-6 below 2^53/1000) of the integer, far from any half-thousandth,
  // so the decimal rounding below would give the same answer.
  const scaled = n * 1000;
  const whole = Math.round(scaled);
  if (Number.isSafeInteger(whole) && Math.abs(scaled - whole) < 1e-6) return whole === 0 ? 0 : whole;
  const match = typeof n === 'number' && Number.isFinite(n) ? NUMBER_TEXT.exec(String(n)) : null;
  if (!match) throw new RangeError(`A quantity must be a finite number, got ${String(n)}`);
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[2]}${fraction}`);
  // The value is digits * 10^(exponent - fraction length); thousandths multiply that by 10^3.
  const shift = Number(match[4] ?? '0') - fraction.length + UNITS_SCALE;
  let magnitude: bigint;
  if (shift >= 0) {
    magnitude = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    magnitude = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) magnitude += 1n;
  }
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`A quantity of ${String(n)} is outside the safe-integer range of thousandths`);
  }
  const result = Number(magnitude);
  return match[1] === '-' && result !== 0 ? -result : result;
}

/**
 * Thousandths as a JSON number: `t / 1000`. IEEE division is correctly rounded, so the result is the double
 * nearest the exact decimal; for |t| < 10^15 (at most 15 significant digits, DBL_DIG) that decimal is also the
 * shortest text of the double, so it prints as written ("1.5", "0.125") and `unitsFromNumber` gives back `t`.
 */
export function unitsToNumber(t: Thousandths): number {
  return assertThousandths(t, 'A quantity') / 1000;
}

/** A quantity for human messages: "1", "1.5", "0.5" (leading zero kept, unlike X12), "-2". */
export function formatUnits(t: Thousandths): string {
  return formatDecimal(assertThousandths(t, 'A quantity'), UNITS_SCALE, true);
}
