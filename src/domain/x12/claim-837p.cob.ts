import type { ClaimLine } from '../claims/service-line.js';
import { centsToX12, unitsToX12 } from '../money.js';
import type { Adjustment, AdjustmentGroup } from '../remittance/adjudication.js';
import { dateD8, nameElements } from './claim-837p.elements.js';
import type { Claim837, OtherPayer837 } from './claim-837p.types.js';
import { X12WriteError } from './errors.js';
import type { SegmentWriter } from './writer.js';

/**
 * The 837P coordination-of-benefits loops (005010X222A1): per other payer, 2320 other subscriber information
 * (SBR, CAS, AMT*D, AMT*EAF, OI), 2330A other subscriber name (NM1*IL) and 2330B other payer name (NM1*PR,
 * DTP*573), written after the claim's 2310 loops and before its first 2400; and per line a 2430 line adjudication
 * (SVD, CAS, DTP*573, AMT*EAF) for each other payer that adjudicated it, after the line's 2410.
 */

/** CAS02–CAS19: six reason / amount / quantity triplets a segment. */
export const CAS_TRIPLETS = 6;
/** The guide repeats CAS at most five times in a 2320 or a 2430 loop. */
export const CAS_SEGMENTS = 5;

export interface CasSegment {
  group: AdjustmentGroup;
  adjustments: Adjustment[];
}

/**
 * The CAS segments adjustments are written as: one per group code (a second one only past six triplets), groups in
 * the order they first appear. Reading them back gives the adjustments in this order (`writtenAdjustments`).
 */
export function casSegments(adjustments: readonly Adjustment[]): CasSegment[] {
  const byGroup = new Map<AdjustmentGroup, Adjustment[]>();
  for (const a of adjustments) {
    const list = byGroup.get(a.group);
    if (list) list.push(a);
    else byGroup.set(a.group, [a]);
  }
  const segments: CasSegment[] = [];
  for (const [group, list] of byGroup) {
    for (let i = 0; i < list.length; i += CAS_TRIPLETS) {
      segments.push({ group, adjustments: list.slice(i, i + CAS_TRIPLETS) });
    }
  }
  return segments;
}

/** Adjustments in the order they are written and read back: grouped by group code, as `casSegments` writes them. */
export const writtenAdjustments = (adjustments: readonly Adjustment[]): Adjustment[] =>
  casSegments(adjustments).flatMap((s) => s.adjustments);

/**
 * A claim as it reads back from what the writer wrote: adjustments grouped by group code and each other payer's
 * 2430s in line order (the writer writes them inside their lines). Neither order carries meaning, so the round-trip
 * check compares claims in this form.
 */
export function asWritten(c: Claim837): Claim837 {
  if (c.otherPayers.length === 0) return c;
  return {
    ...c,
    otherPayers: c.otherPayers.map((p) => ({
      ...p,
      adjustments: writtenAdjustments(p.adjustments),
      lines: [...p.lines]
        .sort((a, b) => a.lineNumber - b.lineNumber)
        .map((l) => ({ ...l, adjustments: writtenAdjustments(l.adjustments) })),
    })),
  };
}

function cas(w: SegmentWriter, adjustments: readonly Adjustment[]) {
  for (const s of casSegments(adjustments)) {
    const triplets: (string | null)[] = [];
    for (const a of s.adjustments) {
      const quantity = a.quantityThousandths === null ? null : unitsToX12(a.quantityThousandths);
      triplets.push(a.reasonCode, centsToX12(a.amountCents), quantity);
    }
    w.segment('CAS', s.group, ...triplets);
  }
}

function otherPayer(w: SegmentWriter, p: OtherPayer837) {
  // 2320 SBR: SBR01 this payer's responsibility, SBR02 the patient's relationship to its subscriber, SBR03 the
  // group number, SBR09 its claim filing indicator.
  w.segment('SBR', p.responsibility, p.relationship, p.groupNumber, null, null, null, null, null, p.filingIndicator);
  cas(w, p.adjustments);
  if (p.paidCents !== null) w.segment('AMT', 'D', centsToX12(p.paidCents));
  if (p.remainingPatientLiabilityCents !== null) w.segment('AMT', 'EAF', centsToX12(p.remainingPatientLiabilityCents));
  // OI03 benefits assignment certification, OI06 release of information.
  w.segment('OI', null, null, p.benefitsAssigned, null, null, p.releaseOfInformation);
  const [type, last, first, middle] = nameElements(p.subscriber);
  w.segment('NM1', 'IL', type, last, first, middle, null, null, 'MI', p.subscriber.memberId);
  w.segment('NM1', 'PR', '2', p.payer.name, null, null, null, null, 'PI', p.payer.id);
  if (p.adjudicationDate !== null) w.segment('DTP', '573', 'D8', dateD8(p.adjudicationDate));
}

/** The 2320/2330A/2330B loops of every other payer, in the order given. */
export function otherPayerLoops(w: SegmentWriter, c: Claim837) {
  const lineNumbers = new Set(c.lines.map((l) => l.lineNumber));
  for (const p of c.otherPayers) {
    for (const l of p.lines) {
      // A 2430 is written inside its 2400: one for a line the claim does not have would silently be lost.
      if (!lineNumbers.has(l.lineNumber)) {
        throw new X12WriteError(
          'SVD01',
          `other payer ${p.payer.id} adjudicated line ${l.lineNumber}, not on the claim`,
        );
      }
    }
    otherPayer(w, p);
  }
}

/** The 2430 loops of one line: for each other payer, in payer order, each of its adjudications of the line. */
export function lineAdjudications(w: SegmentWriter, c: Claim837, line: ClaimLine) {
  for (const p of c.otherPayers) {
    for (const a of p.lines) {
      if (a.lineNumber !== line.lineNumber) continue;
      const m = a.modifiers;
      // SVD01 the 2330B payer id, SVD02 paid, SVD03 the procedure as adjudicated, SVD05 the paid units.
      w.segment(
        'SVD',
        p.payer.id,
        centsToX12(a.paidCents),
        ['HC', a.procedureCode, m[0], m[1], m[2], m[3]],
        null,
        unitsToX12(a.unitsThousandths),
      );
      cas(w, a.adjustments);
      w.segment('DTP', '573', 'D8', dateD8(a.adjudicationDate));
      if (a.remainingPatientLiabilityCents !== null) {
        w.segment('AMT', 'EAF', centsToX12(a.remainingPatientLiabilityCents));
      }
    }
  }
}
