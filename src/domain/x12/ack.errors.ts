import { X12ContentError } from './errors.js';

/**
 * Typed problems inside acknowledgment sets (999, 277CA, TA1). The envelope is the X12 reader's job (X12Error); these
 * are the defects of the content that stop a set from mapping onto Ack999 / Ack277CA, each naming the segment tag,
 * its 1-based position in the file and the set's ST02.
 */

/** Defects that make a set unreadable: the readers throw an AcknowledgmentError for the first one. */
export const ACK_ERROR_KINDS = [
  'unsupported_transaction', // not a 999 or a 277CA: an 837, a 276, or a 277 status response (005010X212)
  'unexpected_segment', // a segment outside its loop: IK3 before AK2, STC before any HL, a second AK1, a PER
  'missing_segment', // a required segment is absent: AK1, the IK5 closing an AK2, AK9, BHT, the TRN of a claim
  'missing_element', // a required element (AK102, IK304, TRN02, STC01-2, …) is empty
  'invalid_code', // a code outside its list where the reading depends on it (IK501, AK901, TA104, HL03)
  'invalid_number', // a count or position that is not a whole number (AK902, IK302, IK401-1, CTX03, QTY02)
  'invalid_amount', // not X12 "R" decimal text, or more than two significant fraction digits
  'invalid_quantity', // not X12 "R" decimal text, or more than three significant fraction digits
  'invalid_hierarchy', // HL01 repeated, HL02 naming no earlier HL, or levels that do not nest 20 > 21 > 19 > PT
] as const;
export type AckErrorKind = (typeof ACK_ERROR_KINDS)[number];

/** Defects the readers work around and report next to the value. */
export const ACK_WARNING_KINDS = [
  'implementation_mismatch', // a 999 whose ST03/GS08 is not 005010X231(A1): read with the X231A1 layout anyway
  'invalid_date', // not a CCYYMMDD calendar date (the X214 example has 20230229): the ISO date is null
  'count_mismatch', // AK902–AK904 disagree with the AK2 loops of the set
  'unexpected_qualifier', // a DTP/QTY/AMT qualifier the X214 does not list there (DTP*040 at 2200A): skipped
] as const;
export type AckWarningKind = (typeof ACK_WARNING_KINDS)[number];

export interface AcknowledgmentIssue {
  kind: AckErrorKind | AckWarningKind;
  message: string;
  /** Segment tag the issue was found at (for a segment missing at the end of the set: SE). */
  segment: string;
  /** 1-based position of that segment in the file. */
  position: number;
  /** ST02 of the acknowledgment set (ISA13 for a TA1). */
  controlNumber: string;
  /** Element reference, e.g. "IK302" or "STC01-2", when one element is at fault. */
  element?: string;
}

export class AcknowledgmentError extends X12ContentError<AckErrorKind, AcknowledgmentIssue & { kind: AckErrorKind }> {
  readonly code = 'x12_ack_unreadable';
  override readonly name = 'AcknowledgmentError';
}
