import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS, type Delimiters, scanIsa } from '../../../src/domain/x12/delimiters.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
import { X12WriteError } from '../../../src/domain/x12/errors.js';
import {
  createSegmentWriter,
  type Element,
  type GroupSpec,
  type InterchangeSpec,
  type SegmentWriter,
  writeInterchange,
} from '../../../src/domain/x12/writer.js';

/** The segments one writer call produces. */
function written(build: (w: SegmentWriter) => void, delimiters: Delimiters = DEFAULT_DELIMITERS): string[] {
  const out: string[] = [];
  build(createSegmentWriter(out, delimiters));
  return out;
}

/** The X12WriteError a call throws (a failure when it throws nothing or something else). */
function refusal(call: () => unknown): X12WriteError {
  try {
    call();
  } catch (error) {
    if (error instanceof X12WriteError) return error;
    throw error;
  }
  throw new Error('expected an X12WriteError');
}

const PIPES: Delimiters = { element: '|', component: '>', repetition: '!', segment: '\x1d' };
const NEWLINE: Delimiters = { element: '*', component: ':', repetition: '^', segment: '\n' };

function spec(overrides: Partial<InterchangeSpec> = {}): InterchangeSpec {
  return {
    senderQualifier: 'ZZ',
    senderId: 'SUBMITTER01',
    receiverQualifier: '30',
    receiverId: '123456789',
    date: '260115',
    time: '0930',
    controlNumber: 42,
    usage: 'T',
    acknowledgmentRequested: true,
    groups: [],
    ...overrides,
  };
}

function group(controlNumber: number, transactions: GroupSpec['transactions']): GroupSpec {
  return {
    functionalId: 'HC',
    sender: 'SUBMITTER01',
    receiver: '123456789',
    date: '20260115',
    time: '0930',
    controlNumber,
    version: '005010X222A1',
    transactions,
  };
}

describe('X12 writer: values that would change the structure are refused', () => {
  const sets: { name: string; d: Delimiters }[] = [
    { name: 'default delimiters', d: DEFAULT_DELIMITERS },
    { name: "'|' '>' '!' 0x1D", d: PIPES },
    { name: 'newline terminator', d: NEWLINE },
  ];
  const forbidden = (d: Delimiters) => [
    { what: 'element separator', char: d.element },
    { what: 'component separator', char: d.component },
    { what: 'repetition separator', char: d.repetition! },
    { what: 'segment terminator', char: d.segment },
    { what: 'CR', char: '\r' },
    { what: 'LF', char: '\n' },
    { what: 'CRLF', char: '\r\n' },
  ];

  describe.each(sets)('$name', ({ d }) => {
    it.each(forbidden(d))('$what in an element: refused as NM103', ({ char }) => {
      const out: string[] = [];
      const w = createSegmentWriter(out, d);
      const error = refusal(() => w.segment('NM1', 'IL', '1', `DOE${char}SMITH`, 'JOHN'));
      expect(error.field).toBe('NM103');
      expect(error.code).toBe('x12_unwritable');
      expect(error.message.startsWith('NM103: ')).toBe(true);
      expect(out).toEqual([]);
      expect(w.count).toBe(0);
    });

    it.each(forbidden(d))('$what in a component: refused as SV101-2', ({ char }) => {
      const error = refusal(() => written((w) => w.segment('SV1', ['HC', `992${char}13`, '25'], '125'), d));
      expect(error.field).toBe('SV101-2');
    });

    it.each(forbidden(d))('$what in the tenth element: refused as CLM10, at the start or the end', ({ char }) => {
      const nine = ['A1', '100', '', '', '11', 'Y', 'A', 'Y', 'Y'];
      expect(refusal(() => written((w) => w.segment('CLM', ...nine, `${char}X`), d)).field).toBe('CLM10');
      expect(refusal(() => written((w) => w.segment('CLM', ...nine, `X${char}`), d)).field).toBe('CLM10');
    });
  });

  it('the repetition character is data when the interchange has no repetition separator', () => {
    const d: Delimiters = { ...DEFAULT_DELIMITERS, repetition: null };
    expect(written((w) => w.segment('EB', '1', '', '1^33'), d)).toEqual(['EB*1**1^33~']);
    expect(refusal(() => written((w) => w.segment('EB', '1', '', '1^33'))).field).toBe('EB03');
  });

  it('a refused segment leaves what was written before it and the count untouched', () => {
    const out: string[] = [];
    const w = createSegmentWriter(out);
    w.segment('BHT', '0019', '00', '1');
    refusal(() => w.segment('NM1', 'IL', '1', 'DOE~'));
    expect(out).toEqual(['BHT*0019*00*1~']);
    expect(w.count).toBe(1);
  });

  it('ISA fields: delimiters, line breaks and over-long values are refused, naming the ISA element', () => {
    expect(refusal(() => writeInterchange(spec({ senderId: 'SUB*1' }))).field).toBe('ISA06');
    expect(refusal(() => writeInterchange(spec({ receiverId: 'REC~1' }))).field).toBe('ISA08');
    expect(refusal(() => writeInterchange(spec({ senderId: 'SUB:1' }))).field).toBe('ISA06');
    expect(refusal(() => writeInterchange(spec({ senderId: 'SUB^1' }))).field).toBe('ISA06');
    expect(refusal(() => writeInterchange(spec({ senderId: 'SUB\n1' }))).field).toBe('ISA06');
    expect(refusal(() => writeInterchange(spec({ receiverId: 'REC\r' }))).field).toBe('ISA08');
    expect(refusal(() => writeInterchange(spec({ senderQualifier: 'Z\n' }))).field).toBe('ISA05');
    expect(refusal(() => writeInterchange(spec({ senderId: 'S'.repeat(16) }))).field).toBe('ISA06');
    expect(refusal(() => writeInterchange(spec({ date: '2026015' }))).field).toBe('ISA09');
    expect(refusal(() => writeInterchange(spec({ time: '09300' }))).field).toBe('ISA10');
    expect(refusal(() => writeInterchange(spec({ senderId: 'A|B' }), PIPES)).field).toBe('ISA06');
  });

  it('GS and ST values go through the same checks', () => {
    expect(refusal(() => writeInterchange(spec({ groups: [{ ...group(1, []), sender: 'A*B' }] }))).field).toBe('GS02');
    const set = { type: '837', controlNumber: 1, implementation: '005010X222A1', body() {} };
    expect(
      refusal(() => writeInterchange(spec({ groups: [group(1, [{ ...set, implementation: 'X~' }])] }))).field,
    ).toBe('ST03');
    const body = (w: SegmentWriter) => w.segment('NM1', '85', '2', 'CLINIC\r\nINC');
    expect(refusal(() => writeInterchange(spec({ groups: [group(1, [{ ...set, body }])] }))).field).toBe('NM103');
  });

  it.each([0, -1, 1.5, 1_000_000_000, Number.NaN])('control number %s is refused (ISA13, GS06, ST02)', (n) => {
    const set = { type: '837', controlNumber: 1, implementation: '005010X222A1', body() {} };
    expect(refusal(() => writeInterchange(spec({ controlNumber: n }))).field).toBe('ISA13');
    expect(refusal(() => writeInterchange(spec({ groups: [group(n, [])] }))).field).toBe('GS06');
    expect(refusal(() => writeInterchange(spec({ groups: [group(1, [{ ...set, controlNumber: n }])] }))).field).toBe(
      'ST02',
    );
  });
});

describe('X12 writer: empty elements and components', () => {
  const cases: { name: string; tag: string; elements: Element[]; expected: string }[] = [
    { name: 'trailing empty strings', tag: 'NM1', elements: ['IL', '1', 'DOE', '', ''], expected: 'NM1*IL*1*DOE~' },
    {
      name: 'trailing undefined and null',
      tag: 'NM1',
      elements: ['IL', '1', 'DOE', undefined, null],
      expected: 'NM1*IL*1*DOE~',
    },
    {
      name: 'empties in the middle are kept',
      tag: 'NM1',
      elements: ['IL', '1', 'DOE', 'JOHN', '', null, undefined, 'MI', 'W1'],
      expected: 'NM1*IL*1*DOE*JOHN****MI*W1~',
    },
    {
      name: 'trailing empty components',
      tag: 'SV1',
      elements: [['HC', '99213', '', null, undefined], '125'],
      expected: 'SV1*HC:99213*125~',
    },
    {
      name: 'empty components in the middle',
      tag: 'SV1',
      elements: [['HC', '99213', '', '25'], '125'],
      expected: 'SV1*HC:99213::25*125~',
    },
    { name: 'a leading empty component', tag: 'HI', elements: [['', 'I10']], expected: 'HI*:I10~' },
    {
      name: 'an all-empty composite at the end',
      tag: 'SV1',
      elements: [['HC', '99213'], '125', ['', null]],
      expected: 'SV1*HC:99213*125~',
    },
    {
      name: 'an all-empty composite in the middle',
      tag: 'CLM',
      elements: ['A1', '100', [null, ''], ['11', 'B', '1']],
      expected: 'CLM*A1*100**11:B:1~',
    },
    { name: 'an empty composite array', tag: 'SV1', elements: [['HC', '1'], [], '125'], expected: 'SV1*HC:1**125~' },
    { name: 'a one-component composite', tag: 'SV1', elements: [['HC']], expected: 'SV1*HC~' },
    { name: 'no elements at all', tag: 'LX', elements: [], expected: 'LX~' },
    { name: 'only empty elements', tag: 'LX', elements: ['', null, undefined, []], expected: 'LX~' },
    { name: 'spaces are data, not empty', tag: 'NTE', elements: ['ADD', ' '], expected: 'NTE*ADD* ~' },
  ];

  it.each(cases)('$name', ({ tag, elements, expected }) => {
    expect(written((w) => w.segment(tag, ...elements))).toEqual([expected]);
  });

  it('writes with the delimiters it was given', () => {
    expect(written((w) => w.segment('SV1', ['HC', '99213', '25'], '125', '', 'UN'), PIPES)).toEqual([
      'SV1|HC>99213>25|125||UN\x1d',
    ]);
  });
});

/** A two-group interchange: group 7 with sets 1 (3 body segments) and 2 (0), group 8 with set 12345 (1). */
function sample(d: Delimiters = DEFAULT_DELIMITERS) {
  const counts: number[] = [];
  const body = (n: number) => (w: SegmentWriter) => {
    const before = w.count;
    for (let i = 0; i < n; i++) w.segment('REF', 'EI', String(i));
    counts.push(w.count - before);
  };
  const set = (controlNumber: number, n: number) => ({
    type: '837',
    controlNumber,
    implementation: '005010X222A1',
    body: body(n),
  });
  const text = writeInterchange(spec({ groups: [group(7, [set(1, 3), set(2, 0)]), group(8, [set(12345, 1)])] }), d);
  return { text, counts };
}

describe('X12 writer: envelopes', () => {
  it('SE01 counts ST..SE, GE01 the sets, IEA01 the groups; trailers repeat the control numbers', () => {
    const { text, counts } = sample();
    expect(counts).toEqual([3, 0, 1]);
    const segments = text.split('~').filter(Boolean);
    expect(segments.slice(1)).toEqual([
      'GS*HC*SUBMITTER01*123456789*20260115*0930*7*X*005010X222A1',
      'ST*837*0001*005010X222A1',
      'REF*EI*0',
      'REF*EI*1',
      'REF*EI*2',
      'SE*5*0001',
      'ST*837*0002*005010X222A1',
      'SE*2*0002',
      'GE*2*7',
      'GS*HC*SUBMITTER01*123456789*20260115*0930*8*X*005010X222A1',
      'ST*837*12345*005010X222A1',
      'REF*EI*0',
      'SE*3*12345',
      'GE*1*8',
      'IEA*2*000000042',
    ]);
    const document = parseX12(text);
    expect(document.warnings).toEqual([]);
    expect(document.interchanges[0]!.controlNumber).toBe('000000042');
    expect(document.interchanges[0]!.groups.map((g) => g.controlNumber)).toEqual(['7', '8']);
    expect(transactionsOf(document).map((t) => [t.controlNumber, t.segments.length])).toEqual([
      ['0001', 3],
      ['0002', 0],
      ['12345', 1],
    ]);
  });

  it('an interchange without groups has IEA01 0', () => {
    const text = writeInterchange(spec());
    expect(text.endsWith('IEA*0*000000042~')).toBe(true);
    expect(parseX12(text).interchanges[0]!.groups).toEqual([]);
  });

  it('the largest control numbers fit', () => {
    const set = { type: '837', controlNumber: 999_999_999, implementation: '005010X222A1', body() {} };
    const text = writeInterchange(spec({ controlNumber: 999_999_999, groups: [group(999_999_999, [set])] }));
    expect(text).toContain('*999999999*1*T*:~GS*');
    expect(text).toContain('ST*837*999999999*005010X222A1~SE*2*999999999~GE*1*999999999~IEA*1*999999999~');
    expect(parseX12(text).warnings).toEqual([]);
  });
});

describe('X12 writer: the ISA is fixed width', () => {
  // Separator offsets of a 106-character ISA (X12.5): the element separator is at every one of these.
  const SEPARATORS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

  it.each([
    { name: 'default delimiters, short IDs', d: DEFAULT_DELIMITERS, senderId: 'A', receiverId: 'B' },
    { name: 'full-width IDs', d: DEFAULT_DELIMITERS, senderId: 'S'.repeat(15), receiverId: 'R'.repeat(15) },
    { name: 'pipes and 0x1D', d: PIPES, senderId: 'SUBMITTER01', receiverId: '123456789' },
    { name: 'no repetition separator', d: { ...DEFAULT_DELIMITERS, repetition: null }, senderId: 'X', receiverId: 'Y' },
    { name: 'newline terminator', d: NEWLINE, senderId: 'SUB', receiverId: 'REC' },
  ])('$name: 106 characters, delimiters at their fixed offsets', ({ d, senderId, receiverId }) => {
    const text = writeInterchange(spec({ senderId, receiverId }), d);
    const isa = text.slice(0, 106);
    expect(isa.startsWith('ISA')).toBe(true);
    for (const at of SEPARATORS) expect(isa[at]).toBe(d.element);
    expect(isa.split(d.element)).toHaveLength(17);
    expect(isa[82]).toBe(d.repetition ?? 'U');
    expect(isa[104]).toBe(d.component);
    expect(isa[105]).toBe(d.segment);
    expect(isa.slice(35, 50)).toBe(senderId.padEnd(15));
    expect(isa.slice(54, 69)).toBe(receiverId.padEnd(15));
    expect(isa.slice(84, 89)).toBe('00501');
    expect(isa.slice(90, 99)).toBe('000000042');
    expect(isa[100]).toBe('1');
    expect(isa[102]).toBe('T');
    const scan = scanIsa(text, 0);
    expect(scan).toMatchObject({ kind: 'ok', delimiters: d, length: 106 });
    const read = parseX12(text).interchanges[0]!;
    expect(read).toMatchObject({ senderId, receiverId, controlNumber: '000000042', usage: 'T', delimiters: d });
  });

  it('ISA01-04 are blank authorization and security fields; ISA14 follows acknowledgmentRequested', () => {
    const text = writeInterchange(spec({ acknowledgmentRequested: false, usage: 'P' }));
    expect(text.slice(0, 106)).toBe(
      'ISA*00*          *00*          *ZZ*SUBMITTER01    *30*123456789      *260115*0930*^*00501*000000042*0*P*:~',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Round trip: whatever the writer accepts, parseX12 reads back as the same element values.

const PLAIN_DELIMITERS = [..."*|!~^:>`_'+#@%&{}"];
const delimitersArb: fc.Arbitrary<Delimiters> = fc
  .tuple(
    fc.shuffledSubarray(PLAIN_DELIMITERS, { minLength: 4, maxLength: 4 }),
    fc.constantFrom(null, '\n', '\r', '\x1d'),
    fc.boolean(),
  )
  .map(([[element, component, repetition, segment], special, withRepetition]) => ({
    element: element!,
    component: component!,
    repetition: withRepetition ? repetition! : null,
    segment: special ?? segment!,
  }));

const ENVELOPE_TAGS = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE']);
const tagArb = fc.stringMatching(/^[A-Z][A-Z0-9]{1,2}$/).filter((t) => !ENVELOPE_TAGS.has(t));

/** Printable ASCII (and tab) that is none of the delimiters. */
function valueArb(d: Delimiters): fc.Arbitrary<string> {
  const taken = new Set([d.element, d.component, d.segment, d.repetition]);
  const chars: string[] = ['\t'];
  for (let c = 0x20; c < 0x7f; c++) if (!taken.has(String.fromCharCode(c))) chars.push(String.fromCharCode(c));
  return fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });
}

function elementArb(d: Delimiters): fc.Arbitrary<Element> {
  const value = valueArb(d);
  return fc.oneof(
    { weight: 5, arbitrary: value },
    { weight: 2, arbitrary: fc.array(fc.oneof(value, fc.constant(''), fc.constant(null)), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, '') },
  );
}

/** What the reader should see for one written segment: trailing empties gone, composites joined. */
function expectedElements(tag: string, elements: readonly Element[], d: Delimiters): string[] {
  const values = elements.map((e) => {
    if (e === undefined || e === null) return '';
    if (typeof e === 'string') return e;
    const parts = e.map((p) => p ?? '');
    while (parts.length > 0 && parts.at(-1) === '') parts.pop();
    return parts.join(d.component);
  });
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return [tag, ...values];
}

const segmentArb = (d: Delimiters) => fc.tuple(tagArb, fc.array(elementArb(d), { maxLength: 8 }));
const interchangeArb = delimitersArb.chain((d) =>
  fc.record({
    d: fc.constant(d),
    groups: fc.array(fc.array(fc.array(segmentArb(d), { maxLength: 6 }), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 2,
    }),
    controlNumber: fc.integer({ min: 1, max: 999_999_999 }),
  }),
);

describe('X12 writer → parseX12 round trip (property)', () => {
  it('random segment content in random delimiters reads back as the same element values', () => {
    fc.assert(
      fc.property(interchangeArb, ({ d, groups, controlNumber }) => {
        let st = 0;
        const text = writeInterchange(
          spec({
            controlNumber,
            groups: groups.map((sets, g) =>
              group(
                g + 1,
                sets.map((segments) => ({
                  type: '837',
                  controlNumber: ++st,
                  implementation: '005010X222A1',
                  body: (w: SegmentWriter) => {
                    for (const [tag, elements] of segments) w.segment(tag, ...elements);
                  },
                })),
              ),
            ),
          }),
          d,
        );
        const document = parseX12(text);
        expect(document.warnings).toEqual([]);
        expect(document.interchanges[0]!.delimiters).toEqual(d);
        expect(document.interchanges[0]!.controlNumber).toBe(String(controlNumber).padStart(9, '0'));
        const read = transactionsOf(document).map((t) => t.segments.map((s) => [...s.elements]));
        const expected = groups.flat().map((segments) => segments.map(([tag, els]) => expectedElements(tag, els, d)));
        expect(read).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
