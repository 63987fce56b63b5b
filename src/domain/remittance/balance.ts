import type { Cents } from '../money.js';
import type {
  AdjudicatedLine,
  AdjudicationResult,
  Adjustment,
  BalanceError,
  RemittanceHeader,
} from './adjudication.js';

/**
 * The 835's three balancing levels (005010X221A1 section 1.10.2.1 "Balancing": 1.10.2.1.1 service line,
 * 1.10.2.1.2 claim, 1.10.2.1.3 transaction). Adjustments (CAS, PLB) reduce the payment when positive and increase
 * it when negative. Pure: the 835 reader runs them on every claim it maps, the JSON adjudication route on what is
 * posted; neither refuses anything here, callers decide what an imbalance means.
 *
 * Every total is exact integer cents; a total leaving the safe-integer range throws a RangeError (as `sumCents`).
 */

function add(a: Cents, b: Cents): Cents {
  const total = a + b;
  if (!Number.isSafeInteger(total)) throw new RangeError(`Sum of amounts leaves the safe-integer range (at ${total})`);
  return total;
}

function adjustmentTotal(adjustments: readonly Adjustment[]): Cents {
  let total = 0;
  for (const a of adjustments) total = add(total, a.amountCents);
  return total;
}

/** "1,234.50"-free, sign-first dollars for messages: "-12.05", "0.10". */
export function formatDollars(cents: Cents): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole}.${fraction}`;
}

/** 1.10.2.1.1 Service line: SVC02 charge − Σ line CAS amounts = SVC03 paid. `lineIndex` is 0-based. */
export function lineBalanceError(
  line: AdjudicatedLine,
  patientControlNumber: string | null,
  lineIndex: number,
): BalanceError | null {
  const adjusted = adjustmentTotal(line.adjustments);
  const expected = add(line.chargeCents, -adjusted);
  if (expected === line.paidCents) return null;
  return {
    level: 'line',
    patientControlNumber,
    lineIndex,
    differenceCents: add(expected, -line.paidCents),
    message:
      `Service line ${lineIndex + 1}: charge ${formatDollars(line.chargeCents)} − adjustments ` +
      `${formatDollars(adjusted)} = ${formatDollars(expected)}, paid (SVC03) is ${formatDollars(line.paidCents)}`,
  };
}

/**
 * Every line and claim balancing failure of one claim, lines first.
 *
 * 1.10.2.1.2 Claim: CLP03 charge − Σ claim-level CAS − Σ every line's CAS = CLP04 paid; both levels count, since a
 * payer may adjust some amounts per line and others (a per-claim deductible) per claim.
 * With service lines, the payment side must add up too: Σ SVC03 − Σ claim-level CAS = CLP04 (X12 RFI 452: "if
 * there are not claim level (2100) adjustments, CLP04 will equal the sum of SVC03"). Given balanced lines this
 * fails exactly when the lines' charges do not add up to CLP03, i.e. a line is missing or a charge is wrong.
 */
export function balanceErrors(claim: AdjudicationResult): BalanceError[] {
  const errors: BalanceError[] = [];
  const id = claim.patientControlNumber;
  let lineAdjusted = 0;
  let linePaid = 0;
  for (let i = 0; i < claim.lines.length; i++) {
    const line = claim.lines[i]!;
    const error = lineBalanceError(line, id, i);
    if (error) errors.push(error);
    lineAdjusted = add(lineAdjusted, adjustmentTotal(line.adjustments));
    linePaid = add(linePaid, line.paidCents);
  }
  const claimAdjusted = adjustmentTotal(claim.adjustments);
  const expected = add(add(claim.chargeCents, -claimAdjusted), -lineAdjusted);
  if (expected !== claim.paidCents) {
    errors.push({
      level: 'claim',
      patientControlNumber: id,
      lineIndex: null,
      differenceCents: add(expected, -claim.paidCents),
      message:
        `Claim ${id}: charge ${formatDollars(claim.chargeCents)} − claim adjustments ${formatDollars(claimAdjusted)}` +
        ` − line adjustments ${formatDollars(lineAdjusted)} = ${formatDollars(expected)}, paid (CLP04) is ` +
        formatDollars(claim.paidCents),
    });
  }
  if (claim.lines.length > 0) {
    const fromLines = add(linePaid, -claimAdjusted);
    if (fromLines !== claim.paidCents) {
      errors.push({
        level: 'claim',
        patientControlNumber: id,
        lineIndex: null,
        differenceCents: add(fromLines, -claim.paidCents),
        message:
          `Claim ${id}: line payments ${formatDollars(linePaid)} − claim adjustments ${formatDollars(claimAdjusted)}` +
          ` = ${formatDollars(fromLines)}, paid (CLP04) is ${formatDollars(claim.paidCents)}`,
      });
    }
  }
  return errors;
}

/** Σ PLB amounts of a header. */
export function providerAdjustmentTotal(header: Pick<RemittanceHeader, 'providerAdjustments'>): Cents {
  let total = 0;
  for (const p of header.providerAdjustments) total = add(total, p.amountCents);
  return total;
}

/**
 * 1.10.2.1.3 Transaction: Σ CLP04 − Σ PLB amounts = BPR02. Takes the claims' paid total rather than the claims, so a
 * streaming reader can check a set it never held in memory.
 */
export function transactionBalanceError(
  header: Pick<RemittanceHeader, 'paymentCents' | 'providerAdjustments'>,
  claimsPaidCents: Cents,
): BalanceError | null {
  const adjusted = providerAdjustmentTotal(header);
  const expected = add(claimsPaidCents, -adjusted);
  if (expected === header.paymentCents) return null;
  return {
    level: 'file',
    patientControlNumber: null,
    lineIndex: null,
    differenceCents: add(expected, -header.paymentCents),
    message:
      `Claim payments ${formatDollars(claimsPaidCents)} − provider adjustments ${formatDollars(adjusted)} = ` +
      `${formatDollars(expected)}, the payment (BPR02) is ${formatDollars(header.paymentCents)}`,
  };
}

/** All three levels for a remittance held in memory: each claim's line and claim errors, then the transaction's. */
export function remittanceBalanceErrors(
  header: Pick<RemittanceHeader, 'paymentCents' | 'providerAdjustments'>,
  claims: readonly AdjudicationResult[],
): BalanceError[] {
  const errors: BalanceError[] = [];
  let paid = 0;
  for (const claim of claims) {
    for (const e of balanceErrors(claim)) errors.push(e);
    paid = add(paid, claim.paidCents);
  }
  const file = transactionBalanceError(header, paid);
  if (file) errors.push(file);
  return errors;
}
