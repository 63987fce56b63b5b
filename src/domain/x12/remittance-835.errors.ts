import { X12ContentError } from './errors.js';

/**
 * Typed 835 content problems. The envelope is the X12 reader's job (X12Error); these are the defects inside an
 * ST*835 set that stop it from mapping onto AdjudicationResult / RemittanceHeader, each naming the segment tag, its
 * 1-based position in the file and the set's ST02.
 */

/** Defects that make a transaction set unreadable: `readRemittances835` throws a RemittanceError for each. */
export const REMITTANCE_ERROR_KINDS = [
  'not_835', // a transaction set other than ST*835 in a remittance file
  'missing_segment', // a required segment (BPR, TRN, N1*PR) is absent from the set
  'missing_element', // a required element (CLP01, SVC02, CAS02, …) is empty
  'invalid_amount', // not X12 "R" decimal text, or more than two significant fraction digits
  'invalid_quantity', // not X12 "R" decimal text, or more than three significant fraction digits
  'invalid_date', // not a CCYYMMDD calendar date
  'invalid_code', // a code outside its list (CLP02 claim status, CAS01 group)
  'unexpected_segment', // a segment outside the loop it belongs to (SVC before CLP, CLP after PLB, a second BPR)
  'amount_out_of_range', // a total of the set leaves the safe-integer range of cents
] as const;
export type RemittanceErrorKind = (typeof REMITTANCE_ERROR_KINDS)[number];

/** Defects the reader works around and reports. */
export const REMITTANCE_WARNING_KINDS = [
  'implementation_mismatch', // ST03/GS08 is not 005010X221(A1): read with the 5010 layout anyway
  'component_separator_mismatch', // composites split on a character other than ISA16 (see compositeSeparator)
  'negative_payment', // BPR02 < 0, which the TR3 forbids ("cannot be issued for less than zero dollars")
] as const;
export type RemittanceWarningKind = (typeof REMITTANCE_WARNING_KINDS)[number];

export interface RemittanceIssue {
  kind: RemittanceErrorKind | RemittanceWarningKind;
  message: string;
  /** Segment tag the issue was found at (for a segment missing from the set: SE). */
  segment: string;
  /** 1-based position of that segment in the file. */
  position: number;
  /** ST02 of the transaction set. */
  controlNumber?: string;
  /** Element reference, e.g. "CLP03" or "SVC01-2", when one element is at fault. */
  element?: string;
}

export class RemittanceError extends X12ContentError<
  RemittanceErrorKind,
  RemittanceIssue & { kind: RemittanceErrorKind }
> {
  readonly code = 'x12_835_unreadable';
  override readonly name = 'RemittanceError';
}
