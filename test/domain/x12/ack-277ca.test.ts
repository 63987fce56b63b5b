import { describe, expect, it } from 'vitest';
import { type AckOutcome, combineOutcomes, read277ca, stcOutcome } from '../../../src/domain/x12/ack-277ca.js';
import { readAcknowledgments } from '../../../src/domain/x12/acknowledgments.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
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

announceSkip('277CA');

const TOP = [
  'BHT*0085*08*ACK0001*20250102*0930*TH',
  'HL*1**20*1',
  'NM1*PR*2*ACME HEALTH*****PI*ACME1',
  'TRN*1*RCPT-1',
  'DTP*050*D8*20250101',
  'DTP*009*D8*20250102',
  'HL*2*1*21*1',
  'NM1*41*2*CLAIMS API*****46*CAPI',
  'TRN*2*BATCH-9',
  'STC*A1:19:PR*20250102*WQ*250',
  'HL*3*2*19*1',
  'NM1*85*2*NORTH CLINIC*****XX*1234567893',
  'TRN*1*0',
  'HL*4*3*PT',
  'NM1*QC*1*DOE*JANE****MI*M123',
];
const text277 = (claim: readonly string[]) => interchange('277', '005010X214', [...TOP, ...claim]);
const read277 = (claim: readonly string[]) => readAcknowledgments(text277(claim)).acks277ca[0]!;
/** TOP is 15 segments after ISA, GS, ST: the first claim segment is at position 19. */
const FIRST = 19;

describe('stcOutcome: category codes (code source 507) for a submitted claim', () => {
  it.each<[string, AckOutcome]>([
    ['A0', 'pending'], // forwarded to another entity
    ['A1', 'pending'], // received; explicitly not yet accepted
    ['A2', 'accepted'],
    ['A3', 'rejected'],
    ['A4', 'other'], // not found
    ['A5', 'accepted'], // split on acceptance
    ['A6', 'rejected'],
    ['A7', 'rejected'],
    ['A8', 'rejected'],
    ['E0', 'other'],
    ['E3', 'rejected'],
    ['F2', 'other'], // a denial is adjudication, read from the 835
    ['P1', 'pending'],
    ['R4', 'pending'],
    ['R2', 'other'], // no such code
    ['X9', 'other'], // masked
    ['constructor', 'other'],
  ])('%s is %s', (category, expected) => {
    expect(stcOutcome(category)).toBe(expected);
  });

  it('lets a rejection win, then acceptance over receipt', () => {
    expect(combineOutcomes(['accepted', 'rejected', 'pending'])).toBe('rejected');
    expect(combineOutcomes(['pending', 'accepted'])).toBe('accepted');
    expect(combineOutcomes(['other', 'pending'])).toBe('pending');
    expect(combineOutcomes([])).toBe('other');
  });
});

describe('277CA reader: hand-written sets', () => {
  it('reads a claim with service lines: SVC, line STC, REF*FJ, DTP*472', () => {
    const ack = read277([
      'TRN*2*PCN-1',
      'STC*A2:20*20250102*WQ*250',
      'REF*1K*PAYER-CLM-1',
      'REF*D9*CH-TRACE-1',
      'DTP*472*RD8*20241230-20241231',
      'SVC*HC:99213:25*150*****1',
      'STC*A2:20*20250102*WQ',
      'REF*FJ*LINE-1',
      'DTP*472*D8*20241230',
      'SVC*HC:J1100*100*****2.5',
      'STC*A7:306*20250102*U',
      'REF*FJ*LINE-2',
    ]);
    const [claim] = ack.claims;
    expect(claim).toMatchObject({
      patientControlNumber: 'PCN-1',
      payerClaimControlNumber: 'PAYER-CLM-1',
      clearinghouseTraceNumber: 'CH-TRACE-1',
      serviceDates: { text: '20241230-20241231', from: '2024-12-30', to: '2024-12-31' },
      outcome: 'accepted',
      patient: { entityCode: 'QC', name: 'DOE', firstName: 'JANE', id: 'M123' },
      billingProvider: { entityCode: '85', name: 'NORTH CLINIC', idQualifier: 'XX', id: '1234567893' },
      hlId: '4',
      providerHlId: '3',
      position: FIRST,
    });
    expect(claim!.statuses[0]).toMatchObject({ effectiveDate: '2025-01-02', actionCode: 'WQ', chargeCents: 25000 });
    expect(claim!.lines.map((l) => [l.procedureCode, l.modifiers, l.chargeCents, l.unitsThousandths])).toEqual([
      ['99213', ['25'], 15000, 1000],
      ['J1100', [], 10000, 2500],
    ]);
    expect(claim!.lines.map((l) => [l.lineItemControlNumber, l.outcome, l.serviceDates?.from ?? null])).toEqual([
      ['LINE-1', 'accepted', '2024-12-30'],
      ['LINE-2', 'rejected', null],
    ]);
    expect(ack.parties.map((p) => [p.level, p.traceNumber, p.outcome])).toEqual([
      ['information_source', 'RCPT-1', 'other'],
      ['information_receiver', 'BATCH-9', 'pending'],
      ['billing_provider', '0', 'other'],
    ]);
    expect(ack.parties[0]).toMatchObject({ receivedDate: '2025-01-01', processDate: '2025-01-02' });
  });

  it('opens a new claim at each TRN of one patient level', () => {
    const ack = read277(['TRN*2*A', 'STC*A2:20**WQ*10', 'TRN*2*B', 'STC*A3:21*20250102*U*20******A3:187']);
    expect(ack.claims.map((c) => [c.patientControlNumber, c.outcome, c.patient?.name])).toEqual([
      ['A', 'accepted', 'DOE'],
      ['B', 'rejected', 'DOE'],
    ]);
    expect(ack.claims[1]!.statuses[0]!.codes.map((c) => [c.text, c.description])).toEqual([
      ['A3:21', 'returned as unprocessable: missing or invalid information'],
      ['A3:187', 'returned as unprocessable: date(s) of service'],
    ]);
  });

  it('falls back on STC03 when no category is one we know', () => {
    const ack = read277(['TRN*2*A', 'STC*X9:999*20250102*U*10', 'TRN*2*B', 'STC*Q1:1*20250102*WQ*10']);
    expect(ack.claims.map((c) => c.outcome)).toEqual(['rejected', 'accepted']);
  });

  it('keeps an impossible date as text, with a warning', () => {
    const ack = read277(['TRN*2*A', 'STC*A2:20*20230229*WQ*10', 'DTP*472*D8*20230229']);
    expect(ack.claims[0]!.serviceDates).toEqual({ text: '20230229', from: null, to: null });
    expect(ack.warnings.map((w) => [w.kind, w.element, w.position])).toEqual([
      ['invalid_date', 'STC02', FIRST + 1],
      ['invalid_date', 'DTP03', FIRST + 2],
    ]);
  });

  it.each([
    [
      'an STC before any HL',
      ['BHT*0085*08*1*20250102*0930*TH', 'STC*A1:19*20250102*WQ'],
      'unexpected_segment',
      'STC',
      5,
    ],
    ['no BHT', ['HL*1**20*1'], 'missing_segment', 'HL', 4],
    ['a BHT after an HL', [...TOP, 'BHT*0085*08*1*20250102*0930*TH'], 'unexpected_segment', 'BHT', FIRST],
  ])('refuses %s', (_, body, kind, segment, position) => {
    expect(refusal(interchange('277', '005010X214', body))).toMatchObject({ kind, segment, position });
  });

  it.each([
    ['a claim STC without its TRN', ['STC*A2:20*20250102*WQ*10'], 'missing_segment', 'STC', FIRST],
    ['a claim without STC', ['TRN*2*A', 'REF*1K*1'], 'missing_segment', 'SE', FIRST + 2],
    ['a TRN without TRN02', ['TRN*2'], 'missing_element', 'TRN', FIRST],
    ['a bad STC04', ['TRN*2*A', 'STC*A2:20*20250102*WQ*12.345'], 'invalid_amount', 'STC', FIRST + 1],
    ['an STC01 without status code', ['TRN*2*A', 'STC*A2*20250102*WQ*1'], 'missing_element', 'STC', FIRST + 1],
    [
      'a line without STC',
      ['TRN*2*A', 'STC*A2:20**WQ*1', 'SVC*HC:99213*1', 'SVC*HC:99214*1'],
      'missing_segment',
      'SVC',
      FIRST + 3,
    ],
    [
      'a bad SVC07',
      ['TRN*2*A', 'STC*A2:20**WQ*1', 'SVC*HC:99213*1*****x', 'STC*A2:20'],
      'invalid_quantity',
      'SVC',
      FIRST + 2,
    ],
    ['a QTY in the patient level', ['TRN*2*A', 'QTY*90*1'], 'unexpected_segment', 'QTY', FIRST + 1],
    [
      'a patient level under the receiver',
      ['TRN*2*A', 'STC*A2:20**WQ*1', 'HL*5*2*PT'],
      'invalid_hierarchy',
      'HL',
      FIRST + 2,
    ],
    ['a parent that does not exist', ['TRN*2*A', 'STC*A2:20**WQ*1', 'HL*5*9*PT'], 'invalid_hierarchy', 'HL', FIRST + 2],
    ['a repeated HL01', ['TRN*2*A', 'STC*A2:20**WQ*1', 'HL*4*3*PT'], 'invalid_hierarchy', 'HL', FIRST + 2],
    ['a subscriber level of a 276/277', ['TRN*2*A', 'STC*A2:20**WQ*1', 'HL*5*3*22*0'], 'invalid_code', 'HL', FIRST + 2],
  ])('refuses %s', (_, claim, kind, segment, position) => {
    expect(refusal(text277(claim))).toMatchObject({ kind, segment, position });
  });

  it('refuses a bad accepted amount at the receiver level', () => {
    const body = [...TOP.slice(0, 10), 'AMT*YU*1,5', ...TOP.slice(10), 'TRN*2*A', 'STC*A2:20**WQ*1'];
    expect(refusal(interchange('277', '005010X214', body))).toMatchObject({ kind: 'invalid_amount', position: 14 });
  });

  it('refuses a 277 status response (005010X212) when called directly', () => {
    const transaction = transactionsOf(parseX12(interchange('277', '005010X212', TOP)))[0]!;
    expect(() => read277ca(transaction)).toThrow(expect.objectContaining({ kind: 'unsupported_transaction' }));
  });
});

/** Every X214 sample: claims as "TRN02 outcome STC04-cents" and party STCs, read from the raw files by hand. */
const SAMPLES_277CA: [file: string, claims: string[], partyStatuses: string[]][] = [
  [
    'dwai__X214-payer-response-multiple-responders.edi',
    [
      'PATIENT22222 accepted 5500',
      'PATIENT33333 rejected 5000',
      'JONES44444 rejected 10000',
      'JOHNSON55555 accepted 5000',
      'MILSO66666 accepted 5000',
    ],
    ['information_receiver A1:19:PR', 'billing_provider A1:19:PR', 'billing_provider A3:24:85'],
  ],
  [
    'dwai__X214-payer-response.edi',
    [
      'PATIENT22222 accepted 10000',
      'PATIENT33333 rejected 6500',
      'JONES44444 rejected 10000',
      'JOHNSON55555 accepted 5050',
      'MILLS66666 accepted 5000',
    ],
    ['information_receiver A1:19:PR'],
  ],
  ['imsweb__x12_277CA_accepted.txt', ['5781 accepted 12500'], ['information_receiver A1:20']],
  ['imsweb__x12_277CA_rejected.txt', ['3920394930203 rejected 19914'], ['information_receiver A1:20']],
  [
    'oopfactory__277_Deidentified_from_nth.txt',
    ['99999999-99999 rejected 22000', '99999999-99999 rejected 34000', '99999999-99999 rejected 34000'],
    ['information_receiver X9:99:XX', 'billing_provider X9:99:99', 'billing_provider X9:99:99'],
  ],
  ['oopfactory__FromBogeyone.txt', [], []],
  [
    'oopfactory__FromLatitude81uk.txt',
    ['MVC132-0145454 accepted 44200'],
    ['information_receiver A1:20:41', 'billing_provider A1:562:85'],
  ],
];
/** 277s of 005010X212 (status responses to a 276): refused, not read as acknowledgments. */
const X212_FILES = [
  'imsweb__x12_277_x212.txt',
  'lfh__claim-level-status-ncpdp_277.edi',
  'lfh__claim-level-status_277.edi',
  'lfh__information-receiver-level-status_277.edi',
  'lfh__provider-level-status_277.edi',
];

describe.skipIf(skipReal)('277CA reader: the real samples', () => {
  it('finds the sample directory', () => {
    expect(present, `expected the 277 samples in ${OTHER_DIR}`).toBe(true);
    const files277 = otherFiles.filter((f) => sample(f).includes('ST*277*'));
    expect(files277.sort()).toEqual([...SAMPLES_277CA.map(([f]) => f), ...X212_FILES].sort());
  });

  it.each(SAMPLES_277CA)('reads %s', (file, claims, partyStatuses) => {
    const { acks277ca, acks999 } = read(file);
    expect(acks999).toEqual([]);
    const [ack] = acks277ca;
    expect(ack!.claims.map((c) => `${c.patientControlNumber} ${c.outcome} ${c.statuses[0]?.chargeCents}`)).toEqual(
      claims,
    );
    const statuses = ack!.parties.flatMap((p) => p.statuses.map((s) => `${p.level} ${s.codes.map((c) => c.text)}`));
    expect(statuses).toEqual(partyStatuses);
  });

  it.each(X212_FILES)('refuses %s: a 276/277 status response, not a claim acknowledgment', (file) => {
    expect(refusal(sample(file))).toEqual({ kind: 'unsupported_transaction', segment: 'ST', position: 3 });
  });

  it('refuses the 276 requests and the 837 fixtures in the folder, naming the set', () => {
    const others = otherFiles.filter((f) => !/ST\*(277|999)\*/.test(sample(f)));
    expect(others.length).toBe(14);
    for (const file of others) {
      const expected =
        file === 'invalid__imsweb__x12_bad_segment_identifier.txt'
          ? { x12: 'bad_segment_tag', position: 6 }
          : { kind: 'unsupported_transaction', segment: 'ST', position: 3 };
      expect(refusal(sample(file)), file).toEqual(expected);
    }
  });

  it('reads the X214 multiple-responders example claim by claim', () => {
    const [ack] = read('dwai__X214-payer-response-multiple-responders.edi').acks277ca;
    expect(ack).toMatchObject({ controlNumber: '0004', reference: '277X2140004', createdDate: '2023-03-21' });
    expect(ack!.envelope.groupControlNumber).toBe('20213');
    const rows = ack!.claims.map((c) => [
      c.patientControlNumber,
      c.statuses.flatMap((s) => s.codes.map((code) => `${code.text}=${code.outcome}`)),
      c.statuses[0]!.actionCode,
      c.payerClaimControlNumber,
      c.serviceDates?.from ?? c.serviceDates?.text,
      c.billingProvider?.id,
    ]);
    expect(rows).toEqual([
      ['PATIENT22222', ['A2:20=accepted'], 'WQ', '22021635900803X', '2023-03-14', '5365432101'],
      ['PATIENT33333', ['A3:21=rejected', 'A3:187=rejected'], 'U', null, '20230229', '5365432101'],
      ['JONES44444', ['A3:116=rejected'], 'U', null, '2023-03-14', '5365432101'],
      ['JOHNSON55555', ['A2:20=accepted'], 'WQ', '2202163599926X', '2023-03-10', '5365432101'],
      ['MILSO66666', ['A2:20=accepted'], 'WQ', '2202163599943X', '2023-03-05', '5365432101'],
    ]);
    // The TR3's own example dates a service 2023-02-29, which does not exist.
    expect(ack!.warnings.map((w) => [w.kind, w.segment, w.position])).toEqual([['invalid_date', 'DTP', 36]]);
  });

  it('reads the multiple-responders totals: the receiver and provider counts add up to the claims', () => {
    const [ack] = read('dwai__X214-payer-response-multiple-responders.edi').acks277ca;
    const totals = ack!.parties.map((p) => [
      p.level,
      p.hlId,
      p.entity?.id,
      p.traceNumber,
      p.outcome,
      p.acceptedCount,
      p.rejectedCount,
      p.acceptedCents,
      p.rejectedCents,
      p.statuses[0]?.chargeCents ?? null,
    ]);
    expect(totals).toEqual([
      ['information_source', '1', 'OIC02', '00911232', 'other', null, null, null, null, null],
      ['information_receiver', '2', 'S00005', '200203207890', 'pending', 3, 5, 15500, 30000, 45500],
      ['billing_provider', '3', '5365432101', '00098765432', 'pending', 3, 2, 15500, 15000, 30500],
      ['billing_provider', '9', '1222334499', '00023456789', 'rejected', null, 3, null, 15000, 15000],
    ]);
    expect(ack!.parties[0]).toMatchObject({ receivedDate: '2023-03-20', processDate: '2023-03-21' });
    // Σ STC04 of the five claims under HL 3 is that provider's STC04, 305.00.
    expect(ack!.claims.reduce((sum, c) => sum + c.statuses[0]!.chargeCents!, 0)).toBe(30500);
  });

  it('reads the other X214 example: A7:21 with A7:249, and the 200.5 accepted total', () => {
    const [ack] = read('dwai__X214-payer-response.edi').acks277ca;
    expect(ack!.claims[2]!.statuses[0]!.codes.map((c) => [c.category, c.status, c.outcome])).toEqual([
      ['A7', '21', 'rejected'],
      ['A7', '249', 'rejected'],
    ]);
    expect(ack!.parties[1]).toMatchObject({
      acceptedCount: 3,
      rejectedCount: 2,
      acceptedCents: 20050,
      rejectedCents: 16500,
    });
    // The provider level HL 3 has only its NM1 (FI tax id): no TRN, no STC.
    expect(ack!.parties[2]).toMatchObject({ traceNumber: null, statuses: [], entity: { idQualifier: 'FI' } });
  });

  it('reads the imsweb 277CAs: accepted with REF*1K, rejected A7:562:85 with its "|" separator and REF*BLT', () => {
    const accepted = read('imsweb__x12_277CA_accepted.txt').acks277ca[0]!.claims[0]!;
    expect(accepted).toMatchObject({
      payerClaimControlNumber: '1107000000014420',
      billType: null,
      outcome: 'accepted',
    });
    // DTP*472*D8*10010101: a placeholder date, but a real calendar day, so it reads.
    expect(accepted.serviceDates).toEqual({ text: '10010101', from: '1001-01-01', to: '1001-01-01' });
    const rejected = read('imsweb__x12_277CA_rejected.txt').acks277ca[0]!.claims[0]!;
    expect(rejected).toMatchObject({
      patientControlNumber: '3920394930203',
      payerClaimControlNumber: '1107000000001120',
      billType: '731',
      outcome: 'rejected',
      patient: { name: 'CLILNAME', firstName: 'CLIFNAME', middleName: 'CLIMI', id: 'XX99999X' },
    });
    expect(rejected.statuses[0]!.codes).toEqual([
      {
        category: 'A7',
        status: '562',
        entity: '85',
        outcome: 'rejected',
        text: 'A7:562:85',
        description: "rejected for invalid information: entity's NPI",
      },
    ]);
  });

  it('reads the truncated Bogeyone file up to where it stops: two levels, no claim', () => {
    const { acks277ca, warnings } = read('oopfactory__FromBogeyone.txt');
    expect(warnings.map((w) => w.kind)).toEqual(['missing_se', 'missing_ge', 'missing_iea']);
    expect(acks277ca[0]).toMatchObject({ reference: '203263.1', claims: [] });
    expect(acks277ca[0]!.parties.map((p) => [p.level, p.entity?.entityCode ?? null])).toEqual([
      ['information_source', 'AY'],
      ['information_receiver', null],
    ]);
  });

  it('reads the mangled Latitude81uk file with a warning for each date and qualifier it cannot use', () => {
    const [ack] = read('oopfactory__FromLatitude81uk.txt').acks277ca;
    expect(ack!.warnings.map((w) => [w.kind, w.element, w.position])).toEqual([
      ['invalid_date', 'BHT04', 4],
      ['unexpected_qualifier', 'DTP01', 8],
      ['unexpected_qualifier', 'DTP01', 9],
      ['invalid_date', 'STC02', 13],
      ['invalid_date', 'STC02', 26],
      ['invalid_date', 'DTP03', 28],
      ['invalid_date', 'DTP03', 28],
    ]);
    expect(ack!.claims[0]).toMatchObject({ payerClaimControlNumber: '545454', serviceDates: { from: null } });
    expect(ack!.claims[0]!.statuses[0]!.codes[0]).toMatchObject({ entity: 'PRP', outcome: 'accepted' });
  });

  it('reads masked categories (X9) by their action code U', () => {
    const [ack] = read('oopfactory__277_Deidentified_from_nth.txt').acks277ca;
    expect(ack!.claims.map((c) => c.statuses.map((s) => `${s.codes[0]!.outcome}/${s.actionCode}`))).toEqual([
      ['other/U', 'other/U', 'other/U'],
      ['other/U', 'other/U', 'other/U'],
      ['other/U', 'other/U', 'other/U'],
    ]);
  });

  it('never throws anything but X12Error or AcknowledgmentError on mutated real 277 files', () => {
    const texts = [...SAMPLES_277CA.map(([file]) => sample(file)), ...X212_FILES.map(sample)];
    assertOnlyTypedErrors(texts, 1500);
  });
});
