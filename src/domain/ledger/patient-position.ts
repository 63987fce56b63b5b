import type { Cents } from '../money.js';
import type { Party } from './accounts.js';
import { type Aging, type AgingItem, agingBuckets } from './aging.js';

/**
 * A patient's position read from per-receivable sums rather than from entries: what the patient owes, what
 * insurance owes, unapplied credit, and the aging of each. The ledger sums the journal per claim and party (and the
 * patient's credit) in the database; these rules turn the sums into the balance the API returns, so the figures are
 * the same as `patientBalance` and `receivableRows` give over the entries themselves (a property test checks it).
 */

/** Σ entries of one claim's receivable for one party (party null: entries of the patient's credit account). */
export interface ReceivableSum {
  claimId: string | null;
  party: Party | null;
  /** Receivable: > 0 owed. Credit: the account's raw sum, < 0 when credit is held (credit-normal). */
  cents: Cents;
  /** The journal date of the claim's charges when some are on this receivable (the claim's date of service). */
  chargedOn: string | null;
  /** The journal date of the first amount that made this party owe on the claim. */
  firstOwedOn: string | null;
}

export interface PatientAging {
  patient: { fromServiceDate: Aging; fromFirstStatementDate: Aging };
  insurance: { fromServiceDate: Aging };
}

export interface PatientPosition {
  patientBalanceCents: Cents;
  insuranceBalanceCents: Cents;
  unappliedCreditCents: Cents;
  /** patient balance − unapplied credit. */
  netPatientBalanceCents: Cents;
  /** insurance + patient balance − unapplied credit. */
  accountBalanceCents: Cents;
  /** Claims on which some party owes (or is owed) something, in first-posted order. */
  openClaimIds: string[];
  aging: PatientAging;
}

interface OwedRow {
  claimId: string;
  party: Party;
  cents: Cents;
  firstOwedOn: string | null;
}

const add = (a: Cents, b: Cents): Cents => {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('A patient balance leaves the safe-integer range');
  return sum;
};

/**
 * Balances and aging as of `asOf`. Each (claim, party) that owes is one aging item, dated from the claim's date of
 * service (its charges' journal date) or, for the patient's first-statement view, from the day the patient first
 * owed on the claim; credit balances are not aged. A claim without a known charge date ages from `asOf`.
 */
export function patientPosition(sums: readonly ReceivableSum[], asOf: string): PatientPosition {
  let patient = 0;
  let insurance = 0;
  let credit = 0;
  const serviceDate = new Map<string, string>();
  // By claim, then party (the patient: '', a coverage: its id).
  const owed = new Map<string, Map<string, OwedRow>>();
  for (const s of sums) {
    if (s.party === null || s.claimId === null) {
      credit = add(credit, -s.cents);
      continue;
    }
    if (s.party.kind === 'patient') patient = add(patient, s.cents);
    else insurance = add(insurance, s.cents);
    if (s.chargedOn !== null) {
      const known = serviceDate.get(s.claimId);
      if (known === undefined || s.chargedOn < known) serviceDate.set(s.claimId, s.chargedOn);
    }
    // A coverage's rows can differ by payer id only: one receivable per claim and party key, as the entries give.
    let ofClaim = owed.get(s.claimId);
    if (!ofClaim) owed.set(s.claimId, (ofClaim = new Map()));
    const key = s.party.kind === 'patient' ? '' : s.party.coverageId;
    let row = ofClaim.get(key);
    if (!row) ofClaim.set(key, (row = { claimId: s.claimId, party: s.party, cents: 0, firstOwedOn: null }));
    row.cents = add(row.cents, s.cents);
    if (s.firstOwedOn !== null && (row.firstOwedOn === null || s.firstOwedOn < row.firstOwedOn)) {
      row.firstOwedOn = s.firstOwedOn;
    }
  }
  const receivables = [...owed.values()].flatMap((ofClaim) => [...ofClaim.values()]);
  const open = new Set<string>();
  for (const row of receivables) if (row.cents !== 0) open.add(row.claimId);
  const items = (side: Party['kind'], dateOf: (row: { claimId: string; firstOwedOn: string | null }) => string) =>
    receivables
      .filter((row) => row.party.kind === side && row.cents > 0)
      .map((row): AgingItem => ({ amountCents: row.cents, date: dateOf(row) }));
  const ofService = (row: { claimId: string }) => serviceDate.get(row.claimId) ?? asOf;
  const net = patient - credit;
  return {
    patientBalanceCents: patient,
    insuranceBalanceCents: insurance,
    unappliedCreditCents: credit === 0 ? 0 : credit,
    netPatientBalanceCents: net,
    accountBalanceCents: add(insurance, net),
    openClaimIds: [...open],
    aging: {
      patient: {
        fromServiceDate: agingBuckets(items('patient', ofService), asOf),
        fromFirstStatementDate: agingBuckets(
          items('patient', (row) => row.firstOwedOn ?? ofService(row)),
          asOf,
        ),
      },
      insurance: { fromServiceDate: agingBuckets(items('coverage', ofService), asOf) },
    },
  };
}
