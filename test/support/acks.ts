import type { SegmentWriter } from '../../src/domain/x12/writer.js';
import { writeInterchange } from '../../src/domain/x12/writer.js';
import { RECEIVER, SUBMITTER } from './edi.js';

/**
 * Synthetic acknowledgments answering our own submissions, written with the X12 writer (so SE/GE/IEA are counted):
 * what a clearinghouse (999, TA1) and a payer (277CA) send back. Names, ids and amounts are made up.
 */

let next = 700;
const DATE = '20260105';

function envelope(functionalId: 'FA' | 'HN', implementation: string, type: string, body: (w: SegmentWriter) => void) {
  const n = next++;
  return writeInterchange({
    senderQualifier: 'ZZ',
    senderId: RECEIVER.receiverId,
    receiverQualifier: 'ZZ',
    receiverId: SUBMITTER.submitterId,
    date: DATE.slice(2),
    time: '0930',
    controlNumber: n,
    usage: 'T',
    acknowledgmentRequested: false,
    groups: [
      {
        functionalId,
        sender: RECEIVER.receiverId,
        receiver: SUBMITTER.submitterId,
        date: DATE,
        time: '0930',
        controlNumber: n,
        version: implementation,
        transactions: [{ type, controlNumber: 1, implementation, body }],
      },
    ],
  });
}

export interface SetAnswer {
  /** AK202: the ST02 we sent. */
  st02: string;
  /** IK501. */
  code: 'A' | 'E' | 'M' | 'R' | 'W' | 'X';
  /** IK502… */
  errorCodes?: string[];
  segmentErrors?: {
    segmentId: string;
    position: number;
    loop?: string;
    code: string;
    /** CTX*CLM01: the claim the segment is in. */
    patientControlNumber?: string;
    elements?: { position: string; reference?: string; code: string; badValue?: string }[];
  }[];
}

/** A 999 answering one functional group (AK102 = our GS06) set by set; AK9 follows the sets unless given. */
export function build999(
  groupControlNumber: string,
  sets: SetAnswer[],
  options: { groupCode?: string; groupErrors?: string[]; functionalId?: string } = {},
): string {
  const accepted = sets.filter((s) => s.code === 'A' || s.code === 'E').length;
  const groupCode = options.groupCode ?? (accepted === sets.length ? 'A' : accepted === 0 ? 'R' : 'P');
  return envelope('FA', '005010X231A1', '999', (w) => {
    w.segment('AK1', options.functionalId ?? 'HC', groupControlNumber, '005010X222A1');
    for (const set of sets) {
      w.segment('AK2', '837', set.st02, '005010X222A1');
      for (const e of set.segmentErrors ?? []) {
        w.segment('IK3', e.segmentId, String(e.position), e.loop, e.code);
        if (e.patientControlNumber) w.segment('CTX', ['CLM01', e.patientControlNumber]);
        for (const x of e.elements ?? []) w.segment('IK4', x.position.split('.'), x.reference, x.code, x.badValue);
      }
      w.segment('IK5', set.code, ...(set.errorCodes ?? []));
    }
    w.segment(
      'AK9',
      groupCode,
      String(sets.length),
      String(sets.length),
      String(accepted),
      ...(options.groupErrors ?? []),
    );
  });
}

export interface ClaimAnswer {
  /** TRN02: our CLM01. */
  patientControlNumber: string;
  /** STC01 composites as `category:status[:entity]`, e.g. 'A2:20', 'A7:21:85'. */
  stc: string;
  /** STC03: WQ accept, U reject. */
  action?: 'WQ' | 'U';
  message?: string;
  payerClaimNumber?: string;
  lines?: { controlNumber: string; procedureCode: string; chargeCents: number; stc: string }[];
}

const amount = (cents: number) => (cents / 100).toFixed(2);

/** A 277CA from the payer answering claims of one 837 (2200B TRN02 = its BHT03, the submission id's tail). */
export function build277ca(claims: ClaimAnswer[], options: { submissionId?: string } = {}): string {
  const batch = options.submissionId ? options.submissionId.slice(4).toUpperCase() : 'UNKNOWNBATCH';
  return envelope('HN', '005010X214', '277', (w) => {
    w.segment('BHT', '0085', '08', `ACK${next}`, DATE, '1200', 'TH');
    w.segment('HL', '1', '', '20', '1');
    w.segment('NM1', 'PR', '2', 'DEMO PAYER', '', '', '', '', 'PI', '99999');
    w.segment('TRN', '1', `RCPT${next}`);
    w.segment('DTP', '050', 'D8', DATE);
    w.segment('DTP', '009', 'D8', DATE);
    w.segment('HL', '2', '1', '21', '1');
    w.segment('NM1', '41', '2', SUBMITTER.name, '', '', '', '', '46', SUBMITTER.submitterId);
    w.segment('TRN', '2', batch);
    w.segment('STC', ['A1', '19'], DATE, 'WQ');
    w.segment('HL', '3', '2', '19', '1');
    w.segment('NM1', '85', '2', SUBMITTER.name, '', '', '', '', 'XX', '1245319599');
    w.segment('TRN', '1', 'PROVIDERTRACE');
    claims.forEach((c, i) => {
      w.segment('HL', String(4 + i), '3', 'PT');
      w.segment('NM1', 'QC', '1', 'TESTPATIENT', 'ALEX', '', '', '', 'MI', `MBR${i}`);
      w.segment('TRN', '2', c.patientControlNumber);
      const stc = c.stc.split(':');
      const action = c.action ?? (stc[0] === 'A2' ? 'WQ' : 'U');
      w.segment('STC', stc, DATE, action, '', '', '', '', '', '', '', '', c.message);
      if (c.payerClaimNumber) w.segment('REF', '1K', c.payerClaimNumber);
      w.segment('DTP', '472', 'D8', DATE);
      for (const line of c.lines ?? []) {
        w.segment('SVC', ['HC', line.procedureCode], amount(line.chargeCents), '0');
        w.segment('STC', line.stc.split(':'), DATE, action);
        w.segment('REF', 'FJ', line.controlNumber);
      }
    });
  });
}

/** A lone TA1 answering one of our interchanges (TA101 = its ISA13). */
export function buildTa1(interchangeControlNumber: string, code: 'A' | 'E' | 'R', noteCode = '000'): string {
  const n = String(next++).padStart(9, '0');
  const isa = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    RECEIVER.receiverId.padEnd(15),
    'ZZ',
    SUBMITTER.submitterId.padEnd(15),
    DATE.slice(2),
    '0930',
    '^',
    '00501',
    n,
    '0',
    'T',
    ':',
  ].join('*');
  return `${isa}~TA1*${interchangeControlNumber}*${DATE.slice(2)}*0930*${code}*${noteCode}~IEA*0*${n}~`;
}
