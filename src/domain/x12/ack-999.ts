import { el, type X12Transaction } from './document.js';
import {
  type AckContext,
  fail,
  optional,
  required,
  requiredCode,
  requiredNumber,
  shown,
  warn,
} from './ack.elements.js';
import { elementPosition, readContext } from './ack-999.context.js';
import {
  ACK_999_GROUP_CODES,
  ACK_999_SET_CODES,
  type Ack999,
  type Ack999ElementError,
  type Ack999Group,
  type Ack999SegmentError,
  type Ack999Set,
} from './ack-999.types.js';
import type { Segment } from './reader.js';

export * from './ack-999.types.js';

/**
 * The 999 implementation acknowledgment (005010X231A1) reader: one ST*999 answers one functional group we sent
 * (AK1), with one AK2 loop per transaction set and the group's verdict in AK9. Inside an AK2, IK3 names a segment in
 * error, CTX gives its context (CTX*CLM01:<patient control number> says which claim it was in) and IK4 the element.
 *
 * A rejected set is rejected whole: every claim of an 837 set with IK501 R must be fixed and sent again, not only the
 * claim a CTX names. A set with IK501 E was accepted; its IK3/IK4 are warnings the receiver chose to report.
 */

/** E is "accepted but errors were noted" in both lists: the set goes on to the receiver's application. */
const ACCEPTED: readonly string[] = ['A', 'E'];

function codesFrom(s: Segment, first: number, last: number): string[] {
  const codes: string[] = [];
  for (let n = first; n <= last; n++) {
    const code = optional(s, n);
    if (code !== null) codes.push(code);
  }
  return codes;
}

type Draft = Omit<Ack999Set, 'code' | 'accepted' | 'errorCodes'> & { closed: boolean };

export function read999(transaction: X12Transaction): Ack999 {
  const d = transaction.delimiters;
  const ctx: AckContext = { controlNumber: transaction.controlNumber, warnings: [] };
  const start: Segment = { elements: ['ST'], position: transaction.position };
  if (transaction.type !== '999') {
    fail(ctx, 'unsupported_transaction', start, `ST*${transaction.type} ${ctx.controlNumber} is not a 999`);
  }
  if (!/^005010X231(A1)?$/.test(transaction.implementation)) {
    const message = `ST*999 ${ctx.controlNumber} is ${transaction.implementation || 'unmarked'}, read as 005010X231A1`;
    warn(ctx, 'implementation_mismatch', start, message);
  }

  let ak1: Segment | null = null;
  let ak9: Segment | null = null;
  const sets: Ack999Set[] = [];
  let draft: Draft | null = null;
  let segmentError: Ack999SegmentError | null = null;
  let elementError: Ack999ElementError | null = null;
  const outOfPlace = (s: Segment, why: string): never => fail(ctx, 'unexpected_segment', s, `${s.elements[0]} ${why}`);
  const openSet = (s: Segment): Draft => {
    if (!draft || draft.closed) return outOfPlace(s, 'outside an AK2 transaction set response');
    return draft;
  };
  const unclosed = (s: Segment) => {
    if (draft && !draft.closed) {
      fail(ctx, 'missing_segment', s, `AK2 ${draft.controlNumber} at position ${draft.position} has no IK5`);
    }
  };

  for (const s of transaction.segments) {
    switch (s.elements[0]) {
      case 'AK1':
        if (ak1) outOfPlace(s, 'repeated: a 999 acknowledges one functional group');
        // AK101 is a two-character functional identifier (HC for an 837); a padded one means a broken writer.
        if (!/^[A-Z0-9]{2}$/.test(required(ctx, s, 1))) {
          fail(ctx, 'invalid_code', s, `AK101 ${shown(el(s, 1))} is not a functional identifier`, 'AK101');
        }
        ak1 = s;
        break;
      case 'AK2': {
        if (!ak1) outOfPlace(s, 'before AK1');
        if (ak9) outOfPlace(s, 'after AK9');
        unclosed(s);
        draft = {
          type: required(ctx, s, 1),
          controlNumber: required(ctx, s, 2),
          implementation: optional(s, 3),
          segmentErrors: [],
          patientControlNumbers: [],
          position: s.position,
          closed: false,
        };
        segmentError = null;
        elementError = null;
        break;
      }
      case 'IK3': {
        const set = openSet(s);
        segmentError = {
          segmentId: required(ctx, s, 1),
          segmentPosition: requiredNumber(ctx, s, 2),
          loop: optional(s, 3),
          code: required(ctx, s, 4),
          contexts: [],
          elementErrors: [],
          patientControlNumber: null,
          position: s.position,
        };
        elementError = null;
        set.segmentErrors.push(segmentError);
        break;
      }
      case 'CTX': {
        const set = openSet(s);
        if (!segmentError) return outOfPlace(s, 'outside an IK3 segment error');
        // A CTX after an IK4 is that element's context (loop 2110); before any IK4 it is the segment's (2100).
        const context = readContext(ctx, s, d);
        (elementError ?? segmentError).contexts.push(context);
        // CTX*CLM01:<id> is the business unit context: the claim (our CLM01) the segment in error belongs to.
        const claim = context.identifications.find((i) => i.name === 'CLM01')?.reference ?? null;
        if (claim === null) break;
        segmentError.patientControlNumber ??= claim;
        if (!set.patientControlNumbers.includes(claim)) set.patientControlNumbers.push(claim);
        break;
      }
      case 'IK4': {
        openSet(s);
        if (!segmentError) return outOfPlace(s, 'outside an IK3 segment error');
        elementError = {
          elementPosition: elementPosition(ctx, s, 1, d),
          elementReference: optional(s, 2),
          code: required(ctx, s, 3),
          badValue: optional(s, 4),
          contexts: [],
          position: s.position,
        };
        segmentError.elementErrors.push(elementError);
        break;
      }
      case 'IK5': {
        const set = openSet(s);
        const code = requiredCode(ctx, s, 1, ACK_999_SET_CODES);
        const { closed: _, ...rest } = set;
        sets.push({ ...rest, code, accepted: ACCEPTED.includes(code), errorCodes: codesFrom(s, 2, 6) });
        set.closed = true;
        segmentError = null;
        elementError = null;
        break;
      }
      case 'AK9':
        if (!ak1) outOfPlace(s, 'before AK1');
        if (ak9) outOfPlace(s, 'repeated');
        unclosed(s);
        ak9 = s;
        break;
      default:
        outOfPlace(s, 'is not a segment of the 999');
    }
  }

  const end: Segment = { elements: ['SE'], position: (transaction.segments.at(-1)?.position ?? start.position) + 1 };
  unclosed(end);
  if (!ak1) return fail(ctx, 'missing_segment', end, `ST*999 ${ctx.controlNumber} has no AK1`);
  if (!ak9) return fail(ctx, 'missing_segment', end, `ST*999 ${ctx.controlNumber} has no AK9`);
  const group = readGroup(ctx, ak1, ak9);
  checkCounts(ctx, ak9, group, sets);
  return {
    controlNumber: transaction.controlNumber,
    implementation: transaction.implementation,
    position: transaction.position,
    group,
    sets,
    warnings: ctx.warnings,
  };
}

function readGroup(ctx: AckContext, ak1: Segment, ak9: Segment): Ack999Group {
  const code = requiredCode(ctx, ak9, 1, ACK_999_GROUP_CODES);
  return {
    functionalId: required(ctx, ak1, 1),
    controlNumber: required(ctx, ak1, 2),
    version: optional(ak1, 3),
    code,
    outcome: ACCEPTED.includes(code) ? 'accepted' : code === 'P' ? 'partial' : 'rejected',
    includedCount: requiredNumber(ctx, ak9, 2),
    receivedCount: requiredNumber(ctx, ak9, 3),
    acceptedCount: requiredNumber(ctx, ak9, 4),
    errorCodes: codesFrom(ak9, 5, 9),
    position: ak1.position,
  };
}

/**
 * AK9 counts against the AK2 loops. Receivers normally send an AK2 for every set received, so a difference is worth a
 * look, but AK9 is the receiver's own verdict: it is kept as sent, with a warning.
 */
function checkCounts(ctx: AckContext, ak9: Segment, group: Ack999Group, sets: Ack999Set[]): void {
  const accepted = sets.filter((s) => s.accepted).length;
  if (group.receivedCount !== sets.length) {
    const message = `AK903 says ${group.receivedCount} sets received, the 999 has ${sets.length} AK2 loops`;
    warn(ctx, 'count_mismatch', ak9, message, 'AK903');
  } else if (group.acceptedCount !== accepted) {
    const message = `AK904 says ${group.acceptedCount} sets accepted, ${accepted} AK2 loops have IK501 A or E`;
    warn(ctx, 'count_mismatch', ak9, message, 'AK904');
  }
}
