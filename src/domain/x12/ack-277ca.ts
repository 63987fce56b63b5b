import { type X12Transaction } from './document.js';
import {
  type AckContext,
  fail,
  isOneOf,
  optional,
  optionalAmount,
  optionalDate,
  required,
  requiredNumber,
  shown,
  warn,
} from './ack.elements.js';
import { combineOutcomes } from './ack-277ca.status.js';
import {
  emptyClaim,
  emptyParty,
  readEntity,
  readReference,
  readServiceDates,
  readStc,
  readSvc,
} from './ack-277ca.segments.js';
import type {
  Ack277CA,
  Ack277Claim,
  Ack277Entity,
  Ack277Line,
  Ack277Party,
  Ack277PartyLevel,
} from './ack-277ca.types.js';
import type { Segment } from './reader.js';

export type * from './ack-277ca.types.js';
export { type AckOutcome, combineOutcomes, describeStatus, stcOutcome } from './ack-277ca.status.js';

/**
 * The 277CA claim acknowledgment (005010X214) reader. The set is a hierarchy of HL levels: 20 the information source
 * (payer or clearinghouse, 2000A), 21 the information receiver (us, 2000B), 19 a billing provider (2000C) and PT a
 * patient (2000D). Each claim is a 2200D loop under a patient: TRN*2 echoes our CLM01, STC says what became of it,
 * REF*1K gives the payer's claim number and 2220D (SVC) the service lines reported on one by one. STC segments of the
 * upper levels are statuses of a whole batch or provider, not of one claim, and are reported on the parties.
 *
 * Only X214 is read. A 277 of 005010X212 answers a 276 status inquiry (levels 22/23, finalized F codes, payments):
 * reading it as an acknowledgment of a submission would misfile its answers, so it is refused.
 */

const LEVEL_CODES = ['20', '21', '19', 'PT'] as const;
type LevelCode = (typeof LEVEL_CODES)[number];
const PARTY_LEVELS: Record<Exclude<LevelCode, 'PT'>, Ack277PartyLevel> = {
  '20': 'information_source',
  '21': 'information_receiver',
  '19': 'billing_provider',
};
/** The level each level must sit under (X214 2000A–2000D). */
const PARENT_LEVEL: Record<LevelCode, LevelCode | null> = { '20': null, '21': '20', '19': '21', PT: '19' };

interface Level {
  code: LevelCode;
  hlId: string;
  parentHlId: string | null;
  party: Ack277Party | null;
  /** NM1*QC of a patient level. */
  patient: Ack277Entity | null;
}

export function read277ca(transaction: X12Transaction): Ack277CA {
  const d = transaction.delimiters;
  const ctx: AckContext = { controlNumber: transaction.controlNumber, warnings: [] };
  const start: Segment = { elements: ['ST'], position: transaction.position };
  if (transaction.type !== '277' || !transaction.implementation.startsWith('005010X214')) {
    const what = `ST*${transaction.type} ${ctx.controlNumber} (${transaction.implementation || 'no implementation'})`;
    fail(ctx, 'unsupported_transaction', start, `${what} is not a 277CA claim acknowledgment (005010X214)`);
  }
  const outOfPlace = (s: Segment, why: string): never => fail(ctx, 'unexpected_segment', s, `${s.elements[0]} ${why}`);
  /** A qualifier the TR3 does not list at that place: the segment says nothing we can read, so it is skipped. */
  const skipped = (s: Segment, element: string, qualifier: string, expected: string) =>
    warn(ctx, 'unexpected_qualifier', s, `${element} ${shown(qualifier)} is not ${expected} here: skipped`, element);

  let header: { reference: string; createdDate: string | null } | null = null;
  const levels = new Map<string, Level>();
  const parties: Ack277Party[] = [];
  const claims: Ack277Claim[] = [];
  let level: Level | null = null;
  let claim: Ack277Claim | null = null;
  let line: Ack277Line | null = null;

  /** X214 requires an STC in every 2200D claim and 2220D line: without one the claim's fate is unknown. */
  const close = (at: Segment) => {
    for (const loop of [line, claim]) {
      if (loop && loop.statuses.length === 0) {
        const what = loop === claim ? `Claim ${claim.patientControlNumber}` : 'Service line';
        fail(ctx, 'missing_segment', at, `${what} (position ${loop.position}) has no STC`);
      }
    }
    line = null;
    claim = null;
  };

  const openLevel = (s: Segment): Level => {
    const hlId = required(ctx, s, 1);
    const parentHlId = optional(s, 2);
    const code = required(ctx, s, 3);
    if (!isOneOf(LEVEL_CODES, code))
      fail(ctx, 'invalid_code', s, `HL03 ${shown(code)} is not 20, 21, 19 or PT`, 'HL03');
    if (levels.has(hlId)) fail(ctx, 'invalid_hierarchy', s, `HL01 ${shown(hlId)} is used twice`, 'HL01');
    const expected = PARENT_LEVEL[code];
    const parent = parentHlId === null ? undefined : levels.get(parentHlId);
    if (expected === null ? parentHlId !== null : parent?.code !== expected) {
      const where = expected === null ? 'has no parent' : `sits under a level ${expected}`;
      fail(ctx, 'invalid_hierarchy', s, `HL level ${code} ${where}; HL02 is ${shown(parentHlId ?? '')}`, 'HL02');
    }
    const party = code === 'PT' ? null : emptyParty(PARTY_LEVELS[code], hlId, parentHlId, s.position);
    if (party) parties.push(party);
    const opened: Level = { code, hlId, parentHlId, party, patient: null };
    levels.set(hlId, opened);
    return opened;
  };

  const partySegment = (s: Segment, party: Ack277Party) => {
    switch (s.elements[0]) {
      case 'NM1':
        if (party.entity) outOfPlace(s, 'repeated in one HL level');
        party.entity = readEntity(ctx, s);
        return;
      case 'TRN':
        if (party.traceNumber !== null) outOfPlace(s, 'repeated in one HL level');
        party.traceNumber = required(ctx, s, 2);
        return;
      case 'STC':
        party.statuses.push(readStc(ctx, s, d));
        return;
      case 'REF':
        party.references.push(readReference(ctx, s));
        return;
      case 'QTY': {
        // 2200B QTY*90 / QTY*AA, 2200C QTY*QA / QTY*QC: claims accepted and rejected at that level.
        const qualifier = required(ctx, s, 1);
        const count = requiredNumber(ctx, s, 2);
        if (qualifier === '90' || qualifier === 'QA') party.acceptedCount = count;
        else if (qualifier === 'AA' || qualifier === 'QC') party.rejectedCount = count;
        else skipped(s, 'QTY01', qualifier, '90, QA, AA or QC');
        return;
      }
      case 'AMT': {
        // AMT*YU total accepted charges, AMT*YY total rejected charges.
        const qualifier = required(ctx, s, 1);
        required(ctx, s, 2);
        if (qualifier === 'YU') party.acceptedCents = optionalAmount(ctx, s, 2);
        else if (qualifier === 'YY') party.rejectedCents = optionalAmount(ctx, s, 2);
        else skipped(s, 'AMT01', qualifier, 'YU or YY');
        return;
      }
      case 'DTP': {
        // 2200A: DTP*050 the date the responder received our file, DTP*009 the date it processed it.
        const qualifier = required(ctx, s, 1);
        if (qualifier === '050') party.receivedDate = optionalDate(ctx, s, 3);
        else if (qualifier === '009') party.processDate = optionalDate(ctx, s, 3);
        else skipped(s, 'DTP01', qualifier, '050 or 009');
        return;
      }
      default:
        outOfPlace(s, 'is not a segment of the 277CA');
    }
  };

  const patientSegment = (s: Segment, patient: Level) => {
    const tag = s.elements[0];
    if (tag === 'NM1') {
      if (patient.patient || claim) outOfPlace(s, 'repeated in one patient level');
      patient.patient = readEntity(ctx, s);
      return;
    }
    if (tag === 'TRN') {
      // TRN*2 opens a 2200D claim loop; a patient level may hold several claims.
      close(s);
      const providerHlId = patient.parentHlId ?? '';
      const billingProvider = levels.get(providerHlId)?.party?.entity ?? null;
      const opened = emptyClaim(required(ctx, s, 2), patient, billingProvider, providerHlId, s.position);
      claims.push(opened);
      claim = opened;
      return;
    }
    if (!claim) {
      if (tag === 'STC' || tag === 'REF' || tag === 'DTP' || tag === 'SVC') {
        fail(ctx, 'missing_segment', s, `${tag} of patient level ${patient.hlId} comes before the claim's TRN*2`);
      }
      return outOfPlace(s, 'is not a segment of the 277CA patient level');
    }
    const target: Ack277Claim | Ack277Line = line ?? claim;
    switch (tag) {
      case 'STC':
        target.statuses.push(readStc(ctx, s, d));
        return;
      case 'REF': {
        const reference = readReference(ctx, s);
        target.references.push(reference);
        if (line && reference.qualifier === 'FJ') line.lineItemControlNumber ??= reference.value;
        if (!line && reference.qualifier === '1K') claim.payerClaimControlNumber ??= reference.value;
        if (!line && reference.qualifier === 'D9') claim.clearinghouseTraceNumber ??= reference.value;
        if (!line && reference.qualifier === 'BLT') claim.billType ??= reference.value;
        return;
      }
      case 'DTP': {
        // 2200D and 2220D carry one date each: DTP*472, the service date(s) the responder read from the claim.
        const qualifier = required(ctx, s, 1);
        if (qualifier !== '472') return skipped(s, 'DTP01', qualifier, '472');
        if (target.serviceDates) outOfPlace(s, 'repeated: one service date per claim or line');
        target.serviceDates = readServiceDates(ctx, s);
        return;
      }
      case 'SVC': {
        if (line && line.statuses.length === 0) {
          fail(ctx, 'missing_segment', s, `Service line (position ${line.position}) has no STC`);
        }
        const opened = readSvc(ctx, s, d);
        claim.lines.push(opened);
        line = opened;
        return;
      }
      default:
        outOfPlace(s, 'is not a segment of the 277CA claim loop');
    }
  };

  for (const s of transaction.segments) {
    const tag = s.elements[0];
    if (tag === 'BHT') {
      // BHT03: the responder's reference for this acknowledgment; BHT04 the date it was created.
      if (header || level) outOfPlace(s, 'must come once, right after ST');
      header = { reference: required(ctx, s, 3), createdDate: optionalDate(ctx, s, 4) };
      continue;
    }
    if (!header) fail(ctx, 'missing_segment', s, `ST*277 ${ctx.controlNumber} has no BHT before ${tag}`);
    if (tag === 'HL') {
      close(s);
      level = openLevel(s);
      continue;
    }
    if (!level) return outOfPlace(s, 'before any HL level');
    if (level.party) partySegment(s, level.party);
    else patientSegment(s, level);
  }
  const end: Segment = { elements: ['SE'], position: (transaction.segments.at(-1)?.position ?? start.position) + 1 };
  close(end);
  if (!header) return fail(ctx, 'missing_segment', end, `ST*277 ${ctx.controlNumber} has no BHT`);

  for (const party of parties) party.outcome = combineOutcomes(party.statuses.map((s) => s.outcome));
  for (const c of claims) {
    c.outcome = combineOutcomes(c.statuses.map((s) => s.outcome));
    for (const l of c.lines) l.outcome = combineOutcomes(l.statuses.map((s) => s.outcome));
  }
  return {
    controlNumber: transaction.controlNumber,
    implementation: transaction.implementation,
    position: transaction.position,
    ...header,
    parties,
    claims,
    warnings: ctx.warnings,
  };
}
