import fc from 'fast-check';
// node-x12 (aaronhuggins/node-x12) is a webpack-bundled CommonJS module: Node's ESM loader cannot see its named
// exports, so it is imported whole.
import nodeX12 from 'node-x12';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS, type Delimiters } from '../../../src/domain/x12/delimiters.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
import {
  type GroupSpec,
  type InterchangeSpec,
  type SegmentWriter,
  type TransactionSpec,
  writeInterchange,
} from '../../../src/domain/x12/writer.js';

const { X12Parser, X12FatInterchange, X12Interchange } = nodeX12;
type TheirInterchange = InstanceType<typeof X12Interchange>;

/**
 * An independent reader: interchanges our writer produces must be accepted by node-x12's parser in strict mode
 * (`new X12Parser(true)`: it throws on SE01/SE02, GE01/GE02 and IEA01/IEA02 mismatches, on an ISA that is not
 * 106 characters, and on segments outside their envelopes) and it must see the control numbers and segment counts
 * we wrote. node-x12 takes the delimiters from the fixed ISA offsets (3, 82, 104, 105), so this also checks the
 * writer's fixed-width ISA. Caveat: node-x12 turns ISA13 and IEA02 into numbers (parseInt), so it compares them
 * without their leading zeros; the nine-digit form is checked on our side.
 */

interface Claim {
  id: string;
  cents: number;
  lines: { code: string; modifier?: string; cents: number }[];
}

/** An 837P-shaped transaction set: submitter, receiver, billing provider, subscriber, payer, claims with lines. */
function claimSet(controlNumber: number, claims: Claim[], patient: string): TransactionSpec {
  return {
    type: '837',
    controlNumber,
    implementation: '005010X222A1',
    body(w: SegmentWriter) {
      w.segment('BHT', '0019', '00', `BATCH${controlNumber}`, '20260115', '0930', 'CH');
      w.segment('NM1', '41', '2', 'NORTHSIDE CLINIC', '', '', '', '', '46', 'SUBMITTER01');
      w.segment('PER', 'IC', 'BILLING OFFICE', 'TE', '5555550100', 'EM', 'billing@example.com');
      w.segment('NM1', '40', '2', 'ACME HEALTH PLAN', '', '', '', '', '46', '123456789');
      w.segment('HL', '1', '', '20', '1');
      w.segment('PRV', 'BI', 'PXC', '207Q00000X');
      w.segment('NM1', '85', '2', 'NORTHSIDE CLINIC', '', '', '', '', 'XX', '1234567893');
      w.segment('N3', '100 MAIN ST', 'SUITE 200');
      w.segment('N4', 'SPRINGFIELD', 'IL', '627010001');
      w.segment('REF', 'EI', '371234567');
      w.segment('HL', '2', '1', '22', '0');
      w.segment('SBR', 'P', '18', 'GRP100', '', '', '', '', '', 'CI');
      w.segment('NM1', 'IL', '1', patient, 'JANE', 'Q', '', '', 'MI', 'W123456789');
      w.segment('N3', '12 ELM ST');
      w.segment('N4', 'SPRINGFIELD', 'IL', '62704');
      w.segment('DMG', 'D8', '19800214', 'F');
      w.segment('NM1', 'PR', '2', 'ACME HEALTH PLAN', '', '', '', '', 'PI', '12345');
      for (const claim of claims) {
        const total = (claim.cents / 100).toFixed(2);
        w.segment('CLM', claim.id, total, '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y');
        w.segment('HI', ['ABK', 'I10'], ['ABF', 'E119']);
        claim.lines.forEach((line, i) => {
          w.segment('LX', String(i + 1));
          w.segment('SV1', ['HC', line.code, line.modifier], (line.cents / 100).toFixed(2), 'UN', '1', '', '', [
            '1',
            '2',
          ]);
          w.segment('DTP', '472', 'D8', '20260110');
        });
      }
    },
  };
}

function group(controlNumber: number, transactions: TransactionSpec[]): GroupSpec {
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

function interchange(controlNumber: number, groups: GroupSpec[]): InterchangeSpec {
  return {
    senderQualifier: 'ZZ',
    senderId: 'SUBMITTER01',
    receiverQualifier: '30',
    receiverId: '123456789',
    date: '260115',
    time: '0930',
    controlNumber,
    usage: 'P',
    acknowledgmentRequested: true,
    groups,
  };
}

const claim = (id: string, codes: string[]): Claim => ({
  id,
  cents: codes.length * 12500,
  lines: codes.map((code, i) => ({ code, cents: 12500, ...(i === 0 ? { modifier: '25' } : {}) })),
});

/** Two groups: 1001 with sets 1 (one claim) and 2 (two claims), 1002 with set 3 (one claim, three lines). */
const SPEC = interchange(4711, [
  group(1001, [
    claimSet(1, [claim('PAT1-C1', ['99213'])], 'DOE'),
    claimSet(2, [claim('PAT2-C1', ['99214', '36415']), claim('PAT2-C2', ['99395'])], 'ROE'),
  ]),
  group(1002, [claimSet(3, [claim('PAT3-C1', ['99203', '81002', '93000'])], 'POE')]),
]);

/** What node-x12 and our reader each see: control numbers per level and each set's segment count (SE01). */
interface Seen {
  isa13: number;
  iea02: number;
  groups: { gs06: string; ge01: number; ge02: string; sets: { st02: string; se01: number; segments: number }[] }[];
}

function seenByNodeX12(i: TheirInterchange): Seen {
  return {
    isa13: Number(i.header.valueOf(13)),
    iea02: Number(i.trailer.valueOf(2)),
    groups: i.functionalGroups.map((g) => ({
      gs06: g.header.valueOf(6)!,
      ge01: Number(g.trailer.valueOf(1)),
      ge02: g.trailer.valueOf(2)!,
      sets: g.transactions.map((t) => ({
        st02: t.header.valueOf(2)!,
        se01: Number(t.trailer.valueOf(1)),
        segments: t.segments.length + 2,
      })),
    })),
  };
}

function seenByUs(text: string): Seen[] {
  const document = parseX12(text);
  expect(document.warnings).toEqual([]);
  return document.interchanges.map((i) => ({
    isa13: Number(i.controlNumber),
    iea02: Number(i.controlNumber),
    groups: i.groups.map((g) => ({
      gs06: g.controlNumber,
      ge01: g.transactions.length,
      ge02: g.controlNumber,
      sets: g.transactions.map((t) => ({
        st02: t.controlNumber,
        se01: t.segments.length + 2,
        segments: t.segments.length + 2,
      })),
    })),
  }));
}

function parseStrictly(text: string) {
  const parser = new X12Parser(true);
  const result = parser.parse(text);
  expect(parser.diagnostics).toEqual([]);
  return result;
}

describe('independent reader: node-x12 (strict) accepts what writeInterchange writes', () => {
  it.each([
    { name: 'default delimiters', d: DEFAULT_DELIMITERS },
    {
      name: "'|' elements, '>' components, '!' repetition, '~' terminator",
      d: { element: '|', component: '>', repetition: '!', segment: '~' },
    },
    { name: 'newline terminator', d: { element: '*', component: ':', repetition: '^', segment: '\n' } },
    { name: 'no repetition separator (ISA11 U)', d: { ...DEFAULT_DELIMITERS, repetition: null } },
  ] satisfies { name: string; d: Delimiters }[])('$name: same control numbers and segment counts', ({ d }) => {
    const text = writeInterchange(SPEC, d);
    const theirs = parseStrictly(text);
    expect(theirs).toBeInstanceOf(X12Interchange);
    expect(theirs).not.toBeInstanceOf(X12FatInterchange);
    const seen = seenByNodeX12(theirs as TheirInterchange);
    expect(seen).toEqual(seenByUs(text)[0]);
    expect(seen).toMatchObject({
      isa13: 4711,
      groups: [
        { gs06: '1001', ge01: 2, sets: [{ st02: '0001' }, { st02: '0002' }] },
        { gs06: '1002', ge01: 1, sets: [{ st02: '0003' }] },
      ],
    });
    // Our ISA13 keeps its nine digits (node-x12 drops the zeros).
    expect(parseX12(text).interchanges[0]!.controlNumber).toBe('000004711');
  });

  it('node-x12 sees the same segments and element values as our reader', () => {
    const text = writeInterchange(SPEC);
    const theirs = parseStrictly(text) as TheirInterchange;
    const theirSets = theirs.functionalGroups.flatMap((g) => g.transactions);
    const ourSets = transactionsOf(parseX12(text));
    expect(theirSets).toHaveLength(3);
    theirSets.forEach((t, i) => {
      const mine = ourSets[i]!.segments.map((s) => [...s.elements]);
      expect(t.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)])).toEqual(mine);
    });
    // Claims: CLM segments with their composite CLM05 as written.
    const clms = theirSets.flatMap((t) => t.segments.filter((s) => s.tag === 'CLM'));
    expect(clms.map((s) => [s.valueOf(1), s.valueOf(2), s.valueOf(5)])).toEqual([
      ['PAT1-C1', '125.00', '11:B:1'],
      ['PAT2-C1', '250.00', '11:B:1'],
      ['PAT2-C2', '125.00', '11:B:1'],
      ['PAT3-C1', '375.00', '11:B:1'],
    ]);
    // The ISA header fields node-x12 reads at their fixed positions.
    expect([6, 8, 11, 12, 14, 15, 16].map((n) => theirs.header.valueOf(n))).toEqual([
      'SUBMITTER01    ',
      '123456789      ',
      '^',
      '00501',
      '1',
      'P',
      ':',
    ]);
  });

  it('two interchanges in one file: a fat interchange, each with its own control numbers', () => {
    const second = interchange(4712, [group(2001, [claimSet(7, [claim('PAT9-C1', ['99212'])], 'LOE')])]);
    const text = writeInterchange(SPEC) + writeInterchange(second);
    const theirs = parseStrictly(text);
    expect(theirs).toBeInstanceOf(X12FatInterchange);
    // X12FatInterchange is an Array subclass whose `interchanges` is itself: copy it into a plain array.
    const all: TheirInterchange[] = [...(theirs as InstanceType<typeof X12FatInterchange>).interchanges];
    expect(all).toHaveLength(2);
    expect(all.map(seenByNodeX12)).toEqual(seenByUs(text));
    expect(all.map((i) => Number(i.header.valueOf(13)))).toEqual([4711, 4712]);
  });

  it('strict mode is not a rubber stamp: a tampered SE01, GE01, GE02, IEA01 or IEA02 is refused', () => {
    const text = writeInterchange(SPEC);
    const se01 = /SE\*(\d+)\*0001~/.exec(text)![1]!;
    const tampered = [
      text.replace(`SE*${se01}*0001~`, `SE*${Number(se01) + 1}*0001~`),
      text.replace('GE*2*1001~', 'GE*3*1001~'),
      text.replace('GE*2*1001~', 'GE*2*1009~'),
      text.replace('IEA*2*000004711~', 'IEA*1*000004711~'),
      text.replace('IEA*2*000004711~', 'IEA*2*000004712~'),
    ];
    for (const t of tampered) {
      expect(t).not.toBe(text);
      expect(() => new X12Parser(true).parse(t)).toThrow(/X12 Standard/);
    }
  });

  it('random interchange shapes (groups × sets × claims × lines): node-x12 agrees on every count (property)', () => {
    const codes = fc.array(fc.constantFrom('99211', '99213', '99214', '36415', '81002', '93000', 'J1100'), {
      minLength: 1,
      maxLength: 4,
    });
    const shape = fc.record({
      isa13: fc.integer({ min: 1, max: 999_999_999 }),
      groups: fc.array(fc.array(fc.array(codes, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(shape, ({ isa13, groups }) => {
        let st = 0;
        const spec = interchange(
          isa13,
          groups.map((sets, g) =>
            group(
              100 + g,
              sets.map((claims) => {
                st++;
                return claimSet(
                  st,
                  claims.map((lines, c) => claim(`C${st}-${c}`, lines)),
                  'DOE',
                );
              }),
            ),
          ),
        );
        const text = writeInterchange(spec);
        const theirs = parseStrictly(text) as TheirInterchange;
        expect(seenByNodeX12(theirs)).toEqual(seenByUs(text)[0]);
        const clm = theirs.functionalGroups
          .flatMap((g) => g.transactions.flatMap((t) => t.segments))
          .filter((s) => s.tag === 'CLM');
        expect(clm).toHaveLength(groups.flat().flat().length);
      }),
      { numRuns: 60 },
    );
  });
});
