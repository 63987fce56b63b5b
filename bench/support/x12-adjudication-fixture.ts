import type { Cents } from '../../src/domain/money.js';
import type { Prng } from './prng.js';
import {
  chargeFor,
  digits,
  FIRST_NAMES,
  LAST_NAMES,
  lineControlNumber,
  lineCount,
  PROCEDURES,
  type RemittanceClaimAnswer,
  type RemittanceLineAnswer,
  unitsFor,
} from './x12-fixture-data.js';

/**
 * How the synthetic payer adjudicates a claim, balanced by construction: each line's CAS add up to its charge less
 * its payment, the claim's payment is its lines' less claim-level CAS, its patient share the sum of its PR amounts.
 */

export interface LineResult {
  line: Required<RemittanceLineAnswer>;
  paidCents: Cents;
  allowedCents: Cents | null;
  co: [string, Cents][];
  pr: [string, Cents][];
  remark: string | null;
}

export interface ClaimResult {
  pcn: string;
  status: '1' | '4' | '22';
  payerClaimNumber: string;
  patient: { lastName: string; firstName: string; memberId: string };
  lines: LineResult[];
  claimCas: [string, string, Cents][];
  chargeCents: Cents;
  paidCents: Cents;
  patientCents: Cents;
  rendering: string | null;
  remark: string | null;
  statementPeriod: boolean;
}

const ALLOWED_SHARE = [0.52, 0.6, 0.68, 0.75, 0.81];
const DENIED_REMARKS = ['M15', 'N130', 'M80'];
export const sum = (values: readonly Cents[]) => values.reduce((a, b) => a + b, 0);

function fullLines(answer: RemittanceClaimAnswer, r: Prng): Required<RemittanceLineAnswer>[] {
  const pcn = answer.patientControlNumber;
  const given: readonly RemittanceLineAnswer[] =
    answer.lines ?? Array.from({ length: lineCount(r) }, (_, i) => ({ controlNumber: lineControlNumber(pcn, i + 1) }));
  return given.map((l) => {
    const p = PROCEDURES.find((q) => q.code === l.procedureCode) ?? r.pick(PROCEDURES);
    const units = l.unitsThousandths ?? unitsFor(p, r);
    return {
      controlNumber: l.controlNumber,
      procedureCode: l.procedureCode ?? p.code,
      modifiers: l.modifiers ?? [],
      chargeCents: l.chargeCents ?? chargeFor(p, units),
      unitsThousandths: units,
      dateOfService: l.dateOfService ?? `2026-11-${String(r.int(2, 27)).padStart(2, '0')}`,
    };
  });
}

/** The payer's allowed share of the charge: fixed per procedure, as a fee schedule is. */
function allowedShare(code: string): number {
  const known = PROCEDURES.findIndex((p) => p.code === code);
  const index = known >= 0 ? known : [...code].reduce((h, c) => h + c.charCodeAt(0), 0);
  return ALLOWED_SHARE[index % ALLOWED_SHARE.length]!;
}

function adjudicateLine(
  line: Required<RemittanceLineAnswer>,
  r: Prng,
  share: number,
  lineSequester: boolean,
): LineResult {
  const charge = line.chargeCents;
  if (r.chance(0.04)) {
    return { line, paidCents: 0, allowedCents: null, co: [['97', charge]], pr: [], remark: r.pick(DENIED_REMARKS) };
  }
  const allowed = Math.round(charge * share);
  const co: [string, Cents][] = charge > allowed ? [['45', charge - allowed]] : [];
  const pr: [string, Cents][] = [];
  let left = allowed;
  if (left > 0 && r.chance(0.12)) pr.push(['1', r.int(1, left)]);
  left = allowed - sum(pr.map((p) => p[1]));
  if (left > 0 && r.chance(0.4)) pr.push(['2', Math.round(left * 0.2)]);
  left = allowed - sum(pr.map((p) => p[1]));
  if (left > 0 && line.procedureCode.startsWith('992') && r.chance(0.3)) pr.push(['3', Math.min(2_500, left)]);
  let paid = allowed - sum(pr.map((p) => p[1]));
  if (lineSequester && paid > 0) {
    const cut = Math.round(paid * 0.02);
    co.push(['253', cut]);
    paid -= cut;
  }
  return { line, paidCents: paid, allowedCents: allowed, co, pr, remark: r.chance(0.1) ? 'N130' : null };
}

export function adjudicate(answer: RemittanceClaimAnswer, r: Prng, shareShift: number): ClaimResult {
  const lines = fullLines(answer, r);
  const claimSequester = r.chance(0.1);
  const lineSequester = !claimSequester && r.chance(0.25);
  const results = lines.map((l) => adjudicateLine(l, r, allowedShare(l.procedureCode) + shareShift, lineSequester));
  const linePaid = sum(results.map((l) => l.paidCents));
  const cut = claimSequester ? Math.round(linePaid * 0.02) : 0;
  return {
    pcn: answer.patientControlNumber,
    status: linePaid === 0 ? '4' : '1',
    payerClaimNumber: digits(r, 13),
    patient: answer.patient ?? {
      lastName: r.pick(LAST_NAMES),
      firstName: r.pick(FIRST_NAMES),
      memberId: `W${digits(r, 9)}`,
    },
    lines: results,
    claimCas: cut > 0 ? [['CO', '253', cut]] : [],
    chargeCents: sum(lines.map((l) => l.chargeCents)),
    paidCents: linePaid - cut,
    patientCents: sum(results.flatMap((l) => l.pr.map((p) => p[1]))),
    rendering: r.chance(0.4) ? `1${digits(r, 9)}` : null,
    remark: r.chance(0.15) ? 'MA01' : null,
    statementPeriod: r.chance(0.3),
  };
}

/** The reversal of a payment (CLP02 22): every amount negated, so it balances as the payment did. */
export function reversalOf(c: ClaimResult): ClaimResult {
  const neg = (v: Cents) => (v === 0 ? 0 : -v);
  const pairs = (list: [string, Cents][]) => list.map(([code, v]): [string, Cents] => [code, neg(v)]);
  return {
    ...c,
    status: '22',
    chargeCents: neg(c.chargeCents),
    paidCents: neg(c.paidCents),
    patientCents: neg(c.patientCents),
    claimCas: c.claimCas.map(([g, code, v]) => [g, code, neg(v)]),
    lines: c.lines.map((l) => ({
      ...l,
      line: { ...l.line, chargeCents: neg(l.line.chargeCents) },
      paidCents: neg(l.paidCents),
      allowedCents: l.allowedCents === null ? null : neg(l.allowedCents),
      co: pairs(l.co),
      pr: pairs(l.pr),
    })),
  };
}
