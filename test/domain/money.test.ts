import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertCents,
  centsFromX12,
  centsToX12,
  formatUnits,
  isCents,
  sumCents,
  unitsFromNumber,
  unitsFromX12,
  unitsToNumber,
  unitsToX12,
} from '../../src/domain/money.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** Canonical X12 amount: "0", or optional "-", no leading zero, at most 2 fraction digits, the last one non-zero. */
const CANONICAL_CENTS = /^(?:0|-?(?:[1-9]\d*(?:\.\d?[1-9])?|\.\d?[1-9]))$/;
/** Canonical X12 quantity: the same shape with at most 3 fraction digits. */
const CANONICAL_UNITS = /^(?:0|-?(?:[1-9]\d*(?:\.\d{0,2}[1-9])?|\.\d{0,2}[1-9]))$/;
/** The accepted X12 R grammar, restated: optional "-", digits, optional "." and digits, at least one digit. */
const X12_GRAMMAR = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** Text that is not an X12 decimal number at all, refused for amounts and quantities alike. */
const NOT_DECIMAL = [
  '',
  '-',
  '.',
  '-.',
  '+5',
  ' 5',
  '5 ',
  '1 000',
  '1e3',
  '1E3',
  '1,000',
  '1.000,00',
  '1.2.3',
  '..5',
  '--5',
  '5-',
  '-+5',
  'abc',
  '0x10',
  'NaN',
  'Infinity',
  '5\n',
  '\t5',
  '\uff15', // fullwidth digit five
  '\u0661', // Arabic-Indic digit one
  '12\u00a0345',
];

/** Reference: the integer an X12 decimal denotes at 10^-scale, from its digits with BigInt. */
function referenceScaled(negative: boolean, whole: string, fraction: string, scale: number): number {
  const magnitude =
    BigInt(whole === '' ? '0' : whole) * 10n ** BigInt(scale) +
    BigInt(fraction === '' ? '0' : fraction) * 10n ** BigInt(scale - fraction.length);
  return Number(negative ? -magnitude : magnitude);
}

/** Random X12 decimal text: sign, leading zeros, optional integer part, 0..maxFraction digits, trailing zeros. */
function decimalText(maxFraction: number) {
  return fc
    .record({
      negative: fc.boolean(),
      leadingZeros: fc.nat(4),
      whole: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n })),
      fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: maxFraction })),
      trailingZeros: fc.nat(4),
    })
    .map(({ negative, leadingZeros, whole, fraction, trailingZeros }) => {
      const wholeText = '0'.repeat(leadingZeros) + (whole === null ? '' : whole.toString());
      const text =
        (negative ? '-' : '') + wholeText + (fraction === null ? '' : `.${fraction}${'0'.repeat(trailingZeros)}`);
      return { text, negative, wholeText, fraction: fraction ?? '' };
    })
    .filter(({ wholeText, fraction, text }) => wholeText !== '' || fraction !== '' || /\.0/.test(text));
}

describe('cents', () => {
  it.each([0, -0, 1, -1, 15050, MAX, -MAX])('accepts %s as cents', (value) => {
    expect(isCents(value)).toBe(true);
    expect(assertCents(value, 'amount')).toBe(value);
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, MAX + 1, -MAX - 1, 2 ** 60])(
    'refuses %s as cents',
    (value) => {
      expect(isCents(value)).toBe(false);
      expect(() => assertCents(value, 'the line charge')).toThrow(RangeError);
      expect(() => assertCents(value, 'the line charge')).toThrow(/the line charge/);
    },
  );

  it.each(['15050', 15050n, null, undefined, {}, [1]])('does not take the non-number %s for cents', (value) => {
    expect(isCents(value)).toBe(false);
  });
});

describe('sumCents', () => {
  it.each<[number[], number]>([
    [[], 0],
    [[1, 2, 3], 6],
    [[15050, -1234, 50], 13866],
    [[MAX, -MAX], 0],
    [[MAX - 1, 1], MAX],
    [[-MAX + 1, -1], -MAX],
  ])('adds %j exactly to %s', (values, total) => {
    expect(sumCents(values)).toBe(total);
  });

  it('sums any iterable, such as a generator', () => {
    function* amounts() {
      yield 100;
      yield 250;
    }
    expect(sumCents(amounts())).toBe(350);
  });

  it.each([[[MAX, 1]], [[-MAX, -1]], [[MAX, MAX]], [[MAX, 1, -1]]])(
    'refuses %j because the running total leaves the safe-integer range',
    (values) => {
      expect(() => sumCents(values)).toThrow(RangeError);
    },
  );

  it.each([[[1, 1.5]], [[Number.NaN]], [[Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]], [[MAX + 1, -2]]])(
    'refuses %j because a term is not a safe integer',
    (values) => {
      expect(() => sumCents(values)).toThrow(RangeError);
    },
  );

  it('equals a BigInt reference sum whenever every running total is safe, and throws otherwise', () => {
    const term = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.maxSafeInteger(),
      fc.constantFrom(MAX, -MAX),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 20 }), (values) => {
        let total: bigint | null = 0n;
        for (const value of values) {
          total = total === null ? null : total + BigInt(value);
          if (total !== null && (total > BigInt(MAX) || total < BigInt(-MAX))) total = null;
        }
        if (total === null) expect(() => sumCents(values)).toThrow(RangeError);
        else expect(sumCents(values)).toBe(Number(total));
      }),
    );
  });

  it('throws exactly when the BigInt sum is unsafe for terms of one sign', () => {
    const arrays = fc.oneof(
      fc.array(fc.maxSafeNat(), { maxLength: 10 }),
      fc.array(
        fc.maxSafeNat().map((n) => -n),
        { maxLength: 10 },
      ),
    );
    fc.assert(
      fc.property(arrays, (values) => {
        const total = values.reduce((sum, value) => sum + BigInt(value), 0n);
        if (total > BigInt(MAX) || total < BigInt(-MAX)) expect(() => sumCents(values)).toThrow(RangeError);
        else expect(sumCents(values)).toBe(Number(total));
      }),
    );
  });

  it('adds long arrays of realistic amounts exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), { maxLength: 200 }), (values) => {
        expect(sumCents(values)).toBe(Number(values.reduce((sum, value) => sum + BigInt(value), 0n)));
      }),
    );
  });
});

describe('centsFromX12', () => {
  it.each<[string, number]>([
    ['150', 15000],
    ['150.5', 15050],
    ['150.50', 15050],
    ['-12.34', -1234],
    ['.5', 50],
    ['-.5', -50],
    ['.05', 5],
    ['0.05', 5],
    ['0', 0],
    ['0.00', 0],
    ['-0', 0],
    ['007', 700],
    ['5.', 500],
    ['-5.', -500],
    ['1.230', 123],
    ['1.00000', 100],
    ['0000000000000000000000001', 100],
    ['90071992547409.91', MAX],
    ['-90071992547409.91', -MAX],
  ])('parses %j as %s cents', (text, cents) => {
    expect(centsFromX12(text)).toBe(cents);
  });

  it('parses an amount without its leading zero', () => {
    expect(centsFromX12('.75')).toBe(75);
  });

  it('parses a negative zero as plain zero', () => {
    expect(Object.is(centsFromX12('-0.00'), 0)).toBe(true);
  });

  it.each([...NOT_DECIMAL, '1.234', '0.001', '1.2301', '90071992547409.92', '-90071992547409.92', '1'.repeat(40)])(
    'refuses %j with a RangeError quoting the text',
    (text) => {
      expect(() => centsFromX12(text)).toThrow(RangeError);
      expect(() => centsFromX12(text)).toThrow(JSON.stringify(text));
    },
  );

  it('equals a BigInt reference for generated decimal text', () => {
    fc.assert(
      fc.property(decimalText(2), ({ text, negative, wholeText, fraction }) => {
        expect(centsFromX12(text)).toBe(referenceScaled(negative, wholeText, fraction, 2));
      }),
    );
  });

  it('accepts exactly the X12 grammar and returns a safe integer when it accepts', () => {
    const unit = fc.constantFrom('0', '0', '1', '5', '9', '.', '-', '+', 'e', ' ', ',');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (text) => {
        let result: number | RangeError;
        try {
          result = centsFromX12(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          result = error as RangeError;
        }
        const grammatical = X12_GRAMMAR.test(text) && /^0*$/.test(text.split('.')[1]?.slice(2) ?? '');
        expect(typeof result === 'number').toBe(grammatical);
        if (typeof result === 'number') expect(Number.isSafeInteger(result)).toBe(true);
      }),
    );
  });
});

describe('centsToX12', () => {
  it.each<[number, string]>([
    [15000, '150'],
    [15050, '150.5'],
    [15055, '150.55'],
    [50, '.5'],
    [-50, '-.5'],
    [5, '.05'],
    [-5, '-.05'],
    [1, '.01'],
    [100, '1'],
    [0, '0'],
    [-0, '0'],
    [-1234, '-12.34'],
    [MAX, '90071992547409.91'],
    [-MAX, '-90071992547409.91'],
  ])('writes %s cents as %j', (cents, text) => {
    expect(centsToX12(cents)).toBe(text);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX + 1, -MAX - 1])('refuses %s cents', (cents) => {
    expect(() => centsToX12(cents)).toThrow(RangeError);
  });

  it('round-trips every amount up to ten billion dollars in canonical form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
        for (const c of [cents, 0 - cents]) {
          const text = centsToX12(c);
          expect(text).toMatch(CANONICAL_CENTS);
          expect(centsFromX12(text)).toBe(c);
        }
      }),
    );
  });

  it('round-trips every safe integer in canonical form', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        const text = centsToX12(cents);
        expect(text).toMatch(CANONICAL_CENTS);
        expect(centsFromX12(text)).toBe(cents);
      }),
    );
  });
});

describe('unitsFromX12', () => {
  it.each<[string, number]>([
    ['1', 1000],
    ['1.5', 1500],
    ['.5', 500],
    ['-.5', -500],
    ['0.125', 125],
    ['.125', 125],
    ['.001', 1],
    ['1.2500', 1250],
    ['-2', -2000],
    ['5.', 5000],
    ['007', 7000],
    ['0', 0],
    ['0.000', 0],
    ['9007199254740.991', MAX],
  ])('parses the quantity %j as %s thousandths', (text, thousandths) => {
    expect(unitsFromX12(text)).toBe(thousandths);
  });

  it.each([...NOT_DECIMAL, '0.1255', '1.0001', '.0005', '9007199254740.992'])(
    'refuses the quantity %j with a RangeError quoting the text',
    (text) => {
      expect(() => unitsFromX12(text)).toThrow(RangeError);
      expect(() => unitsFromX12(text)).toThrow(JSON.stringify(text));
    },
  );

  it('equals a BigInt reference for generated decimal text', () => {
    fc.assert(
      fc.property(decimalText(3), ({ text, negative, wholeText, fraction }) => {
        expect(unitsFromX12(text)).toBe(referenceScaled(negative, wholeText, fraction, 3));
      }),
    );
  });
});

describe('unitsToX12', () => {
  it.each<[number, string]>([
    [1500, '1.5'],
    [500, '.5'],
    [-500, '-.5'],
    [1000, '1'],
    [125, '.125'],
    [1, '.001'],
    [10, '.01'],
    [1250, '1.25'],
    [-2000, '-2'],
    [0, '0'],
    [MAX, '9007199254740.991'],
  ])('writes %s thousandths as %j', (thousandths, text) => {
    expect(unitsToX12(thousandths)).toBe(text);
  });

  it.each([0.5, Number.NaN, Number.NEGATIVE_INFINITY, MAX + 1])('refuses %s thousandths', (thousandths) => {
    expect(() => unitsToX12(thousandths)).toThrow(RangeError);
  });

  it('round-trips every quantity up to a billion units in canonical form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (thousandths) => {
        for (const t of [thousandths, 0 - thousandths]) {
          const text = unitsToX12(t);
          expect(text).toMatch(CANONICAL_UNITS);
          expect(unitsFromX12(text)).toBe(t);
        }
      }),
    );
  });
});

describe('unitsFromNumber', () => {
  it.each<[number, number]>([
    [1, 1000],
    [1.5, 1500],
    [0.3333, 333],
    [0.3335, 334],
    [1.0005, 1001],
    [-1.0005, -1001],
    [0.5005, 501],
    [0.0005, 1],
    [0.0004, 0],
    [0.000499999, 0],
    [-0.0005, -1],
    [0.125, 125],
    [2, 2000],
    [-2, -2000],
    [0, 0],
    [1e-7, 0],
    [5e-7, 0],
    [1.5e-10, 0],
    [Number.MIN_VALUE, 0],
    [1e12, 10 ** 15],
    [999999999999.999, 999999999999999],
    [-999999999999.999, -999999999999999],
    // 9007199254740.991 is not a double: it is stored, and printed, as 9007199254740.99.
    [9007199254740.991, 9007199254740990],
  ])('converts %s to %s thousandths', (n, thousandths) => {
    expect(unitsFromNumber(n)).toBe(thousandths);
  });

  it('rounds by the decimal the client wrote, not by float multiplication', () => {
    expect(Math.round(0.5005 * 1000)).toBe(500);
    expect(unitsFromNumber(0.5005)).toBe(501);
  });

  it.each([-0, -1e-7, -0.0004])('returns plain zero, never negative zero, for %s', (n) => {
    expect(Object.is(unitsFromNumber(n), 0)).toBe(true);
  });

  it.each([
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    9007199254740.992,
    1e13,
    1e21,
    1.5e21,
    -1.5e21,
    Number.MAX_VALUE,
  ])('refuses %s', (n) => {
    expect(() => unitsFromNumber(n)).toThrow(RangeError);
  });

  it('rounds client decimals to the nearest thousandth, half away from zero', () => {
    const decimal = fc.record({
      negative: fc.boolean(),
      whole: fc.integer({ min: 0, max: 10 ** 9 }),
      fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(decimal, ({ negative, whole, fraction }) => {
        const digits = BigInt(`${whole}${fraction}`);
        const divisor = 10n ** BigInt(fraction.length);
        let magnitude = (digits * 1000n) / divisor;
        if (((digits * 1000n) % divisor) * 2n >= divisor) magnitude += 1n;
        const expected = Number(negative ? -magnitude : magnitude);
        expect(unitsFromNumber(Number(`${negative ? '-' : ''}${whole}.${fraction}`))).toBe(expected);
      }),
    );
  });

  it('round-trips through unitsToNumber for every quantity up to a billion units', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (t) => {
        expect(unitsFromNumber(unitsToNumber(t))).toBe(t);
      }),
    );
  });

  it('round-trips through unitsToNumber below 10^15 thousandths, where the double prints as the decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (t) => {
        expect(String(unitsToNumber(t))).toBe(formatUnits(t));
        expect(unitsFromNumber(unitsToNumber(t))).toBe(t);
      }),
    );
  });
});

describe('unitsToNumber', () => {
  it.each<[number, number]>([
    [1500, 1.5],
    [125, 0.125],
    [1, 0.001],
    [-2000, -2],
    [0, 0],
  ])('converts %s thousandths to %s', (thousandths, n) => {
    expect(unitsToNumber(thousandths)).toBe(n);
  });

  it.each([0.5, Number.NaN, MAX + 1])('refuses %s thousandths', (thousandths) => {
    expect(() => unitsToNumber(thousandths)).toThrow(RangeError);
  });
});

describe('formatUnits', () => {
  it.each<[number, string]>([
    [1000, '1'],
    [1500, '1.5'],
    [500, '0.5'],
    [-500, '-0.5'],
    [125, '0.125'],
    [1, '0.001'],
    [-2000, '-2'],
    [0, '0'],
    [-0, '0'],
  ])('formats %s thousandths for people as %j', (thousandths, text) => {
    expect(formatUnits(thousandths)).toBe(text);
  });

  it.each([0.5, Number.POSITIVE_INFINITY])('refuses %s thousandths', (thousandths) => {
    expect(() => formatUnits(thousandths)).toThrow(RangeError);
  });
});
