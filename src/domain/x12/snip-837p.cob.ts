import { sumCents } from '../money.js';
import { ADJUSTMENT_GROUPS, type Adjustment } from '../remittance/adjudication.js';
import { CAS_SEGMENTS, casSegments } from './claim-837p.cob.js';
import { type Claim837, OTHER_SUBSCRIBER_RELATIONSHIPS, type OtherPayer837 } from './claim-837p.types.js';

/**
 * SNIP 2 and 3 for a claim's other payers (005010X222A1 loops 2320, 2330A, 2330B, 2430): the loops a claim to a
 * secondary or tertiary payer must carry, their codes, and the coordination-of-benefits balancing of the guide's
 * front matter (1.4.1): for each other payer, each line it adjudicated balances (SV102 − Σ 2430 CAS = SVD02), and
 * when it reported lines, so does the claim (CLM02 − Σ 2320 CAS − Σ 2430 CAS = 2320 AMT*D). A payer that adjudicated
 * at claim level only has no claim balancing to meet (X12 RFI 1294).
 */

type Add = (level: 2 | 3, rule: string, message: string) => void;

/** 2320 repeats at most 10 times. */
export const MAX_OTHER_PAYERS = 10;

const D8_ISO = /^\d{4}-\d{2}-\d{2}$/;
const GROUPS: readonly string[] = ADJUSTMENT_GROUPS;
const RELATIONSHIPS: readonly string[] = OTHER_SUBSCRIBER_RELATIONSHIPS;
const RESPONSIBILITIES = ['P', 'S', 'T'];
/** The payers a claim to a secondary or tertiary payer must name: those before it in the order. */
const EARLIER: Record<string, string[]> = { P: [], S: ['P'], T: ['P', 'S'] };

const total = (adjustments: readonly Adjustment[]) => sumCents(adjustments.map((a) => a.amountCents));

function checkCas(add: Add, where: string, adjustments: readonly Adjustment[]) {
  for (const a of adjustments) {
    if (!GROUPS.includes(a.group)) add(2, 'cas01_group', `${where} CAS01 '${a.group}' is not CO, CR, OA, PI or PR`);
    if (!a.reasonCode) add(2, 'cas_reason', `${where} CAS has an adjustment without a reason code`);
    // The CAS segments carry only adjustments that change the amount paid.
    if (a.amountCents === 0) add(2, 'cas_amount_zero', `${where} CAS ${a.group} ${a.reasonCode} has a zero amount`);
  }
  const segments = casSegments(adjustments).length;
  if (segments > CAS_SEGMENTS) add(2, 'cas_count', `${where} needs ${segments} CAS segments (at most ${CAS_SEGMENTS})`);
}

function checkOtherPayer(c: Claim837, p: OtherPayer837, n: number, add: Add) {
  const who = `2320 other payer ${n} ('${p.payer.id}')`;
  if (!RELATIONSHIPS.includes(p.relationship))
    add(2, 'sbr02_relationship', `${who} SBR02 '${p.relationship}' is not an individual relationship code`);
  if (!p.filingIndicator) add(2, 'sbr09_required', `${who} SBR09 claim filing indicator is empty`);
  checkCas(add, who, p.adjustments);
  if (p.benefitsAssigned !== 'Y' && p.benefitsAssigned !== 'N' && p.benefitsAssigned !== 'W')
    add(2, 'oi03_benefits', `${who} OI03 '${p.benefitsAssigned}' is not Y, N or W`);
  if (p.releaseOfInformation !== 'Y' && p.releaseOfInformation !== 'I')
    add(2, 'oi06_release', `${who} OI06 '${p.releaseOfInformation}' is not Y or I`);
  if (!p.subscriber.name || !p.subscriber.memberId)
    add(2, 'loop_2330a', `${who} 2330A other subscriber name and member id are required`);
  if (!p.payer.name || !p.payer.id) add(2, 'loop_2330b', `${who} 2330B other payer name and id are required`);

  // AMT*D is required once the payer adjudicated the claim; 2330B DTP*573 then too, unless 2430 lines are sent.
  const adjudicated = p.adjustments.length > 0 || p.lines.length > 0 || p.adjudicationDate !== null;
  if (adjudicated && p.paidCents === null)
    add(2, 'amt_d_required', `${who} adjudicated the claim but has no AMT*D payer paid amount`);
  if (p.paidCents !== null && p.lines.length === 0 && p.adjudicationDate === null)
    add(2, 'dtp573_required', `${who} adjudicated at claim level: 2330B DTP*573 adjudication date is required`);
  if (p.lines.length > 0 && p.adjudicationDate !== null)
    add(2, 'dtp573_not_used', `${who} sends 2430 lines: 2330B DTP*573 is not used`);
  if (p.adjudicationDate !== null && !D8_ISO.test(p.adjudicationDate))
    add(2, 'dtp573_date', `${who} 2330B DTP*573 '${p.adjudicationDate}' is not a date`);

  const charges = new Map(c.lines.map((l) => [l.lineNumber, l.chargeCents]));
  const byLine = new Map<number, { paid: number[]; adjusted: number[] }>();
  for (const l of p.lines) {
    const where = `${who} 2430 of line ${l.lineNumber}`;
    if (!l.procedureCode) add(2, 'svd03_procedure', `${where} SVD03 has no procedure code`);
    if (!D8_ISO.test(l.adjudicationDate)) add(2, 'dtp573_line_required', `${where} has no DTP*573 adjudication date`);
    checkCas(add, where, l.adjustments);
    const sums = byLine.get(l.lineNumber) ?? { paid: [], adjusted: [] };
    sums.paid.push(l.paidCents);
    sums.adjusted.push(total(l.adjustments));
    byLine.set(l.lineNumber, sums);
  }
  // SNIP 3, line: what the line charged less what this payer adjusted on it is what it paid on it.
  for (const [lineNumber, sums] of byLine) {
    const charge = charges.get(lineNumber);
    if (charge === undefined) continue;
    const paid = sumCents(sums.paid);
    const adjusted = sumCents(sums.adjusted);
    if (charge - adjusted !== paid) {
      add(3, 'svd02_balance', `${who} line ${lineNumber}: SV102 ${charge} − CAS ${adjusted} ≠ SVD02 ${paid} cents`);
    }
  }
  // SNIP 3, claim, when lines are reported: the claim charge less every adjustment of this payer is what it paid.
  if (p.lines.length > 0 && p.paidCents !== null) {
    const adjusted = total(p.adjustments) + total(p.lines.flatMap((l) => l.adjustments));
    if (c.totalChargeCents - adjusted !== p.paidCents) {
      add(
        3,
        'amt_d_balance',
        `${who}: CLM02 ${c.totalChargeCents} − CAS ${adjusted} ≠ AMT*D ${p.paidCents} cents (every line it adjudicated must be reported)`,
      );
    }
  }
}

/** The other payers of one claim: how many, their order against the destination payer's, and each one's loops. */
export function checkOtherPayers(c: Claim837, add: Add) {
  const others = c.otherPayers;
  const own = c.subscriber.responsibility;
  // The common case, a claim to the primary with no other payer known, has nothing to check.
  if (others.length === 0 && own === 'P') return;
  if (others.length > MAX_OTHER_PAYERS)
    add(2, 'loop_2320_count', `The claim has ${others.length} other payers (at most ${MAX_OTHER_PAYERS})`);
  const seen = new Set<string>([own]);
  for (const p of others) {
    if (!RESPONSIBILITIES.includes(p.responsibility) || seen.has(p.responsibility)) {
      add(
        2,
        'sbr01_other_payer',
        `2320 SBR01 '${p.responsibility}' must be P, S or T, and differ from 2000B SBR01 '${own}' and the other 2320s`,
      );
    }
    seen.add(p.responsibility);
  }
  for (const earlier of EARLIER[own] ?? []) {
    if (!others.some((p) => p.responsibility === earlier)) {
      add(2, 'loop_2320_required', `A claim to the ${own} payer needs a 2320 loop for the ${earlier} payer`);
    }
  }
  const ids = others.map((p) => p.payer.id);
  if (new Set(ids).size !== ids.length)
    add(2, 'nm109_other_payer_unique', '2330B other payer ids must differ: 2430 SVD01 names its payer by it');
  others.forEach((p, i) => checkOtherPayer(c, p, i + 1, add));
}
