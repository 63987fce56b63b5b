/**
 * Typed X12 problems. A reader never throws anything else on bad input: every defect is an `X12Issue` with the
 * segment tag, its 1-based position in the file and, where there is one, the envelope's control number.
 */

/** Envelope and syntax defects a caller may choose to accept (lenient) or refuse (strict), kind by kind. */
export const ENVELOPE_ISSUE_KINDS = [
  'se_count_mismatch', // SE01 is not the number of segments ST..SE
  'se_control_mismatch', // SE02 differs from ST02
  'ge_count_mismatch', // GE01 is not the number of ST sets in the group
  'ge_control_mismatch', // GE02 differs from GS06
  'iea_count_mismatch', // IEA01 is not the number of GS groups in the interchange
  'iea_control_mismatch', // IEA02 differs from ISA13
  'missing_se', // a transaction set ends (GE, ST, IEA or end of file) without its SE
  'missing_ge', // a group ends without its GE
  'missing_iea', // an interchange ends without its IEA
] as const;
export type EnvelopeIssueKind = (typeof ENVELOPE_ISSUE_KINDS)[number];

/** Defects no leniency can accept: the file cannot be read as X12 at all past this point. */
export const FATAL_ISSUE_KINDS = [
  'not_x12', // no ISA at the start (after an optional BOM and whitespace)
  'bad_isa', // the ISA is too short to take delimiters from, or its delimiters collide
  'segment_outside_envelope', // a segment before ISA, after IEA, or between GS/ST levels where it cannot be
  'bad_segment_tag', // a tag that is not 2–3 upper-case letters or digits
  'element_too_long', // an element longer than 264 characters, the longest the X12 dictionary allows
  'empty_file',
] as const;
export type FatalIssueKind = (typeof FATAL_ISSUE_KINDS)[number];

export type X12IssueKind = EnvelopeIssueKind | FatalIssueKind;

export interface X12Issue {
  kind: X12IssueKind;
  message: string;
  /** The segment the issue was found at (for a missing trailer: the segment where it should have been). */
  segment: string;
  /** 1-based position of that segment in the file (0 when the file has no segment). */
  position: number;
  /** Control number of the envelope concerned (ISA13, GS06 or ST02), when known. */
  controlNumber?: string;
}

export class X12Error extends Error {
  readonly code = 'x12_invalid';

  constructor(readonly issues: readonly X12Issue[]) {
    const first = issues[0];
    super(first ? `${first.message} (segment ${first.segment} at position ${first.position})` : 'Invalid X12');
    this.name = 'X12Error';
  }
}

/** A writer refusal: the value would change the file's structure if written as it is. */
export class X12WriteError extends Error {
  readonly code = 'x12_unwritable';

  constructor(
    /** Segment and element reference, e.g. "NM103" or "SV101-2". */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'X12WriteError';
  }
}

/** What a content issue of a transaction set names: its kind, the segment tag and its 1-based position. */
export interface ContentIssue<K extends string> {
  kind: K;
  message: string;
  segment: string;
  position: number;
}

/**
 * A set the envelope let through but whose content cannot be mapped (an 835, a 999, a 277CA): the first defect,
 * with its segment and position. Each reader names its own subclass and code.
 */
export abstract class X12ContentError<K extends string, I extends ContentIssue<K>> extends Error {
  abstract readonly code: string;
  readonly kind: K;
  readonly segment: string;
  readonly position: number;

  constructor(readonly issue: I) {
    super(`${issue.message} (segment ${issue.segment} at position ${issue.position})`);
    this.kind = issue.kind;
    this.segment = issue.segment;
    this.position = issue.position;
  }
}
