import { type AckContext, fail, optional, required, requiredCode } from './ack.elements.js';
import { type Ack277CA, read277ca } from './ack-277ca.js';
import { type Ack999, read999 } from './ack-999.js';
import { parseX12, type X12Interchange, type X12Transaction } from './document.js';
import type { X12Issue } from './errors.js';
import type { ReadOptions } from './reader.js';

/**
 * One entry point for the files payers and clearinghouses send back about our 837s: TA1 (interchange), 999
 * (syntax, per functional group and set) and 277CA (claim by claim). Each set is dispatched by ST01 and its
 * implementation; any other set (an 837, a 276, a 277 status response of 005010X212) refuses the file with an
 * AcknowledgmentError naming it, as does bad content, and the envelope refuses with X12Error (per `options.lenient`).
 */

/** Where an acknowledgment came from: the responder's envelope around it. */
export interface AckEnvelope {
  /** ISA13, ISA06 and ISA08 (trimmed) of the interchange, GS06 of the group. */
  interchangeControlNumber: string;
  senderId: string;
  receiverId: string;
  groupControlNumber: string;
}

export type Enveloped<T> = T & { envelope: AckEnvelope };

/** TA1 interchange acknowledgment: the responder's verdict on one of our ISA envelopes. */
export interface InterchangeAck {
  /** TA101 the ISA13 we sent, TA102/TA103 its date (YYMMDD) and time as we wrote them. */
  controlNumber: string;
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected; TA105 note code (000 = no error). */
  code: 'A' | 'E' | 'R';
  accepted: boolean;
  noteCode: string | null;
  /** ISA13 of the interchange the TA1 came in. */
  interchangeControlNumber: string;
  position: number;
}

export interface Acknowledgments {
  interchangeAcks: InterchangeAck[];
  acks999: Enveloped<Ack999>[];
  acks277ca: Enveloped<Ack277CA>[];
  /** Envelope defects accepted under `options.lenient`; content warnings sit on each acknowledgment. */
  warnings: X12Issue[];
}

function readTa1s(interchange: X12Interchange): InterchangeAck[] {
  const ctx: AckContext = { controlNumber: interchange.controlNumber, warnings: [] };
  return interchange.segments.map((s) => {
    if (s.elements[0] !== 'TA1') {
      return fail(ctx, 'unexpected_segment', s, `${s.elements[0]} between ISA and GS (only TA1 may sit there)`);
    }
    const code = requiredCode(ctx, s, 4, ['A', 'E', 'R'] as const);
    return {
      controlNumber: required(ctx, s, 1),
      date: required(ctx, s, 2),
      time: required(ctx, s, 3),
      code,
      accepted: code !== 'R',
      noteCode: optional(s, 5),
      interchangeControlNumber: interchange.controlNumber,
      position: s.position,
    };
  });
}

function notAnAcknowledgment(transaction: X12Transaction): never {
  const ctx: AckContext = { controlNumber: transaction.controlNumber, warnings: [] };
  const what = `ST*${transaction.type} ${transaction.controlNumber} (${transaction.implementation || 'no implementation'})`;
  const start = { elements: ['ST'], position: transaction.position };
  return fail(ctx, 'unsupported_transaction', start, `${what} is not an acknowledgment (999 or 277CA)`);
}

export function readAcknowledgments(text: string, options: ReadOptions = {}): Acknowledgments {
  const document = parseX12(text, options);
  const result: Acknowledgments = { interchangeAcks: [], acks999: [], acks277ca: [], warnings: document.warnings };
  for (const interchange of document.interchanges) {
    result.interchangeAcks.push(...readTa1s(interchange));
    for (const group of interchange.groups) {
      const envelope: AckEnvelope = {
        interchangeControlNumber: interchange.controlNumber,
        senderId: interchange.senderId,
        receiverId: interchange.receiverId,
        groupControlNumber: group.controlNumber,
      };
      for (const transaction of group.transactions) {
        // read277ca refuses a 277 that is not X214 (a 276/277 status response), naming the set.
        if (transaction.type === '999') result.acks999.push({ ...read999(transaction), envelope });
        else if (transaction.type === '277') result.acks277ca.push({ ...read277ca(transaction), envelope });
        else notAnAcknowledgment(transaction);
      }
    }
  }
  return result;
}
