import type { ClaimLine } from '../claims/service-line.js';
import type { Cents, Thousandths } from '../money.js';
import type { Adjustment, AdjustmentGroup } from '../remittance/adjudication.js';
import type {
  Claim837,
  OtherPayer837,
  OtherPayerLine837,
  OtherSubscriberRelationship837,
  Responsibility837,
} from './claim-837p.types.js';
import type { Delimiters } from './delimiters.js';
import { el } from './document.js';
import { entityOf, isoDate } from './read-837p.elements.js';
import type { Segment } from './reader.js';

/**
 * Reading the 837P coordination-of-benefits loops back (the writer is claim-837p.cob.ts): 2320 SBR starts an other
 * payer of the claim, its CAS / AMT / OI, 2330A and 2330B NM1 and DTP*573 fill it in; a 2430 SVD inside a line starts
 * a line adjudication of the other payer its SVD01 names. Codes are taken as written and judged by the SNIP checks.
 */

/** The reader's element readers, which name the segment when a value is not a number, and its failure. */
export interface ElementReaders {
  amount(s: Segment, n: number): Cents;
  quantity(s: Segment, n: number): Thousandths;
  fail(s: Segment, message: string): never;
}

/** A 2430 whose SVD01 names no other payer of its claim: kept for the SNIP check (`svd01_payer`). */
export interface UnmatchedLineAdjudication {
  patientControlNumber: string;
  lineNumber: number;
  payerId: string;
}

/** 2320 SBR: a new other payer of the claim. */
function startOtherPayer(claim: Claim837, s: Segment): OtherPayer837 {
  const payer: OtherPayer837 = {
    responsibility: el(s, 1) as Responsibility837,
    relationship: el(s, 2) as OtherSubscriberRelationship837,
    groupNumber: el(s, 3) || null,
    filingIndicator: el(s, 9),
    adjustments: [],
    paidCents: null,
    remainingPatientLiabilityCents: null,
    benefitsAssigned: '' as OtherPayer837['benefitsAssigned'],
    releaseOfInformation: '' as OtherPayer837['releaseOfInformation'],
    subscriber: { kind: 'individual', name: '', firstName: null, middleName: null, memberId: '' },
    payer: { name: '', id: '' },
    adjudicationDate: null,
    lines: [],
  };
  claim.otherPayers.push(payer);
  return payer;
}

/** CAS: the group code, then a triplet (reason, amount, optional quantity) at CAS02, 05, 08, 11, 14 and 17. */
function readCas(s: Segment, values: ElementReaders): Adjustment[] {
  const group = el(s, 1) as AdjustmentGroup;
  const adjustments: Adjustment[] = [];
  for (let i = 2; i <= 17; i += 3) {
    const reasonCode = el(s, i);
    if (!reasonCode) continue;
    adjustments.push({
      group,
      reasonCode,
      amountCents: values.amount(s, i + 1),
      quantityThousandths: el(s, i + 2) ? values.quantity(s, i + 2) : null,
    });
  }
  return adjustments;
}

/**
 * 2430 SVD: a line adjudication of the other payer SVD01 names (the first with that 2330B id). One naming none is
 * recorded in `unmatched` and read into a detached object, so its CAS and DTP do not land elsewhere.
 */
function startLineAdjudication(
  claim: Claim837,
  lineNumber: number,
  s: Segment,
  d: Delimiters,
  values: ElementReaders,
  unmatched: UnmatchedLineAdjudication[],
): OtherPayerLine837 {
  const [, procedureCode = '', ...modifiers] = el(s, 3).split(d.component);
  const adjudication: OtherPayerLine837 = {
    lineNumber,
    paidCents: values.amount(s, 2),
    procedureCode,
    modifiers: modifiers.slice(0, 4).filter((m) => m !== ''),
    unitsThousandths: values.quantity(s, 5),
    adjustments: [],
    adjudicationDate: '',
    remainingPatientLiabilityCents: null,
  };
  const payerId = el(s, 1);
  const payer = claim.otherPayers.find((p) => p.payer.id === payerId);
  if (payer) payer.lines.push(adjudication);
  else unmatched.push({ patientControlNumber: claim.patientControlNumber, lineNumber, payerId });
  return adjudication;
}

/** What the 837P reader hands the COB loops: the segments it does not read itself, and where loops end. */
export interface CobReader {
  /** Inside a 2320 loop (its SBR up to the claim's first LX): NM1 there are 2330 names, REF theirs too. */
  readonly inOtherPayer: boolean;
  /** SBR inside a claim: a 2320 loop starts. */
  otherSubscriber(claim: Claim837, s: Segment): void;
  /** NM1 inside a 2320 loop: 2330A other subscriber or 2330B other payer (2330C–G providers are skipped). */
  name(s: Segment): void;
  /** CAS, AMT, OI, SVD and DTP*573 inside a claim (others are ignored). */
  segment(s: Segment, claim: Claim837, line: ClaimLine | null): void;
  /** HL, CLM and LX end the loops being read. */
  end(): void;
}

export function createCobReader(
  d: Delimiters,
  values: ElementReaders,
  unmatched: UnmatchedLineAdjudication[],
): CobReader {
  let payer: OtherPayer837 | null = null;
  let adjudication: OtherPayerLine837 | null = null;
  return {
    get inOtherPayer() {
      return payer !== null;
    },
    otherSubscriber(claim, s) {
      payer = startOtherPayer(claim, s);
      adjudication = null;
    },
    name(s) {
      const qualifier = el(s, 1);
      if (qualifier === 'IL') payer!.subscriber = { ...entityOf(s), memberId: el(s, 9) };
      else if (qualifier === 'PR') payer!.payer = { name: el(s, 3), id: el(s, 9) };
    },
    segment(s, claim, line) {
      const tag = el(s, 0);
      const q = el(s, 1);
      if (tag === 'SVD') {
        if (!line) values.fail(s, 'SVD outside a service line');
        adjudication = startLineAdjudication(claim, line!.lineNumber, s, d, values, unmatched);
      } else if (tag === 'CAS') {
        (adjudication ?? payer)?.adjustments.push(...readCas(s, values));
      } else if (tag === 'DTP' && q === '573') {
        const target = adjudication ?? payer;
        if (target) target.adjudicationDate = isoDate(el(s, 3));
      } else if (tag === 'AMT') {
        if (adjudication) {
          if (q === 'EAF') adjudication.remainingPatientLiabilityCents = values.amount(s, 2);
        } else if (payer) {
          if (q === 'D') payer.paidCents = values.amount(s, 2);
          else if (q === 'EAF') payer.remainingPatientLiabilityCents = values.amount(s, 2);
        }
      } else if (tag === 'OI' && payer) {
        // OI03 benefits assignment certification, OI06 release of information.
        payer.benefitsAssigned = el(s, 3) as OtherPayer837['benefitsAssigned'];
        payer.releaseOfInformation = el(s, 6) as OtherPayer837['releaseOfInformation'];
      }
    },
    end() {
      payer = null;
      adjudication = null;
    },
  };
}
