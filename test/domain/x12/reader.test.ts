import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Delimiters } from '../../../src/domain/x12/delimiters.js';
import { components, el, parseX12, repeats, transactionsOf } from '../../../src/domain/x12/document.js';
import {
  ENVELOPE_ISSUE_KINDS,
  type EnvelopeIssueKind,
  X12Error,
  type X12Issue,
  type X12IssueKind,
} from '../../../src/domain/x12/errors.js';
import { createX12Stream, type ReadOptions } from '../../../src/domain/x12/reader.js';

/**
 * The X12 reader on hand-made interchanges. Segments are written in a template notation with the default delimiters
 * (`*` element, `:` component, `^` repetition, `~` terminator) and translated to the delimiters of the case, so one
 * body serves every delimiter set.
 */

interface Shape {
  element: string;
  component: string;
  /** ISA11 as written: a repetition separator, or 'U' (before 00501). */
  isa11: string;
  segment: string;
}

const DEFAULT: Shape = { element: '*', component: ':', isa11: '^', segment: '~' };

/** A fixed-width ISA (106 characters with its terminator). */
function isa(shape: Shape, control = '000000101', version = '00501'): string {
  const fields = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'SENDER'.padEnd(15),
    'ZZ',
    'RECEIVER'.padEnd(15),
    '260115',
    '1200',
    shape.isa11,
    version,
    control,
    '0',
    'T',
    shape.component,
  ];
  return fields.join(shape.element) + shape.segment;
}

/** Template segment (default delimiters, no terminator) in the delimiters of `shape`. */
function translate(template: string, shape: Shape): string {
  const map: Record<string, string> = { '*': shape.element, ':': shape.component, '^': shape.isa11 };
  return template.replace(/[*:^]/g, (c) => map[c]!);
}

interface Layout {
  bom?: boolean;
  /** Text before the ISA. */
  lead?: string;
  /** Text after each segment terminator (line breaks of a pretty-printed file). */
  after?: string;
  /** Indentation before each segment after the ISA. */
  indent?: string;
  /** Leave the last segment without its terminator. */
  unterminatedLast?: boolean;
}

/** One interchange: ISA from `shape` and `control`, then `segments` (templates). */
function interchange(
  shape: Shape,
  segments: readonly string[],
  layout: Layout = {},
  control = '000000101',
  version = '00501',
): string {
  const after = layout.after ?? '';
  let text = (layout.bom ? '\ufeff' : '') + (layout.lead ?? '') + isa(shape, control, version) + after;
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    text += (layout.indent ?? '') + translate(s, shape);
    if (!(last && layout.unterminatedLast)) text += shape.segment + after;
  });
  return text;
}

/** A 837-shaped body: NM1 plain, SV1 composite, EB repeats, REF with spaces. */
const BODY = [
  'GS*HC*SENDER*RECEIVER*20260115*1200*7*X*005010X222A1',
  'ST*837*0001*005010X222A1',
  'NM1*IL*1*DOE*JOHN****MI*W123456789',
  'SV1*HC:99213:25:59*125*UN*1***1:2',
  'EB*1**1^33^35',
  'REF*EI*SMITH AND SONS',
  'SE*6*0001',
  'GE*1*7',
  'IEA*1*000000101',
];
/** The same body for an interchange without a repetition separator: EB03 is one value. */
const BODY_NO_REPEAT = BODY.map((s) => (s.startsWith('EB*') ? 'EB*1**1' : s));

/** The tags and elements of every transaction segment, with its position. */
function segmentsOf(text: string, options?: ReadOptions) {
  return transactionsOf(parseX12(text, options)).flatMap((t) =>
    t.segments.map((s) => ({ position: s.position, elements: [...s.elements] })),
  );
}

/** The issue an X12Error carries, or a failure if the text was read (or something else was thrown). */
function refusal(text: string, options?: ReadOptions): X12Issue {
  try {
    parseX12(text, options);
  } catch (error) {
    if (error instanceof X12Error) {
      expect(error.issues).toHaveLength(1);
      expect(error.code).toBe('x12_invalid');
      return error.issues[0]!;
    }
    throw error;
  }
  throw new Error('expected the text to be refused');
}

describe('X12 reader: delimiters taken from the ISA', () => {
  const cases: { name: string; shape: Shape; repetition: string | null }[] = [
    { name: "'*' ':' '^' '~' (the usual set)", shape: DEFAULT, repetition: '^' },
    {
      name: "'|' elements, '>' components",
      shape: { element: '|', component: '>', isa11: '^', segment: '~' },
      repetition: '^',
    },
    {
      name: "'~' elements, '^' components, '_' terminator, ISA11 U",
      shape: { element: '~', component: '^', isa11: 'U', segment: '_' },
      repetition: null,
    },
    {
      name: "'>' repetition (ISA11)",
      shape: { element: '*', component: ':', isa11: '>', segment: '~' },
      repetition: '>',
    },
    {
      name: '0x1D (GS control character) terminator',
      shape: { element: '*', component: ':', isa11: '^', segment: '\x1d' },
      repetition: '^',
    },
    {
      name: 'bang elements, backslash components, backtick repetition, quote terminator',
      shape: { element: '!', component: '\\', isa11: '`', segment: "'" },
      repetition: '`',
    },
    { name: 'newline terminator', shape: { element: '*', component: '>', isa11: '`', segment: '\n' }, repetition: '`' },
    { name: 'CR terminator', shape: { element: '*', component: ':', isa11: '^', segment: '\r' }, repetition: '^' },
  ];

  it.each(cases)('$name', ({ shape, repetition }) => {
    const body = repetition ? BODY : BODY_NO_REPEAT;
    const document = parseX12(interchange(shape, body));
    const expected: Delimiters = {
      element: shape.element,
      component: shape.component,
      repetition,
      segment: shape.segment,
    };
    expect(document.warnings).toEqual([]);
    expect(document.interchanges[0]!.delimiters).toEqual(expected);
    const [t] = transactionsOf(document);
    expect(t!.delimiters).toEqual(expected);
    const [nm1, sv1, eb, ref] = t!.segments;
    expect(nm1!.elements).toEqual(['NM1', 'IL', '1', 'DOE', 'JOHN', '', '', '', 'MI', 'W123456789']);
    expect(el(nm1!, 3)).toBe('DOE');
    expect(el(nm1!, 12)).toBe('');
    expect(components(el(sv1!, 1), t!.delimiters)).toEqual(['HC', '99213', '25', '59']);
    expect(components(el(sv1!, 7), t!.delimiters)).toEqual(['1', '2']);
    expect(repeats(el(eb!, 3), t!.delimiters)).toEqual(repetition ? ['1', '33', '35'] : ['1']);
    expect(el(ref!, 2)).toBe('SMITH AND SONS');
    expect(document.segmentCount).toBe(body.length + 1);
  });

  it("ISA11 'U' with version 00401: no repetition separator, a '^' in data stays in the value", () => {
    const text = interchange({ ...DEFAULT, isa11: 'U' }, BODY_NO_REPEAT, {}, '000000101', '00401');
    const document = parseX12(text.replace('EB*1**1~', 'EB*1**1^33~'));
    const t = transactionsOf(document)[0]!;
    expect(document.interchanges[0]!.version).toBe('00401');
    expect(t.delimiters.repetition).toBeNull();
    expect(repeats(el(t.segments[2]!, 3), t.delimiters)).toEqual(['1^33']);
  });

  it('ISA11 equal to ISA16 (a collision some senders write) gives no repetition separator', () => {
    const shape: Shape = { element: '*', component: '^', isa11: '^', segment: '~' };
    const t = transactionsOf(parseX12(interchange(shape, BODY_NO_REPEAT)))[0]!;
    expect(t.delimiters).toEqual({ element: '*', component: '^', repetition: null, segment: '~' });
    expect(components(el(t.segments[1]!, 1), t.delimiters)).toEqual(['HC', '99213', '25', '59']);
  });

  it('an ISA whose fixed-width fields are not padded still reads (elements are counted, not measured)', () => {
    const text =
      'ISA*00* *00* *ZZ*NVMED *ZZ*99999999*180613*1230*^*00501*100000300*0*P*:~' +
      'GS*HP*NVMED*99999999*20180613*123021*1*X*005010X221A1~ST*835*0001~BPR*H*0~SE*3*0001~GE*1*1~IEA*1*100000300~';
    const document = parseX12(text);
    expect(document.interchanges[0]).toMatchObject({
      senderId: 'NVMED',
      receiverId: '99999999',
      controlNumber: '100000300',
      usage: 'P',
      delimiters: { element: '*', component: ':', repetition: '^', segment: '~' },
    });
    expect(transactionsOf(document)[0]).toMatchObject({
      type: '835',
      controlNumber: '0001',
      implementation: '005010X221A1',
    });
  });

  it('reads the ISA and GS header fields', () => {
    const document = parseX12(interchange(DEFAULT, BODY));
    const i = document.interchanges[0]!;
    expect(i).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: 'SENDER',
      receiverQualifier: 'ZZ',
      receiverId: 'RECEIVER',
      date: '260115',
      time: '1200',
      version: '00501',
      controlNumber: '000000101',
      usage: 'T',
      position: 1,
    });
    expect(i.groups[0]).toMatchObject({
      functionalId: 'HC',
      sender: 'SENDER',
      receiver: 'RECEIVER',
      date: '20260115',
      time: '1200',
      controlNumber: '7',
      version: '005010X222A1',
      position: 2,
    });
    expect(i.groups[0]!.transactions[0]).toMatchObject({ type: '837', controlNumber: '0001', position: 3 });
  });
});

describe('X12 reader: what surrounds the segments', () => {
  const plain = segmentsOf(interchange(DEFAULT, BODY));

  const layouts: { name: string; layout: Layout }[] = [
    { name: 'no line breaks', layout: {} },
    { name: 'LF after each terminator', layout: { after: '\n' } },
    { name: 'CRLF after each terminator', layout: { after: '\r\n' } },
    { name: 'CR after each terminator', layout: { after: '\r' } },
    { name: 'UTF-8 BOM', layout: { bom: true } },
    { name: 'UTF-8 BOM, CRLF and indentation (pretty-printed)', layout: { bom: true, after: '\r\n', indent: '    ' } },
    { name: 'leading blank lines and spaces before the ISA', layout: { lead: '\r\n\n   \t' } },
    { name: 'BOM then whitespace before the ISA', layout: { bom: true, lead: '  \n' } },
    { name: 'tabs and spaces before each tag', layout: { indent: ' \t \t' } },
    { name: 'last segment without terminator', layout: { unterminatedLast: true } },
    { name: 'last segment without terminator, then CRLF', layout: { unterminatedLast: true, after: '\r\n' } },
    { name: 'blank lines between segments', layout: { after: '\r\n\r\n' } },
  ];

  it.each(layouts)('$name: the same segments at the same positions', ({ layout }) => {
    const document = parseX12(interchange(DEFAULT, BODY, layout));
    expect(document.warnings).toEqual([]);
    expect(document.segmentCount).toBe(BODY.length + 1);
    expect(segmentsOf(interchange(DEFAULT, BODY, layout))).toEqual(plain);
  });

  const newline: Shape = { ...DEFAULT, segment: '\n' };
  it.each([
    { name: 'LF files', layout: {}, crlf: false },
    { name: 'CRLF files (the CR after ISA16 is the terminator, the LF layout)', layout: {}, crlf: true },
    { name: 'indented segments', layout: { indent: '  ' }, crlf: false },
    { name: 'indented CRLF segments after a BOM', layout: { indent: '\t', bom: true }, crlf: true },
    { name: 'an LF after the ISA, CRLF after the other segments (the CR is not data)', layout: {}, crlf: 'mixed' },
    { name: 'unterminated last line', layout: { unterminatedLast: true }, crlf: false },
  ])('newline as the segment terminator: $name', ({ layout, crlf }) => {
    let text = interchange(newline, BODY, layout);
    if (crlf === true) text = text.replaceAll('\n', '\r\n');
    if (crlf === 'mixed') text = text.replaceAll('\n', '\r\n').replace('\r\n', '\n');
    const document = parseX12(text);
    expect(document.interchanges[0]!.delimiters.segment).toBe(crlf === true ? '\r' : '\n');
    expect(segmentsOf(text)).toEqual(plain);
  });

  it('newline terminator: spaces before the newline are data and are kept', () => {
    const body = BODY.map((s) => (s.startsWith('REF*') ? 'REF*EI*SMITH  ' : s));
    const lf = interchange(newline, body);
    for (const text of [lf, lf.replaceAll('\n', '\r\n'), lf.replaceAll('\n', '\r\n').replace('\r\n', '\n')]) {
      const ref = transactionsOf(parseX12(text))[0]!.segments[3]!;
      expect(ref.elements).toEqual(['REF', 'EI', 'SMITH  ']);
    }
  });

  it('CR terminator with CRLF line ends: the LF is layout, not a segment', () => {
    const text = interchange({ ...DEFAULT, segment: '\r' }, BODY, { after: '\n', bom: true, indent: '  ' });
    expect(segmentsOf(text)).toEqual(plain);
  });

  it('0x1D terminator followed by CRLF and indentation', () => {
    const text = interchange({ ...DEFAULT, segment: '\x1d' }, BODY, { after: '\r\n', indent: '\t\t' });
    expect(segmentsOf(text)).toEqual(plain);
  });

  it('a TA1 between ISA and GS is an interchange segment, not a transaction segment', () => {
    const text = interchange(DEFAULT, ['TA1*000000050*260115*1200*A*000', ...BODY]);
    const document = parseX12(text);
    expect(document.interchanges[0]!.segments.map((s) => [...s.elements])).toEqual([
      ['TA1', '000000050', '260115', '1200', 'A', '000'],
    ]);
    expect(document.interchanges[0]!.segments[0]!.position).toBe(2);
    expect(transactionsOf(document)[0]!.segments).toHaveLength(4);
  });
});

describe('X12 reader: several envelopes in one file', () => {
  const first = interchange(
    DEFAULT,
    [
      'GS*HC*A*B*20260115*1200*7*X*005010X222A1',
      'ST*837*0001*005010X222A1',
      'BHT*0019*00*1',
      'SE*3*0001',
      'ST*837*0002*005010X222A1',
      'BHT*0019*00*2',
      'NM1*IL*1*DOE',
      'SE*4*0002',
      'GE*2*7',
      'GS*HC*A*B*20260115*1200*8*X*005010X222A1',
      'ST*837*0003',
      'BHT*0019*00*3',
      'SE*3*0003',
      'GE*1*8',
      'IEA*2*000000101',
    ],
    { after: '\r\n' },
  );
  const pipes: Shape = { element: '|', component: '>', isa11: '!', segment: '\x1d' };
  const second = interchange(
    pipes,
    [
      'GS*HP*C*D*20260116*0800*9*X*005010X221A1',
      'ST*835*1001*005010X221A1',
      'CLP*X1*1*100*80',
      'SVC*HC:99213*100*80',
      'SE*4*1001',
      'ST*835*1002*005010X221A1',
      'CLP*X2*4*50*0',
      'SE*3*1002',
      'GE*2*9',
      'IEA*1*000000102',
    ],
    { after: '\n', indent: '  ' },
    '000000102',
  );

  it('reads each interchange with its own delimiters, control numbers and positions', () => {
    const document = parseX12(first + second);
    expect(document.warnings).toEqual([]);
    expect(document.interchanges.map((i) => [i.controlNumber, i.position, i.delimiters])).toEqual([
      ['000000101', 1, { element: '*', component: ':', repetition: '^', segment: '~' }],
      ['000000102', 17, { element: '|', component: '>', repetition: '!', segment: '\x1d' }],
    ]);
    expect(
      document.interchanges.map((i) => i.groups.map((g) => [g.controlNumber, g.functionalId, g.position])),
    ).toEqual([
      [
        ['7', 'HC', 2],
        ['8', 'HC', 11],
      ],
      [['9', 'HP', 18]],
    ]);
    const sets = transactionsOf(document);
    expect(sets.map((t) => [t.type, t.controlNumber, t.implementation, t.position, t.segments.length])).toEqual([
      ['837', '0001', '005010X222A1', 3, 1],
      ['837', '0002', '005010X222A1', 6, 2],
      ['837', '0003', '005010X222A1', 12, 1], // ST03 absent: GS08
      ['835', '1001', '005010X221A1', 19, 2],
      ['835', '1002', '005010X221A1', 23, 1],
    ]);
    expect(sets[3]!.delimiters.segment).toBe('\x1d');
    expect(components(el(sets[3]!.segments[1]!, 1), sets[3]!.delimiters)).toEqual(['HC', '99213']);
    expect(document.segmentCount).toBe(27);
  });

  it('a second ISA in the same stream after whitespace and a BOM', () => {
    const document = parseX12(`${first}\r\n\ufeff  ${second}`);
    expect(document.interchanges).toHaveLength(2);
  });
});

/** A clean interchange: ISA(1) GS(2) ST(3) BHT(4) NM1(5) SE(6) GE(7) IEA(8). */
const CLEAN = [
  'GS*HC*SENDER*RECEIVER*20260115*1200*7*X*005010X222A1',
  'ST*837*0001*005010X222A1',
  'BHT*0019*00*1',
  'NM1*IL*1*DOE',
  'SE*4*0001',
  'GE*1*7',
  'IEA*1*000000101',
];
const edit = (replace: Record<string, string | null>) =>
  CLEAN.flatMap((s) => (s in replace ? (replace[s] === null ? [] : [replace[s]!]) : [s]));
const build = (segments: readonly string[], layout?: Layout) => interchange(DEFAULT, segments, layout);

describe('X12 reader: envelope issues, strict and lenient', () => {
  it('a clean interchange reads strictly with no warning', () => {
    expect(parseX12(build(CLEAN)).warnings).toEqual([]);
  });

  const cases: { name: string; text: string; issue: Omit<X12Issue, 'message'> & { kind: EnvelopeIssueKind } }[] = [
    {
      name: 'SE01 counts one segment too many',
      text: build(edit({ 'SE*4*0001': 'SE*5*0001' })),
      issue: { kind: 'se_count_mismatch', segment: 'SE', position: 6, controlNumber: '0001' },
    },
    {
      name: 'SE01 is empty',
      text: build(edit({ 'SE*4*0001': 'SE**0001' })),
      issue: { kind: 'se_count_mismatch', segment: 'SE', position: 6, controlNumber: '0001' },
    },
    {
      name: 'SE01 is not a plain count (4.0)',
      text: build(edit({ 'SE*4*0001': 'SE*4.0*0001' })),
      issue: { kind: 'se_count_mismatch', segment: 'SE', position: 6, controlNumber: '0001' },
    },
    {
      name: 'SE02 differs from ST02',
      text: build(edit({ 'SE*4*0001': 'SE*4*0002' })),
      issue: { kind: 'se_control_mismatch', segment: 'SE', position: 6, controlNumber: '0001' },
    },
    {
      name: 'GE01 counts two sets for one',
      text: build(edit({ 'GE*1*7': 'GE*2*7' })),
      issue: { kind: 'ge_count_mismatch', segment: 'GE', position: 7, controlNumber: '7' },
    },
    {
      name: 'GE01 empty on a group with no set',
      text: build(['GS*HC*S*R*20260115*1200*7*X*005010X222A1', 'GE**7', 'IEA*1*000000101']),
      issue: { kind: 'ge_count_mismatch', segment: 'GE', position: 3, controlNumber: '7' },
    },
    {
      name: 'GE02 differs from GS06',
      text: build(edit({ 'GE*1*7': 'GE*1*8' })),
      issue: { kind: 'ge_control_mismatch', segment: 'GE', position: 7, controlNumber: '7' },
    },
    {
      name: 'IEA01 counts two groups for one',
      text: build(edit({ 'IEA*1*000000101': 'IEA*2*000000101' })),
      issue: { kind: 'iea_count_mismatch', segment: 'IEA', position: 8, controlNumber: '000000101' },
    },
    {
      name: 'IEA02 differs from ISA13',
      text: build(edit({ 'IEA*1*000000101': 'IEA*1*000000102' })),
      issue: { kind: 'iea_control_mismatch', segment: 'IEA', position: 8, controlNumber: '000000101' },
    },
    {
      name: 'IEA02 without the leading zeros of ISA13',
      text: build(edit({ 'IEA*1*000000101': 'IEA*1*101' })),
      issue: { kind: 'iea_control_mismatch', segment: 'IEA', position: 8, controlNumber: '000000101' },
    },
    {
      name: 'no SE before GE',
      text: build(edit({ 'SE*4*0001': null })),
      issue: { kind: 'missing_se', segment: 'GE', position: 6, controlNumber: '0001' },
    },
    {
      name: 'no SE before the next ST',
      text: build([...CLEAN.slice(0, 4), 'ST*837*0002*005010X222A1', 'SE*2*0002', 'GE*2*7', 'IEA*1*000000101']),
      issue: { kind: 'missing_se', segment: 'ST', position: 6, controlNumber: '0001' },
    },
    {
      name: 'no GE before IEA',
      text: build(edit({ 'GE*1*7': null })),
      issue: { kind: 'missing_ge', segment: 'IEA', position: 7, controlNumber: '7' },
    },
    {
      name: 'no GE before the next GS',
      text: build([...CLEAN.slice(0, 5), ...CLEAN.slice(0, 6), 'IEA*2*000000101']),
      issue: { kind: 'missing_ge', segment: 'GS', position: 7, controlNumber: '7' },
    },
    {
      name: 'no IEA at the end of the file',
      text: build(edit({ 'IEA*1*000000101': null })),
      issue: { kind: 'missing_iea', segment: 'IEA', position: 8, controlNumber: '000000101' },
    },
    {
      name: 'no IEA before the next ISA',
      text: build(edit({ 'IEA*1*000000101': null })) + build(CLEAN, {}),
      issue: { kind: 'missing_iea', segment: 'ISA', position: 8, controlNumber: '000000101' },
    },
  ];

  it.each(cases)('$issue.kind ($name): refused strictly, naming the segment', ({ text, issue }) => {
    const found = refusal(text);
    expect(found).toMatchObject(issue);
    expect(found.message).toMatch(/\S/);
    expect(() => parseX12(text)).toThrow(`segment ${issue.segment} at position ${issue.position}`);
  });

  it.each(cases)('$issue.kind ($name): a warning when lenient lists that kind', ({ text, issue }) => {
    const document = parseX12(text, { lenient: [issue.kind] });
    expect(document.warnings).toHaveLength(1);
    expect(document.warnings[0]).toMatchObject(issue);
    expect(parseX12(text, { lenient: 'all' }).warnings).toEqual(document.warnings);
  });

  it.each(cases)('$issue.kind ($name): still refused when lenient lists every other kind', ({ text, issue }) => {
    const others = ENVELOPE_ISSUE_KINDS.filter((k) => k !== issue.kind);
    expect(refusal(text, { lenient: others })).toMatchObject(issue);
  });

  it('every envelope kind is covered by the table', () => {
    expect(new Set(cases.map((c) => c.issue.kind))).toEqual(new Set(ENVELOPE_ISSUE_KINDS));
  });

  it('a truncated file (no SE, GE, IEA): three issues at the end, each lenient kind alone is not enough', () => {
    const text = build(CLEAN.slice(0, 4), { after: '\r\n' });
    const expected = [
      { kind: 'missing_se', segment: 'IEA', position: 6, controlNumber: '0001' },
      { kind: 'missing_ge', segment: 'IEA', position: 6, controlNumber: '7' },
      { kind: 'missing_iea', segment: 'IEA', position: 6, controlNumber: '000000101' },
    ];
    expect(refusal(text)).toMatchObject(expected[0]!);
    expect(refusal(text, { lenient: ['missing_se'] })).toMatchObject(expected[1]!);
    expect(refusal(text, { lenient: ['missing_se', 'missing_ge'] })).toMatchObject(expected[2]!);
    const document = parseX12(text, { lenient: ['missing_se', 'missing_ge', 'missing_iea'] });
    expect(document.warnings).toMatchObject(expected);
    // What was read is still there.
    expect(transactionsOf(document)[0]!.segments.map((s) => s.elements[0])).toEqual(['BHT', 'NM1']);
  });

  it('several defects of one file, leniently: every warning in file order', () => {
    const text = build(edit({ 'SE*4*0001': 'SE*9*0009', 'GE*1*7': 'GE*3*8', 'IEA*1*000000101': 'IEA*0*1' }));
    expect(parseX12(text, { lenient: 'all' }).warnings.map((w) => [w.kind, w.segment, w.position])).toEqual([
      ['se_count_mismatch', 'SE', 6],
      ['se_control_mismatch', 'SE', 6],
      ['ge_count_mismatch', 'GE', 7],
      ['ge_control_mismatch', 'GE', 7],
      ['iea_count_mismatch', 'IEA', 8],
      ['iea_control_mismatch', 'IEA', 8],
    ]);
  });
});

describe('X12 reader: fatal issues (no leniency accepts them)', () => {
  const ISA = isa(DEFAULT);
  const cases: { name: string; text: string; kind: X12IssueKind; segment: string; position: number }[] = [
    { name: 'plain text', text: 'Hello, this is not X12', kind: 'not_x12', segment: 'Hel', position: 1 },
    { name: 'a file starting with GS', text: CLEAN.join('~'), kind: 'not_x12', segment: 'GS*', position: 1 },
    { name: 'JSON', text: '{"claims": []}', kind: 'not_x12', segment: '{"c', position: 1 },
    { name: 'an ISA cut short', text: 'ISA*00*          *00*   ', kind: 'bad_isa', segment: 'ISA', position: 1 },
    {
      name: 'a letter as element separator',
      text: `ISAX00X${'x'.repeat(200)}`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 1,
    },
    {
      name: 'an ISA with fewer than 16 elements',
      text: `ISA*00*${' '.repeat(250)}~GS*`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 1,
    },
    {
      name: 'ISA16 equal to the element separator',
      text: `${ISA.slice(0, 104)}**${CLEAN.join('~')}`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 1,
    },
    {
      name: 'a letter as terminator',
      text: `${ISA.slice(0, 105)}X${CLEAN.join('~')}`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 1,
    },
    {
      name: 'a letter as ISA16',
      text: `${ISA.slice(0, 104)}A~${CLEAN.join('~')}`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 1,
    },
    {
      name: 'a second ISA cut short',
      text: `${build(CLEAN)}ISA*00*          *`,
      kind: 'bad_isa',
      segment: 'ISA',
      position: 9,
    },
    {
      name: 'a lower-case tag',
      text: build(edit({ 'NM1*IL*1*DOE': 'nm1*IL*1*DOE' })),
      kind: 'bad_segment_tag',
      segment: 'nm1',
      position: 5,
    },
    {
      name: 'a four-character tag',
      text: build(edit({ 'NM1*IL*1*DOE': 'NM12*IL' })),
      kind: 'bad_segment_tag',
      segment: 'NM12',
      position: 5,
    },
    {
      name: 'a one-character tag',
      text: build(edit({ 'NM1*IL*1*DOE': 'N*IL' })),
      kind: 'bad_segment_tag',
      segment: 'N',
      position: 5,
    },
    {
      name: 'no tag at all (named by its text)',
      text: build(edit({ 'NM1*IL*1*DOE': '*IC*DAVID ANGELASZEK*TE*3016809770' })),
      kind: 'bad_segment_tag',
      segment: '*IC*DAVID ANGELASZEK',
      position: 5,
    },
    {
      name: 'ST without GS',
      text: build(CLEAN.slice(1)),
      kind: 'segment_outside_envelope',
      segment: 'ST',
      position: 2,
    },
    {
      name: 'SE after SE',
      text: build(edit({ 'GE*1*7': 'SE*4*0001' })),
      kind: 'segment_outside_envelope',
      segment: 'SE',
      position: 7,
    },
    {
      name: 'GE after GE',
      text: build(edit({ 'IEA*1*000000101': 'GE*1*7' })),
      kind: 'segment_outside_envelope',
      segment: 'GE',
      position: 8,
    },
    {
      name: 'a data segment between SE and GE',
      text: build(edit({ 'GE*1*7': 'NM1*IL*1*DOE' })),
      kind: 'segment_outside_envelope',
      segment: 'NM1',
      position: 7,
    },
    {
      name: 'a data segment between GE and IEA',
      text: build([...CLEAN.slice(0, 6), 'NM1*IL*1*DOE', 'IEA*1*000000101']),
      kind: 'segment_outside_envelope',
      segment: 'NM1',
      position: 8,
    },
    {
      name: 'a TA1 between GE and the next GS (TA1 belongs before the first GS)',
      text: build([...CLEAN.slice(0, 6), 'TA1*000000050*260115*1200*A*000', ...CLEAN]),
      kind: 'segment_outside_envelope',
      segment: 'TA1',
      position: 8,
    },
    {
      name: 'data after the IEA',
      text: `${build(CLEAN, { after: '\n' })}GS*HC~`,
      kind: 'segment_outside_envelope',
      segment: 'GS*',
      position: 9,
    },
    { name: 'an empty file', text: '', kind: 'empty_file', segment: '', position: 0 },
    { name: 'only whitespace', text: ' \r\n\t\n', kind: 'empty_file', segment: '', position: 0 },
    { name: 'only a BOM', text: '\ufeff', kind: 'empty_file', segment: '', position: 0 },
  ];

  it.each(cases)('$kind: $name', ({ text, kind, segment, position }) => {
    expect(refusal(text)).toMatchObject({ kind, segment, position });
    expect(refusal(text, { lenient: 'all' })).toMatchObject({ kind, segment, position });
  });

  it('a bad tag inside a set carries the set control number', () => {
    expect(refusal(build(edit({ 'NM1*IL*1*DOE': 'nm1*IL' })))).toMatchObject({ controlNumber: '0001' });
  });
});

/** Everything the stream reports, in order, and how it ended. */
function record(text: string, cuts: readonly number[], options: ReadOptions = {}): string[] {
  const log: string[] = [];
  const stream = createX12Stream(
    {
      interchange: (h) => log.push(`ISA ${JSON.stringify(h)}`),
      group: (h) => log.push(`GS ${JSON.stringify(h)}`),
      transaction: (h) => log.push(`ST ${JSON.stringify(h)}`),
      segment: (s, t) => log.push(`${t.controlNumber} ${JSON.stringify(s)}`),
      transactionEnd: (h) => log.push(`SE ${h.controlNumber}`),
      interchangeSegment: (s) => log.push(`TA1 ${JSON.stringify(s)}`),
    },
    options,
  );
  try {
    let at = 0;
    for (const cut of [...cuts, text.length]) {
      stream.write(text.slice(at, cut));
      at = cut;
    }
    log.push(`END ${JSON.stringify(stream.end())}`);
  } catch (error) {
    if (!(error instanceof X12Error)) throw error;
    log.push(`ERROR ${JSON.stringify(error.issues)}`);
  }
  return log;
}

const everyChunk = (text: string, size: number) => {
  const cuts: number[] = [];
  for (let at = size; at < text.length; at += size) cuts.push(at);
  return cuts;
};

describe('X12 reader: streaming', () => {
  const pretty = interchange(DEFAULT, ['TA1*000000050*260115*1200*A*000', ...BODY], {
    bom: true,
    lead: '\r\n',
    after: '\r\n',
    indent: '  ',
  });
  const second = interchange(
    { element: '|', component: '>', isa11: 'U', segment: '\n' },
    BODY_NO_REPEAT.map((s) => s.replace('000000101', '000000102')),
    { after: '', unterminatedLast: true },
    '000000102',
  );
  const texts = {
    'two interchanges, BOM, CRLF, newline terminator, unterminated last segment': `${pretty}${second}`,
    'a 0x1D terminator': interchange({ ...DEFAULT, segment: '\x1d' }, BODY, { after: '\r\n' }),
    'a truncated file (lenient warnings)': build(CLEAN.slice(0, 4), { after: '\n' }),
    'an SE01 mismatch (error)': build(edit({ 'SE*4*0001': 'SE*5*0001' })),
    'a bad tag (error)': build(edit({ 'NM1*IL*1*DOE': '*IC*DAVID' })),
    'a truncated ISA (error)': `${build(CLEAN)}\nISA*00*          *00`,
    'not X12 (error)': 'NOT X12 AT ALL',
  };

  it.each(Object.entries(texts))('%s: chunks of every size 1..N give what one write gives', (_, text) => {
    for (const options of [{}, { lenient: 'all' as const }]) {
      const whole = record(text, [], options);
      expect(whole.length).toBeGreaterThan(0);
      for (let size = 1; size <= text.length; size++) {
        const chunked = record(text, everyChunk(text, size), options);
        if (chunked.join('\n') !== whole.join('\n')) expect({ size, chunked }).toEqual({ size, chunked: whole });
      }
    }
  });

  it('random chunk boundaries give what one write gives (property)', () => {
    const all = Object.values(texts);
    fc.assert(
      fc.property(
        fc.nat({ max: all.length - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }),
        fc.boolean(),
        (i, fractions, lenient) => {
          const text = all[i]!;
          const cuts = [...new Set(fractions.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
          const options: ReadOptions = lenient ? { lenient: 'all' } : {};
          expect(record(text, cuts, options)).toEqual(record(text, [], options));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('empty writes change nothing', () => {
    const text = texts['a 0x1D terminator'];
    const stream = createX12Stream({ segment() {} });
    stream.write('');
    stream.write(text.slice(0, 50));
    stream.write('');
    stream.write(text.slice(50));
    stream.write('');
    expect(stream.end()).toEqual({ warnings: [], segments: BODY.length + 1 });
  });
});
