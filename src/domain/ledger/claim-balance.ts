import type { Cents } from '../money.js';
import type { Party } from './accounts.js';
import { ENTRY_CATEGORIES, type EntryCategory, type LedgerEntry, RESPONSIBILITY_CATEGORIES } from './journal.js';
import { compareLines } from './receivables.js';

/**
 * A claim's balance, itemized per line (and the claim-level row), read from its receivable entries only: each
 * figure is a sum of entries of one category, so every balance can be explained.
 */

export interface PayerPaid {
  coverageId: string;
  payerId: string;
  paidCents: Cents;
}

export interface Itemization {
  chargeCents: Cents;
  /** CO adjustments. */
  contractualCents: Cents;
  /** charge − contractual. */
  allowedCents: Cents;
  /** OA, PI, CR adjustments. */
  otherAdjustmentCents: Cents;
  payerPaid: PayerPaid[];
  payerPaidCents: Cents;
  /** Patient responsibility that reached the patient (not what moved on to a secondary). */
  deductibleCents: Cents;
  coinsuranceCents: Cents;
  copayCents: Cents;
  otherPatientResponsibilityCents: Cents;
  patientResponsibilityCents: Cents;
  /** Responsibility moved in from (+) or out to (−) another claim: COB on a separate secondary claim. */
  transferredCents: Cents;
  /** Payments and credit applied, net of what was moved back into unapplied credit. */
  patientPaidCents: Cents;
  writtenOffCents: Cents;
  /** Refunds to payers, which reopen what they had settled. */
  refundedCents: Cents;
  insuranceBalanceCents: Cents;
  patientBalanceCents: Cents;
  balanceCents: Cents;
  /**
   * balance = charge − contractual − other adjustments − payer paid − patient paid − written off + refunded
   * + transferred, and patient balance = self-pay charges + patient responsibility − patient paid − patient
   * write-offs, with no entry of another category on a receivable.
   */
  addsUp: boolean;
}

export interface LineItemization extends Itemization {
  /** null: the claim-level row. */
  lineNumber: number | null;
}

export interface PartyBalance {
  party: Party;
  balanceCents: Cents;
}

export interface ClaimBalance {
  claimId: string;
  /** Rows with any figure, claim level first. */
  lines: LineItemization[];
  total: Itemization;
  /** Each party with a non-zero balance, in the order they were first billed. */
  parties: PartyBalance[];
  insuranceBalanceCents: Cents;
  patientBalanceCents: Cents;
  balanceCents: Cents;
  addsUp: boolean;
}

type Side = 'insurance' | 'patient';

/** Each category's slot in a side's sums (ENTRY_CATEGORIES order). */
const SLOT = Object.fromEntries(ENTRY_CATEGORIES.map((c, i) => [c, i])) as Record<EntryCategory, number>;
const CHARGE = SLOT.charge;
const CONTRACTUAL = SLOT.contractual;
const DEDUCTIBLE = SLOT.deductible;
const COINSURANCE = SLOT.coinsurance;
const COPAY = SLOT.copay;
const OTHER_PR = SLOT.other_patient_responsibility;
const OTHER_ADJUSTMENT = SLOT.other_adjustment;
const PATIENT_PAID = SLOT.patient_paid;
const WRITEOFF = SLOT.writeoff;
const REFUND = SLOT.refund;
const CREDIT = SLOT.credit;

/** The categories each side's receivables take under the posting rules, as a flag per slot. */
const slotsOf = (categories: readonly EntryCategory[]) => ENTRY_CATEGORIES.map((c) => categories.includes(c));
const PATIENT_SIDE = slotsOf(['charge', ...RESPONSIBILITY_CATEGORIES, 'patient_paid', 'credit', 'writeoff']);
const INSURANCE_SIDE = slotsOf([
  'charge',
  ...RESPONSIBILITY_CATEGORIES,
  'contractual',
  'other_adjustment',
  'payer_paid',
  'writeoff',
  'refund',
]);

/**
 * Σ entries per side and category, a slot per category (arrays, not objects keyed by name: a statement itemizes
 * hundreds of lines per read, and reading a field by a variable name was most of its time).
 */
class Sums {
  readonly insurance: number[] = ENTRY_CATEGORIES.map(() => 0);
  readonly patient: number[] = ENTRY_CATEGORIES.map(() => 0);
  readonly payers = new Map<string, PayerPaid>();

  add(side: Side, category: EntryCategory, cents: number): void {
    const sums = side === 'patient' ? this.patient : this.insurance;
    const slot = SLOT[category];
    const next = sums[slot]! + cents;
    if (!Number.isSafeInteger(next)) throw new RangeError('A claim figure leaves the safe-integer range');
    sums[slot] = next;
  }
}

/** Σ of a side's slots: all of them, or only those of categories outside `takes` (what the side should never hold). */
function sideSum(sums: readonly number[], takes?: readonly boolean[]): number {
  let total = 0;
  for (let i = 0; i < sums.length; i++) if (takes === undefined || !takes[i]) total += sums[i]!;
  return total;
}

const neg = (cents: number) => (cents === 0 ? 0 : -cents);

function itemize(sums: Sums): Itemization {
  const { insurance: ins, patient: pat } = sums;
  const chargeCents = ins[CHARGE]! + pat[CHARGE]!;
  const contractualCents = neg(ins[CONTRACTUAL]! + pat[CONTRACTUAL]!);
  const payerPaid: PayerPaid[] = [];
  let payerPaidCents = 0;
  for (const p of sums.payers.values()) {
    if (p.paidCents === 0) continue;
    payerPaid.push(p);
    payerPaidCents += p.paidCents;
  }
  const deductibleCents = pat[DEDUCTIBLE]!;
  const coinsuranceCents = pat[COINSURANCE]!;
  const copayCents = pat[COPAY]!;
  const otherPatientResponsibilityCents = pat[OTHER_PR]!;
  const patientResponsibilityCents = deductibleCents + coinsuranceCents + copayCents + otherPatientResponsibilityCents;
  const otherAdjustmentCents = neg(ins[OTHER_ADJUSTMENT]! + pat[OTHER_ADJUSTMENT]!);
  const transferredCents =
    ins[DEDUCTIBLE]! + ins[COINSURANCE]! + ins[COPAY]! + ins[OTHER_PR]! + patientResponsibilityCents;
  const patientPaidCents = neg(pat[PATIENT_PAID]! + pat[CREDIT]!);
  const writtenOffCents = neg(ins[WRITEOFF]! + pat[WRITEOFF]!);
  const refundedCents = ins[REFUND]! + pat[REFUND]!;
  const insuranceBalanceCents = sideSum(ins);
  const patientBalanceCents = sideSum(pat);
  const balanceCents = insuranceBalanceCents + patientBalanceCents;
  const itemized =
    chargeCents -
    contractualCents -
    otherAdjustmentCents -
    payerPaidCents -
    patientPaidCents -
    writtenOffCents +
    refundedCents +
    transferredCents;
  const patientItemized = pat[CHARGE]! + patientResponsibilityCents - patientPaidCents + pat[WRITEOFF]!;
  return {
    chargeCents,
    contractualCents,
    allowedCents: chargeCents - contractualCents,
    otherAdjustmentCents,
    payerPaid,
    payerPaidCents,
    deductibleCents,
    coinsuranceCents,
    copayCents,
    otherPatientResponsibilityCents,
    patientResponsibilityCents,
    transferredCents,
    patientPaidCents,
    writtenOffCents,
    refundedCents,
    insuranceBalanceCents,
    patientBalanceCents,
    balanceCents,
    addsUp:
      balanceCents === itemized &&
      patientBalanceCents === patientItemized &&
      sideSum(ins, INSURANCE_SIDE) === 0 &&
      sideSum(pat, PATIENT_SIDE) === 0,
  };
}

type Figure = { [K in keyof Itemization]: Itemization[K] extends number ? K : never }[keyof Itemization];
/** The figures of an itemization (every number; the type makes the list whole): a row shows when any is not 0. */
const FIGURES = Object.keys({
  chargeCents: true,
  contractualCents: true,
  allowedCents: true,
  otherAdjustmentCents: true,
  payerPaidCents: true,
  deductibleCents: true,
  coinsuranceCents: true,
  copayCents: true,
  otherPatientResponsibilityCents: true,
  patientResponsibilityCents: true,
  transferredCents: true,
  patientPaidCents: true,
  writtenOffCents: true,
  refundedCents: true,
  insuranceBalanceCents: true,
  patientBalanceCents: true,
  balanceCents: true,
} satisfies Record<Figure, true>) as Figure[];

function isEmpty(item: Itemization): boolean {
  if (item.payerPaid.length > 0) return false;
  for (const key of FIGURES) if (item[key] !== 0) return false;
  return true;
}

function record(sums: Sums, entry: LedgerEntry, party: Party): void {
  sums.add(party.kind === 'patient' ? 'patient' : 'insurance', entry.category, entry.amountCents);
  if (party.kind === 'coverage' && entry.category === 'payer_paid') {
    const payer = sums.payers.get(party.coverageId) ?? {
      coverageId: party.coverageId,
      payerId: party.payerId,
      paidCents: 0,
    };
    payer.paidCents -= entry.amountCents;
    sums.payers.set(party.coverageId, payer);
  }
}

export function claimBalance(entries: readonly LedgerEntry[], claimId: string): ClaimBalance {
  const byLine = new Map<number | null, Sums>();
  const total = new Sums();
  // Each party's balance on the claim, in the order the entries first bill it.
  const parties = new Map<string, PartyBalance>();
  for (const entry of entries) {
    const { account } = entry;
    if (account.kind !== 'receivable' || account.claimId !== claimId) continue;
    let sums = byLine.get(entry.lineNumber);
    if (!sums) byLine.set(entry.lineNumber, (sums = new Sums()));
    record(sums, entry, account.party);
    record(total, entry, account.party);
    const key = account.party.kind === 'patient' ? 'patient' : account.party.coverageId;
    const party = parties.get(key);
    if (party) {
      party.balanceCents += entry.amountCents;
      if (!Number.isSafeInteger(party.balanceCents)) throw new RangeError('A receivable leaves the safe-integer range');
    } else parties.set(key, { party: account.party, balanceCents: entry.amountCents });
  }
  const lines: LineItemization[] = [];
  for (const [lineNumber, sums] of byLine) {
    const item = itemize(sums);
    if (!isEmpty(item)) lines.push({ lineNumber, ...item });
  }
  lines.sort((a, b) => compareLines(a.lineNumber, b.lineNumber));
  const totals = itemize(total);
  return {
    claimId,
    lines,
    total: totals,
    parties: [...parties.values()].filter((p) => p.balanceCents !== 0),
    insuranceBalanceCents: totals.insuranceBalanceCents,
    patientBalanceCents: totals.patientBalanceCents,
    balanceCents: totals.balanceCents,
    addsUp: totals.addsUp && lines.every((l) => l.addsUp),
  };
}

/**
 * Nothing owed on the claim, by anyone, either way: every party's balance on it is zero (a payer's credit
 * balance is not settled: it is owed back). The claims module closes the claim then and reopens it when a
 * reversal or refund makes it owe again. A claim with no entries is settled.
 */
export function isSettled(entries: readonly LedgerEntry[], claimId: string): boolean {
  // claimBalance(...).parties.length === 0, without itemizing: each party's receivable entries on the claim add up.
  const byParty = new Map<string, number>();
  for (const { account, amountCents } of entries) {
    if (account.kind !== 'receivable' || account.claimId !== claimId) continue;
    const key = account.party.kind === 'patient' ? 'patient' : account.party.coverageId;
    byParty.set(key, (byParty.get(key) ?? 0) + amountCents);
  }
  for (const cents of byParty.values()) if (cents !== 0) return false;
  return true;
}
