import { describe, expect, it } from 'vitest';
import { read999 } from '../../../src/domain/x12/ack-999.js';
import { readAcknowledgments } from '../../../src/domain/x12/acknowledgments.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
import { X12Error } from '../../../src/domain/x12/errors.js';
import {
  announceSkip,
  assertOnlyTypedErrors,
  interchange,
  OTHER_DIR,
  otherFiles,
  present,
  read,
  refusal,
  sample,
  skipReal,
} from './ack.fixtures.js';

announceSkip('999');

const ack999 = (body: readonly string[], implementation = '005010X231A1') => {
  const { acks999 } = readAcknowledgments(interchange('999', implementation, body));
  return acks999[0]!;
};

const ACCEPTED_ONE = ['AK1*HC*1001*005010X222A1', 'AK2*837*0001*005010X222A1', 'IK5*A', 'AK9*A*1*1*1'];

describe('999 reader: hand-written sets', () => {
  it('reads an accepted group and set, and keeps the envelope it came in', () => {
    const ack = ack999(ACCEPTED_ONE);
    expect(ack.group).toMatchObject({ functionalId: 'HC', controlNumber: '1001', version: '005010X222A1' });
    expect(ack.group).toMatchObject({ code: 'A', outcome: 'accepted', includedCount: 1, acceptedCount: 1 });
    expect(ack.sets).toEqual([
      expect.objectContaining({ type: '837', controlNumber: '0001', code: 'A', accepted: true, segmentErrors: [] }),
    ]);
    expect(ack).toMatchObject({ warnings: [], envelope: { interchangeControlNumber: '000000905' } });
  });

  it('counts IK501 E (accepted, errors noted) as accepted and keeps its segment errors', () => {
    const ack = ack999([
      'AK1*HC*1001',
      'AK2*837*0001',
      'IK3*NM1*7*2010AA*8',
      'IK4*9*67*I12*ABC',
      'IK5*E',
      'AK9*E*1*1*1',
    ]);
    expect(ack.sets[0]).toMatchObject({ code: 'E', accepted: true });
    expect(ack.sets[0]!.segmentErrors[0]!.elementErrors[0]).toMatchObject({
      elementPosition: { element: 9, component: null, repeat: null },
      elementReference: '67',
      code: 'I12',
      badValue: 'ABC',
    });
    expect(ack.group.outcome).toBe('accepted');
  });

  it('gives a CTX after an IK4 to that element, and still names the claim on the segment', () => {
    const ack = ack999([
      'AK1*HC*1001',
      'AK2*837*0001',
      'IK3*SV1*30*2400*8',
      'IK4*1:2*235*7*ZZ',
      'CTX*CLM01:PCN-77',
      'IK5*R*5',
      'AK9*R*1*1*0',
    ]);
    const segment = ack.sets[0]!.segmentErrors[0]!;
    expect(segment.contexts).toEqual([]);
    expect(segment.elementErrors[0]!.elementPosition).toEqual({ element: 1, component: 2, repeat: null });
    expect(segment.elementErrors[0]!.contexts[0]!.raw).toBe('CTX*CLM01:PCN-77');
    expect(segment.patientControlNumber).toBe('PCN-77');
    expect(ack.sets[0]!.patientControlNumbers).toEqual(['PCN-77']);
  });

  it('warns when AK9 counts disagree with the AK2 loops, and keeps AK9 as sent', () => {
    const ack = ack999(['AK1*HC*1001', 'AK2*837*0001', 'IK5*R*5', 'AK9*A*1*1*1']);
    expect(ack.warnings.map((w) => [w.kind, w.element])).toEqual([['count_mismatch', 'AK904']]);
    expect(ack.group.code).toBe('A');
  });

  it('warns when the 999 names another implementation guide, and reads it anyway', () => {
    const ack = ack999(ACCEPTED_ONE, '004010X231');
    expect(ack.warnings.map((w) => w.kind)).toEqual(['implementation_mismatch']);
  });

  // Positions: ISA 1, GS 2, ST 3, so the first body segment is at 4.
  it.each([
    ['an IK3 before any AK2', ['AK1*HC*1', 'IK3*CLM*22**8', 'AK9*R*0*0*0'], 'unexpected_segment', 'IK3', 5],
    [
      'a CTX outside an IK3',
      ['AK1*HC*1', 'AK2*837*1', 'CTX*CLM01:1', 'IK5*R', 'AK9*R*1*1*0'],
      'unexpected_segment',
      'CTX',
      6,
    ],
    [
      'an IK4 outside an IK3',
      ['AK1*HC*1', 'AK2*837*1', 'IK4*2**1', 'IK5*R', 'AK9*R*1*1*0'],
      'unexpected_segment',
      'IK4',
      6,
    ],
    [
      'an AK2 closed by nothing',
      ['AK1*HC*1', 'AK2*837*1', 'AK2*837*2', 'IK5*A', 'AK9*A*2*2*2'],
      'missing_segment',
      'AK2',
      6,
    ],
    ['an AK2 before AK1', ['AK2*837*1', 'IK5*A', 'AK9*A*1*1*1'], 'unexpected_segment', 'AK2', 4],
    ['a second AK1', ['AK1*HC*1', 'AK1*HC*2', 'AK9*A*0*0*0'], 'unexpected_segment', 'AK1', 5],
    ['no AK9', ['AK1*HC*1', 'AK2*837*1', 'IK5*A'], 'missing_segment', 'SE', 7],
    ['no AK1', [], 'missing_segment', 'SE', 4],
    ['an IK501 outside its list', ['AK1*HC*1', 'AK2*837*1', 'IK5*Q', 'AK9*A*1*1*1'], 'invalid_code', 'IK5', 6],
    ['an AK901 outside its list', ['AK1*HC*1', 'AK2*837*1', 'IK5*A', 'AK9*Z*1*1*1'], 'invalid_code', 'AK9', 7],
    [
      'an IK302 that is no number',
      ['AK1*HC*1', 'AK2*837*1', 'IK3*CLM*X**8', 'IK5*R', 'AK9*R*1*1*0'],
      'invalid_number',
      'IK3',
      6,
    ],
    [
      'an IK401 without element position',
      ['AK1*HC*1', 'AK2*837*1', 'IK3*CLM*2**8', 'IK4*:1**1', 'IK5*R', 'AK9*R*1*1*0'],
      'missing_element',
      'IK4',
      7,
    ],
    ['an empty IK304', ['AK1*HC*1', 'AK2*837*1', 'IK3*CLM*22', 'IK5*R', 'AK9*R*1*1*0'], 'missing_element', 'IK3', 6],
    ['a segment the 999 does not have', ['AK1*HC*1', 'NM1*41*2*X', 'AK9*A*0*0*0'], 'unexpected_segment', 'NM1', 5],
  ])('refuses %s', (_, body, kind, segment, position) => {
    expect(refusal(interchange('999', '005010X231A1', body))).toMatchObject({ kind, segment, position });
  });

  it('refuses a set that is not a 999 when called directly', () => {
    const transaction = transactionsOf(
      parseX12(interchange('277', '005010X214', ['BHT*0085*08*1*20250102*0930*TH'])),
    )[0]!;
    expect(() => read999(transaction)).toThrow(expect.objectContaining({ kind: 'unsupported_transaction' }));
  });
});

/** Every 999 sample: [AK901, AK902–904, IK501 per set, content warnings]. Read from the raw files by hand. */
const SAMPLES_999: [file: string, group: string, counts: number[], sets: string, warnings: string[]][] = [
  ['bryanbritten__999_example-01.edi', 'P', [3, 3, 1], 'A R R', []],
  ['imsweb__x12_999_accepted.txt', 'A', [1, 1, 1], 'A', []],
  ['imsweb__x12_999_accepted_ta1.txt', 'R', [1, 1, 0], 'R', []],
  ['imsweb__x12_999_rejected.txt', 'R', [1, 1, 0], 'R', []],
  ['oopfactory__DHS_Wisconsin_Sample.txt', 'P', [3, 3, 1], 'A R R', []],
  ['pyx12__834_ls_le_ls_5010.999.txt', 'A', [1, 1, 1], 'A', []],
  ['pyx12__834_lui_id_5010.999.txt', 'A', [1, 1, 1], 'A', []],
  ['staedi__simple999.edi', 'P', [3, 3, 1], 'A R R', []],
];

describe.skipIf(skipReal)('999 reader: the real samples', () => {
  it('finds the sample directory', () => {
    expect(present, `expected the 999 samples in ${OTHER_DIR}`).toBe(true);
    const files999 = otherFiles.filter((f) => sample(f).includes('ST*999*'));
    expect(files999.sort()).toEqual([...SAMPLES_999.map(([f]) => f), 'invalid__staedi__invalid999.edi'].sort());
  });

  it.each(SAMPLES_999)('reads %s', (file, group, counts, sets, warnings) => {
    const { acks999, acks277ca } = read(file);
    expect(acks277ca).toEqual([]);
    for (const ack of acks999) {
      expect(ack.group.code).toBe(group);
      expect([ack.group.includedCount, ack.group.receivedCount, ack.group.acceptedCount]).toEqual(counts);
      expect(ack.sets.map((s) => s.code).join(' ')).toBe(sets);
      expect(ack.warnings.map((w) => w.kind)).toEqual(warnings);
    }
  });

  it('reads the X231A1 example: one accepted set, a missing CLM02, a missing REF named by its trigger', () => {
    const [ack] = read('bryanbritten__999_example-01.edi').acks999;
    expect(ack!.group).toMatchObject({ functionalId: 'HC', controlNumber: '17456', version: '005010X222A2' });
    expect(ack!.group).toMatchObject({ outcome: 'partial', errorCodes: [], position: 4 });
    expect(ack!.envelope).toEqual({
      interchangeControlNumber: '000010216',
      senderId: '123456789012345',
      receiverId: '123456789012346',
      groupControlNumber: '20213',
    });
    const [first, second, third] = ack!.sets;
    expect(first).toMatchObject({ controlNumber: '0001', implementation: null, accepted: true, errorCodes: [] });
    // IK3*CLM*22**8 + IK4*2*782*1: CLM (set segment 22) has data element errors; CLM02, element 782 (amount), missing.
    expect(second).toMatchObject({ controlNumber: '0002', code: 'R', accepted: false, errorCodes: ['5'] });
    expect(second!.patientControlNumbers).toEqual(['123456789']);
    expect(second!.segmentErrors).toEqual([
      {
        segmentId: 'CLM',
        segmentPosition: 22,
        loop: null,
        code: '8',
        contexts: [
          {
            raw: 'CTX*CLM01:123456789',
            identifications: [{ name: 'CLM01', reference: '123456789' }],
            segmentId: null,
            segmentPosition: null,
            loop: null,
            elementPosition: null,
            elementReference: null,
            position: 9,
          },
        ],
        elementErrors: [
          {
            elementPosition: { element: 2, component: null, repeat: null },
            elementReference: '782',
            code: '1',
            badValue: null,
            contexts: [],
            position: 10,
          },
        ],
        patientControlNumber: '123456789',
        position: 8,
      },
    ]);
    // IK3*REF*57**3: a required REF is missing at 57, required because of CLM (segment 43) element 05-3 (frequency).
    const missingRef = third!.segmentErrors[0]!;
    expect(missingRef).toMatchObject({ segmentId: 'REF', segmentPosition: 57, code: '3', elementErrors: [] });
    expect(
      missingRef.contexts.map((c) => [c.identifications, c.segmentId, c.segmentPosition, c.elementPosition]),
    ).toEqual([
      [[{ name: 'SITUATIONAL TRIGGER', reference: null }], 'CLM', 43, { element: 5, component: 3, repeat: null }],
      [[{ name: 'CLM01', reference: '987654321' }], null, null, null],
    ]);
    expect(missingRef.patientControlNumber).toBe('987654321');
  });

  it('reads the imsweb accepted 999 (an 837I group) despite its IEA02', () => {
    const { acks999, warnings } = read('imsweb__x12_999_accepted.txt');
    expect(warnings.map((w) => w.kind)).toEqual(['iea_control_mismatch']);
    expect(() => readAcknowledgments(sample('imsweb__x12_999_accepted.txt'))).toThrow(X12Error);
    expect(acks999[0]!.group).toMatchObject({ controlNumber: '17456', version: '005010X223A2', outcome: 'accepted' });
    expect(acks999[0]!.sets[0]).toMatchObject({
      controlNumber: '0001',
      implementation: '005010X223A2',
      accepted: true,
    });
  });

  it("reads the imsweb rejected 999 with its '|' component separator and its IK301 'NM'", () => {
    const set = read('imsweb__x12_999_rejected.txt').acks999[0]!.sets[0]!;
    expect(set).toMatchObject({ controlNumber: '0028', code: 'R', errorCodes: ['5'], patientControlNumbers: [] });
    // IK304 1 = unrecognized segment id: the receiver could not read "NM" as a tag.
    expect(set.segmentErrors.map((e) => [e.segmentId, e.segmentPosition, e.code])).toEqual([['NM', 17, '1']]);
  });

  it('reads the TA1 before GS, then the 999 that rejects set 101 for two CLM segments not in the set', () => {
    const { interchangeAcks, acks999 } = read('imsweb__x12_999_accepted_ta1.txt');
    expect(interchangeAcks).toEqual([
      {
        controlNumber: '101',
        date: '241018',
        time: '0307',
        code: 'A',
        accepted: true,
        noteCode: '000',
        interchangeControlNumber: '000000101',
        position: 2,
      },
    ]);
    const set = acks999[0]!.sets[0]!;
    expect(set).toMatchObject({ controlNumber: '101', accepted: false });
    expect(set.segmentErrors.map((e) => [e.segmentId, e.segmentPosition, e.loop, e.code])).toEqual([
      ['CLM', 289, '2010', '6'],
      ['CLM', 381, '2010', '6'],
    ]);
    expect(acks999[0]!.group.outcome).toBe('rejected');
  });

  it('reads the 834 999s of pyx12: four sets in two groups, all accepted', () => {
    const { acks999 } = read('pyx12__834_lui_id_5010.999.txt');
    expect(acks999.map((a) => [a.envelope.groupControlNumber, a.controlNumber, a.group.functionalId])).toEqual([
      ['344666205', '0001', 'BE'],
      ['344666205', '0002', 'BE'],
      ['102', '0003', 'BE'],
      ['102', '0004', 'BE'],
    ]);
  });

  it('reads the repeated CTX01 of staedi, and the DHS sample that acknowledges a 4010 group in a 5010 999', () => {
    const context = read('staedi__simple999.edi').acks999[0]!.sets[2]!.segmentErrors[0]!.contexts[0]!;
    expect(context.identifications).toEqual([
      { name: 'SITUATIONAL TRIGGER', reference: null },
      { name: 'SITUATIONAL TRIGGER', reference: '2' },
      { name: 'SITUATIONAL TRIGGER', reference: '3' },
    ]);
    expect(context.elementReference).toBe('1325');
    const dhs = read('oopfactory__DHS_Wisconsin_Sample.txt').acks999[0]!;
    expect(dhs.group.version).toBe('004010X098A1');
    expect(dhs.sets.map((s) => s.controlNumber)).toEqual(['0001', '002', '0003']);
    expect(dhs.sets[2]!.segmentErrors[0]!.contexts[0]!.elementReference).toBe('C023:1325');
  });

  it('refuses the staedi invalid 999, and names each defect in turn as the earlier ones are mended', () => {
    const text = sample('invalid__staedi__invalid999.edi');
    // Lenient: its SE01 says 16 segments, the set has 18.
    expect(refusal(text)).toEqual({ kind: 'unexpected_segment', segment: 'IK5', position: 4 });
    const noLeadingIk5 = text.replace('ST*999*2870001*005010X231~\nIK5*A~', 'ST*999*2870001*005010X231~');
    expect(refusal(noLeadingIk5)).toEqual({ kind: 'invalid_code', segment: 'AK1', position: 4, element: 'AK101' });
    const unpadded = noLeadingIk5.replace('AK1*HC   *', 'AK1*HC*');
    expect(refusal(unpadded)).toEqual({ kind: 'invalid_code', segment: 'IK5', position: 6, element: 'IK501' });
    const knownCode = unpadded.replace('IK5*Q~', 'IK5*A~');
    expect(refusal(knownCode)).toEqual({ kind: 'unexpected_segment', segment: 'IK5', position: 7 });
    // What is left is not checked: AK2 with five elements (AK203 reads "X"), CTX06 "C023:1325".
    const ack = outcomeOf(knownCode.replace('IK5*A~\nIK5*A~', 'IK5*A~'));
    expect(ack.sets.map((s) => [s.controlNumber, s.implementation, s.code])).toEqual([
      ['0001', 'X', 'A'],
      ['0002', null, 'R'],
      ['0003', null, 'R'],
    ]);
  });

  it('never throws anything but X12Error or AcknowledgmentError on mutated real 999 files', () => {
    assertOnlyTypedErrors(
      SAMPLES_999.map(([file]) => sample(file)),
      1500,
    );
  });
});

function outcomeOf(text: string) {
  return readAcknowledgments(text, { lenient: 'all' }).acks999[0]!;
}
