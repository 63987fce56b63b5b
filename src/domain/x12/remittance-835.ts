import type { Cents } from '../money.js';
import type {
  AdjudicationResult,
  BalanceError,
  ProviderAdjustment,
  RemittanceHeader,
} from '../remittance/adjudication.js';
import { balanceErrors, transactionBalanceError } from '../remittance/balance.js';
import type { X12Issue } from './errors.js';
import { createX12Stream, type ReadOptions, type Segment } from './reader.js';
import { createClaimLoops } from './remittance-835.claims.js';
import { fail } from './remittance-835.elements.js';
import { RemittanceError, type RemittanceIssue, type RemittanceWarningKind } from './remittance-835.errors.js';
import { createHeaderLoops, type HeaderLoops } from './remittance-835.header.js';
import { readPlb } from './remittance-835.segments.js';
import type {
  Remittance835,
  Remittance835Handler,
  Remittance835Reader,
  RemittanceEnvelope,
  RemittanceHeaderStart,
  Remittances835,
  RemittanceTotals,
} from './remittance-835.types.js';

export { RemittanceError } from './remittance-835.errors.js';
export type * from './remittance-835.types.js';

/**
 * The 835 (005010X221A1) remittance reader: an X12Handler for `createX12Stream` that maps each ST*835 set (one
 * BPR/TRN, one payment) onto RemittanceHeader and one AdjudicationResult per CLP loop, handing each claim over as
 * soon as it is complete, so a file of any size streams through holding one claim at a time.
 *
 * It never throws on an imbalance (each claim comes with its balancing errors; callers decide) and never throws
 * anything but X12Error (envelope, from the stream) or RemittanceError (content) on bad input.
 */

/** A 2–3 character tag as one integer, so the dispatch below compares numbers, not strings. */
function tagKey(tag: string): number {
  return (tag.charCodeAt(0) << 16) | (tag.charCodeAt(1) << 8) | (tag.length > 2 ? tag.charCodeAt(2) : 0);
}
const BPR = tagKey('BPR');
const TRN = tagKey('TRN');
const N1 = tagKey('N1');
const REF = tagKey('REF');
const LX = tagKey('LX');
const CLP = tagKey('CLP');
const CAS = tagKey('CAS');
const NM1 = tagKey('NM1');
const MIA = tagKey('MIA');
const MOA = tagKey('MOA');
const DTM = tagKey('DTM');
const SVC = tagKey('SVC');
const AMT = tagKey('AMT');
const LQ = tagKey('LQ');
const PLB = tagKey('PLB');

const HEADER = 0;
const DETAIL = 1;
const TRAILER = 2;

function emptyTotals(): RemittanceTotals {
  return {
    claimCount: 0,
    lineCount: 0,
    chargeCents: 0,
    paidCents: 0,
    patientResponsibilityCents: 0,
    providerAdjustmentCents: 0,
    unbalancedClaimCount: 0,
    balanceError: null,
  };
}

export function createRemittance835Reader(handler: Remittance835Handler): Remittance835Reader {
  const warnings: RemittanceIssue[] = [];
  let interchangeControlNumber = '';
  let groupControlNumber = '';
  let envelope: RemittanceEnvelope = {
    interchangeControlNumber,
    groupControlNumber,
    transactionControlNumber: '',
    implementation: '',
    position: 0,
  };
  let set = '';
  let component = ':';
  let lastPosition = 0;
  let mismatchReported = false;

  let phase = HEADER;
  let loops = createHeaderLoops('');
  let sawBpr = false;
  let header: RemittanceHeaderStart | null = null;
  let providerAdjustments: ProviderAdjustment[] = [];
  let totals = emptyTotals();

  const warn = (kind: RemittanceWarningKind, segment: string, position: number, message: string) =>
    warnings.push({ kind, message, segment, position, controlNumber: set });
  const mismatch = (s: Segment, used: string) => {
    if (mismatchReported) return;
    mismatchReported = true;
    const message = `Composites are split on '${used}': ISA16 declares '${component}'`;
    warn('component_separator_mismatch', s.elements[0] ?? '', s.position, message);
  };
  const unexpected = (s: Segment, why: string): never => fail('unexpected_segment', s, set, `${s.elements[0]} ${why}`);
  /** Totals of a set stay exact: a sum outside the safe range is a content error, not a RangeError. */
  const outOfRange = (at: string, position: number) =>
    new RemittanceError({
      kind: 'amount_out_of_range',
      message: `The amounts of ST*835 ${set} add up beyond the safe-integer range of cents`,
      segment: at,
      position,
      controlNumber: set,
    });
  const add = (a: Cents, b: Cents, at: string, position: number): Cents => {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
    throw outOfRange(at, position);
  };
  /** The balancing functions throw RangeError on such sums; here that is the same content error. */
  const balanced = <T>(check: () => T, at: string, position: number): T => {
    try {
      return check();
    } catch (error) {
      throw error instanceof RangeError ? outOfRange(at, position) : error;
    }
  };

  const startSet = () => {
    phase = HEADER;
    loops = createHeaderLoops(set);
    sawBpr = false;
    header = null;
    providerAdjustments = [];
    totals = emptyTotals();
    mismatchReported = false;
    claims = createClaimLoops({ set, component, mismatch, done: claimDone });
  };

  /** The header loops end at the first LX, CLP or PLB (or SE): check them and announce the remittance. */
  const finishHeader = (s: Segment | null) => {
    if (header) return;
    header = loops.finish(s ?? { elements: ['SE'], position: lastPosition + 1 });
    phase = DETAIL;
    handler.onRemittanceStart?.(header, envelope);
  };

  const claimDone = (claim: AdjudicationResult, position: number) => {
    const errors = balanced(() => balanceErrors(claim), 'CLP', position);
    totals.claimCount++;
    totals.lineCount += claim.lines.length;
    totals.chargeCents = add(totals.chargeCents, claim.chargeCents, 'CLP', position);
    totals.paidCents = add(totals.paidCents, claim.paidCents, 'CLP', position);
    totals.patientResponsibilityCents = add(
      totals.patientResponsibilityCents,
      claim.patientResponsibilityCents,
      'CLP',
      position,
    );
    if (errors.length > 0) totals.unbalancedClaimCount++;
    handler.onClaim(claim, { envelope, position, balanceErrors: errors });
  };
  let claims = createClaimLoops({ set, component, mismatch, done: claimDone });

  /** Table 1 segments (BPR, TRN, N1 and the REFs of its loops) once the claims began. */
  const header1 = (s: Segment): HeaderLoops =>
    phase === HEADER ? loops : unexpected(s, 'after the claims began: it belongs to the header (table 1)');

  return {
    warnings,
    interchange(h) {
      interchangeControlNumber = h.controlNumber;
      component = h.delimiters.component;
    },
    group(g) {
      groupControlNumber = g.controlNumber;
    },
    transaction(t) {
      set = t.controlNumber;
      if (t.type !== '835') {
        throw new RemittanceError({
          kind: 'not_835',
          message: `Transaction set ${t.type.slice(0, 10)} ${t.controlNumber} is not an 835 remittance`,
          segment: 'ST',
          position: t.position,
          controlNumber: t.controlNumber,
        });
      }
      startSet();
      envelope = {
        interchangeControlNumber,
        groupControlNumber,
        transactionControlNumber: t.controlNumber,
        implementation: t.implementation,
        position: t.position,
      };
      lastPosition = t.position;
      if (!t.implementation.startsWith('005010X221')) {
        warn('implementation_mismatch', 'ST', t.position, `ST*835 ${set} is ${t.implementation}, read as 005010X221A1`);
      }
    },
    segment(s) {
      const e = s.elements;
      const tag = e[0] ?? '';
      lastPosition = s.position;
      if (!sawBpr) {
        if (tag !== 'BPR') fail('missing_segment', s, set, `ST*835 ${set} must begin with BPR, not ${tag}`);
        sawBpr = true;
        if (loops.bpr(s).paymentCents < 0) warn('negative_payment', 'BPR', s.position, 'BPR02 is below zero');
        return;
      }
      switch (tagKey(tag)) {
        case BPR:
          header1(s).bpr(s); // a second BPR: refused as a repeat
          return;
        case TRN:
          return header1(s).trn(s);
        case N1:
          return header1(s).n1(s);
        case REF:
          return phase === HEADER ? loops.ref(s) : claims.ref(s);
        case LX:
        case CLP:
          if (phase === TRAILER) unexpected(s, 'after PLB: provider adjustments end the set');
          finishHeader(s);
          return tag === 'CLP' ? claims.clp(s) : claims.close();
        case CAS:
          return claims.cas(s);
        case NM1:
          return claims.nm1(s);
        case MIA:
          return claims.mia(s);
        case MOA:
          return claims.moa(s);
        case DTM:
          return claims.dtm(s);
        case SVC:
          return claims.svc(s);
        case AMT:
          return claims.amt(s);
        case LQ:
          return claims.lq(s);
        case PLB:
          finishHeader(s);
          claims.close();
          phase = TRAILER;
          return readPlb(s, set, component, mismatch, providerAdjustments);
        default:
          return;
      }
    },
    transactionEnd() {
      finishHeader(null);
      claims.close();
      const done: RemittanceHeader = { ...header!, providerAdjustments };
      const at = lastPosition + 1;
      for (const p of providerAdjustments) {
        totals.providerAdjustmentCents = add(totals.providerAdjustmentCents, p.amountCents, 'PLB', at);
      }
      totals.balanceError = balanced(() => transactionBalanceError(done, totals.paidCents), 'SE', at);
      handler.onRemittanceEnd(done, totals, envelope);
    },
  };
}

/** A whole 835 file in memory (requests, tests). Big files: `createX12Stream(createRemittance835Reader(…))`. */
export function readRemittances835(text: string, options: ReadOptions = {}): Remittances835 {
  const remittances: Remittance835[] = [];
  let claims: AdjudicationResult[] = [];
  let errors: BalanceError[] = [];
  const reader = createRemittance835Reader({
    onClaim(claim, context) {
      claims.push(claim);
      for (const e of context.balanceErrors) errors.push(e);
    },
    onRemittanceEnd(header, totals, envelope) {
      if (totals.balanceError) errors.push(totals.balanceError);
      remittances.push({ ...envelope, header, claims, totals, balanceErrors: errors });
      claims = [];
      errors = [];
    },
  });
  const stream = createX12Stream(reader, options);
  stream.write(text);
  const { warnings, segments } = stream.end();
  const all: Array<X12Issue | RemittanceIssue> = [...warnings, ...reader.warnings];
  all.sort((a, b) => a.position - b.position);
  return { remittances, warnings: all, segmentCount: segments };
}
