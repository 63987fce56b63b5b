import type { Cents } from '../money.js';
import { type Party, partyKey } from './accounts.js';
import { type EntryCategory, type LedgerEntry, RESPONSIBILITY_CATEGORIES } from './journal.js';
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

class Sums {
  private readonly sides: Record<Side, Map<EntryCategory, number>> = { insurance: new Map(), patient: new Map() };
  readonly payers = new Map<string, PayerPaid>();

  add(side: Side, category: EntryCategory, cents: number): void {
    const sums = this.sides[side];
    const next = (sums.get(category) ?? 0) + cents;
    if (!Number.isSafeInteger(next)) throw new RangeError('A claim figure leaves the safe-integer range');
    sums.set(category, next);
  }

  of(side: Side | 'all', ...categories: EntryCategory[]): number {
    let total = 0;
    for (const s of side === 'all' ? (['insurance', 'patient'] as const) : [side]) {
      const sums = this.sides[s];
      for (const c of categories) total += sums.get(c) ?? 0;
    }
    return total;
  }

  /** Σ of every category on the side except those named. */
  otherThan(side: Side, categories: ReadonlySet<EntryCategory>): number {
    let total = 0;
    for (const [c, cents] of this.sides[side]) if (!categories.has(c)) total += cents;
    return total;
  }
}

const neg = (cents: number) => (cents === 0 ? 0 : -cents);
const PR = [...RESPONSIBILITY_CATEGORIES];
/** The categories each side's receivables take under the posting rules. */
const PATIENT_SIDE = new Set<EntryCategory>(['charge', ...PR, 'patient_paid', 'credit', 'writeoff']);
const INSURANCE_SIDE = new Set<EntryCategory>([
  'charge',
  ...PR,
  'contractual',
  'other_adjustment',
  'payer_paid',
  'writeoff',
  'refund',
]);

const NONE: ReadonlySet<EntryCategory> = new Set();

function itemize(sums: Sums): Itemization {
  const chargeCents = sums.of('all', 'charge');
  const contractualCents = neg(sums.of('all', 'contractual'));
  const payerPaid = [...sums.payers.values()].filter((p) => p.paidCents !== 0);
  const payerPaidCents = payerPaid.reduce((s, p) => s + p.paidCents, 0);
  const [deductibleCents, coinsuranceCents, copayCents, otherPatientResponsibilityCents] = PR.map((c) =>
    sums.of('patient', c),
  ) as [number, number, number, number];
  const patientResponsibilityCents = sums.of('patient', ...PR);
  const item = {
    chargeCents,
    contractualCents,
    allowedCents: chargeCents - contractualCents,
    otherAdjustmentCents: neg(sums.of('all', 'other_adjustment')),
    payerPaid,
    payerPaidCents,
    deductibleCents,
    coinsuranceCents,
    copayCents,
    otherPatientResponsibilityCents,
    patientResponsibilityCents,
    transferredCents: sums.of('all', ...PR),
    patientPaidCents: neg(sums.of('patient', 'patient_paid', 'credit')),
    writtenOffCents: neg(sums.of('all', 'writeoff')),
    refundedCents: sums.of('all', 'refund'),
    insuranceBalanceCents: sums.otherThan('insurance', NONE),
    patientBalanceCents: sums.otherThan('patient', NONE),
  };
  const balanceCents = item.insuranceBalanceCents + item.patientBalanceCents;
  const itemized =
    chargeCents -
    contractualCents -
    item.otherAdjustmentCents -
    payerPaidCents -
    item.patientPaidCents -
    item.writtenOffCents +
    item.refundedCents +
    item.transferredCents;
  const patientItemized =
    sums.of('patient', 'charge') + patientResponsibilityCents - item.patientPaidCents + sums.of('patient', 'writeoff');
  const addsUp =
    balanceCents === itemized &&
    item.patientBalanceCents === patientItemized &&
    sums.otherThan('insurance', INSURANCE_SIDE) === 0 &&
    sums.otherThan('patient', PATIENT_SIDE) === 0;
  return { ...item, balanceCents, addsUp };
}

function isEmpty(item: Itemization): boolean {
  for (const [key, value] of Object.entries(item)) {
    if (key !== 'addsUp' && (Array.isArray(value) ? value.length > 0 : value !== 0)) return false;
  }
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
    const key = partyKey(account.party);
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
