import type { AdjudicatedLine, AdjudicationResult } from '../remittance/adjudication.js';
import type { Segment } from './reader.js';
import { fail, requiredAmount, requiredDate, requiredText } from './remittance-835.elements.js';
import {
  MIA_REMARK_POSITIONS,
  remarkCode,
  MOA_REMARK_POSITIONS,
  personName,
  pushCodes,
  readCas,
  readClp,
  readSvc,
  type SeparatorMismatch,
} from './remittance-835.segments.js';

/**
 * Table 2 of an 835 set: the claim payment loops (2100, from CLP) and their service payment loops (2110, from
 * SVC). Holds the open claim only; each one is handed to `done` when the next CLP, an LX, the PLB or the SE
 * closes it. One per transaction set; `set` is its ST02.
 */
export interface ClaimLoops {
  clp(s: Segment): void;
  /** Hands the open claim over, if there is one. */
  close(): void;
  cas(s: Segment): void;
  nm1(s: Segment): void;
  mia(s: Segment): void;
  moa(s: Segment): void;
  dtm(s: Segment): void;
  svc(s: Segment): void;
  ref(s: Segment): void;
  amt(s: Segment): void;
  lq(s: Segment): void;
}

export interface ClaimLoopsOptions {
  set: string;
  /** ISA16. */
  component: string;
  mismatch: SeparatorMismatch;
  done(claim: AdjudicationResult, position: number): void;
}

export function createClaimLoops({ set, component, mismatch, done }: ClaimLoopsOptions): ClaimLoops {
  let claim: AdjudicationResult | null = null;
  let position = 0;
  let line: AdjudicatedLine | null = null;

  const unexpected = (s: Segment, why: string): never => fail('unexpected_segment', s, set, `${s.elements[0]} ${why}`);
  /** A loop 2100/2110 segment needs an open claim. */
  const open = (s: Segment): AdjudicationResult => claim ?? unexpected(s, 'is outside a claim (no CLP before it)');
  /** A loop 2100 segment comes before the claim's first SVC. */
  const claimLevel = (s: Segment): AdjudicationResult => {
    const c = open(s);
    return line ? unexpected(s, 'comes after the first SVC of its claim: loop 2100 segments precede loop 2110') : c;
  };
  const close = () => {
    const finished = claim;
    if (!finished) return;
    claim = null;
    line = null;
    done(finished, position);
  };

  return {
    clp(s) {
      close();
      claim = readClp(s, set);
      position = s.position;
    },
    close,
    cas(s) {
      const c = open(s);
      readCas(s, set, line ? line.adjustments : c.adjustments);
    },
    nm1(s) {
      const c = claimLevel(s);
      // NM1*QC is the patient; IL insured, 74 corrected name, 82 rendering provider, TT/PR crossover payers.
      if (s.elements[1] === 'QC') c.patientName = personName(s);
    },
    mia(s) {
      pushCodes(s, MIA_REMARK_POSITIONS, claimLevel(s).remarkCodes, set);
    },
    moa(s) {
      pushCodes(s, MOA_REMARK_POSITIONS, claimLevel(s).remarkCodes, set);
    },
    dtm(s) {
      // Claim DTM*232/233 statement period (050 received, 036 coverage expiry… are not kept); line DTM*472 service
      // date, or 150/151 service period start and end. DTM outside a claim is the header's 405 production date.
      const qualifier = s.elements[1];
      if (line) {
        if (qualifier === '472' || qualifier === '150') line.serviceDate = requiredDate(s, 2, set);
        else if (qualifier === '151') line.serviceDateTo = requiredDate(s, 2, set);
      } else if (claim) {
        if (qualifier === '232') claim.serviceDate = requiredDate(s, 2, set);
        else if (qualifier === '233') claim.serviceDateTo = requiredDate(s, 2, set);
      }
    },
    svc(s) {
      const c = open(s);
      line = readSvc(s, set, component, mismatch);
      c.lines.push(line);
    },
    ref(s) {
      // REF*6R: the line item control number we sent (837P REF*6R), echoed back.
      if (line && s.elements[1] === '6R') line.controlNumber = s.elements[2] || null;
    },
    amt(s) {
      open(s);
      if (line && s.elements[1] === 'B6') line.allowedCents = requiredAmount(s, 2, set);
    },
    lq(s) {
      if (!line) return unexpected(s, 'is outside a service line (no SVC before it)');
      // LQ01 HE: a RARC; RX would be an NCPDP reject code.
      if (s.elements[1] === 'HE') line.remarkCodes.push(remarkCode(s, 2, requiredText(s, 2, set), set));
    },
  };
}
