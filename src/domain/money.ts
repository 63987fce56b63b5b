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

/** Optional '-', integer digits, optional '.' and fraction digits; at least one digit is checked separately. */
const X12_DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

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

/**
 * Parses X12 decimal text into an integer count of 10^-scale. Fraction digits beyond `scale` are allowed only
 * when they are zeros ("1.230" is 1.23; "1.234" cannot be represented and is refused rather than rounded).
 */
function parseX12Decimal(text: string, scale: number, kind: string): number {
  const fail = (why: string): RangeError => new RangeError(`Invalid X12 ${kind} ${JSON.stringify(text)}: ${why}`);
  const match = typeof text === 'string' ? X12_DECIMAL.exec(text) : null;
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) throw fail('expected digits with an optional "-" and "."');
  if (!/^0*$/.test(fraction.slice(scale))) throw fail(`more than ${scale} significant fraction digits`);
  const digits = (whole + fraction.slice(0, scale).padEnd(scale, '0')).replace(/^0+/, '');
  // Number() of an integer digit string is exact while the value is safe; a larger value parses to >= 2^53.
  const magnitude = digits.length <= MAX_SAFE_DIGITS ? Number(digits) : Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(magnitude)) throw fail('outside the safe-integer range');
  return match[1] === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Formats an integer count of 10^-scale as decimal text without trailing fraction zeros, and without a
 * decimal point at all for whole values. `leadingZero` chooses ".5" (X12) or "0.5" (people).
 */
function formatDecimal(value: number, scale: number, leadingZero: boolean): string {
  const digits = String(Math.abs(value)).padStart(scale + 1, '0'); // a safe integer prints in plain digits
  const whole = digits.slice(0, -scale);
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  const sign = value < 0 ? '-' : '';
  if (fraction === '') return `${sign}${whole}`;
  return `${sign}${whole === '0' && !leadingZero ? '' : whole}.${fraction}`;
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
