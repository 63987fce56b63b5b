import type { AcknowledgmentIssue } from './ack.errors.js';

/** The shapes of a read 999 (005010X231A1): AK1/AK9 group, AK2/IK5 sets, IK3 segment and IK4 element errors. */

/** IK401 and CTX05 (C030): 1-based element position, then component and repetition positions when given. */
export interface Ack999ElementPosition {
  element: number;
  component: number | null;
  repeat: number | null;
}

/** A CTX segment, raw and read. CTX01 (C998) is a context name and an optional reference ("CLM01", "123456789"). */
export interface Ack999Context {
  /** The segment as written, e.g. "CTX*CLM01:123456789". */
  raw: string;
  /** CTX01, one entry per repetition. */
  identifications: { name: string; reference: string | null }[];
  /** CTX02–CTX04: the segment a situational-trigger context points at ("CTX*SITUATIONAL TRIGGER*CLM*43"). */
  segmentId: string | null;
  segmentPosition: number | null;
  loop: string | null;
  /** CTX05 position in that segment; CTX06 (C999) its data element reference numbers, as written. */
  elementPosition: Ack999ElementPosition | null;
  elementReference: string | null;
  position: number;
}

/** AK901 (data element 715). */
export const ACK_999_GROUP_CODES = ['A', 'E', 'M', 'P', 'R', 'W', 'X'] as const;
export type Ack999GroupCode = (typeof ACK_999_GROUP_CODES)[number];
/** IK501 (data element 717): A accepted, E accepted with errors noted; M, R, W, X are rejections. */
export const ACK_999_SET_CODES = ['A', 'E', 'M', 'R', 'W', 'X'] as const;
export type Ack999SetCode = (typeof ACK_999_SET_CODES)[number];

/** IK4 (loop 2110) with its CTX element context. */
export interface Ack999ElementError {
  /** IK401 C030 (`pos:component:repeat`). */
  elementPosition: Ack999ElementPosition;
  /** IK402 data element reference number (782 = monetary amount). */
  elementReference: string | null;
  /** IK403 implementation data element syntax error code (1 missing, 7 invalid code, 8 invalid date, I-codes…). */
  code: string;
  /** IK404 copy of the bad data element. */
  badValue: string | null;
  contexts: Ack999Context[];
  position: number;
}

/** IK3 (loop 2100) with its CTX contexts and IK4 element errors. */
export interface Ack999SegmentError {
  /** IK301 segment tag, IK302 its 1-based position in the acknowledged set (ST is 1), IK303 its loop. */
  segmentId: string;
  segmentPosition: number;
  loop: string | null;
  /** IK304 implementation segment syntax error code (3 required segment missing, 8 data element errors, …). */
  code: string;
  contexts: Ack999Context[];
  elementErrors: Ack999ElementError[];
  /** The reference of the first CTX*CLM01: the claim (CLM01) the segment belongs to. */
  patientControlNumber: string | null;
  position: number;
}

/** AK2 … IK5 (loop 2000): one acknowledged transaction set. */
export interface Ack999Set {
  /** AK201, AK202, AK203. */
  type: string;
  controlNumber: string;
  implementation: string | null;
  /** IK501; `accepted` is A or E. */
  code: Ack999SetCode;
  accepted: boolean;
  /** IK502–IK506 transaction set syntax error codes (5 = one or more segments in error, …). */
  errorCodes: string[];
  segmentErrors: Ack999SegmentError[];
  /** Claims the CTX segments name, in file order, each once. */
  patientControlNumbers: string[];
  position: number;
}

/** AK1 + AK9: the acknowledged functional group and its verdict. */
export interface Ack999Group {
  /** AK101 functional id (HC for 837), AK102 the GS06 we sent, AK103 the GS08 we sent. */
  functionalId: string;
  controlNumber: string;
  version: string | null;
  /** AK901; P = partially accepted (some sets rejected). */
  code: Ack999GroupCode;
  outcome: 'accepted' | 'partial' | 'rejected';
  /** AK902 sets included (our GE01), AK903 sets received, AK904 sets accepted. */
  includedCount: number;
  receivedCount: number;
  acceptedCount: number;
  /** AK905–AK909 functional group syntax error codes. */
  errorCodes: string[];
  position: number;
}

export interface Ack999 {
  /** ST02 of the 999 and its implementation (ST03 or GS08). */
  controlNumber: string;
  implementation: string;
  position: number;
  group: Ack999Group;
  sets: Ack999Set[];
  warnings: AcknowledgmentIssue[];
}
