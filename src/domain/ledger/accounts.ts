/**
 * The ledger's chart of accounts, one set per organization (the organization is the journal row's `org_id`, not
 * part of the key here). Accounts are structured keys: a kind, and the ids that make it one account among many
 * (a claim's receivable from one coverage, one patient's unapplied credit, write-offs for one reason).
 */

/** Why a balance is written off (POST /v1/write-offs reason codes). */
export const WRITEOFF_REASONS = [
  'small_balance',
  'charity',
  'bad_debt',
  'timely_filing',
  'contractual',
  'administrative',
] as const;
export type WriteoffReason = (typeof WRITEOFF_REASONS)[number];

/** One of the patient's coverages, as the payer of a claim's receivable. */
export interface CoverageParty {
  kind: 'coverage';
  coverageId: string;
  payerId: string;
}

/** The patient of the claim (the entry's patientId says who). */
export interface PatientParty {
  kind: 'patient';
}

/** Who a receivable is owed by. */
export type Party = CoverageParty | PatientParty;

export const PATIENT: PatientParty = Object.freeze({ kind: 'patient' });

export type Account =
  /** Gross charges billed (revenue): credit normal. */
  | { kind: 'charges' }
  /** CO adjustments: the part of the charge the contract with the payer forgives. Contra-revenue, debit normal. */
  | { kind: 'contractual' }
  /** OA, PI and CR adjustments. Contra-revenue, debit normal. */
  | { kind: 'other_adjustments' }
  /** Balances given up, by reason. Debit normal. */
  | { kind: 'writeoffs'; reason: WriteoffReason }
  /** Deposits: money received from payers and patients (net of PLB withholdings). Debit normal. */
  | { kind: 'cash' }
  /** PLB provider-level adjustments: what a payer withheld (+) or added (−) outside any claim. Debit normal. */
  | { kind: 'provider_adjustments' }
  /** Disbursements: money paid back to patients and payers. Credit normal (money out). */
  | { kind: 'refunds' }
  /** A patient's unapplied credit: money received and not yet applied to any balance (a liability). Credit normal. */
  | { kind: 'patient_credit'; patientId: string }
  /** What one party owes on one claim. Debit normal (an asset). */
  | { kind: 'receivable'; claimId: string; party: Party };

export type AccountKind = Account['kind'];
export type Side = 'debit' | 'credit';

export const NORMAL_SIDE: Readonly<Record<AccountKind, Side>> = {
  charges: 'credit',
  contractual: 'debit',
  other_adjustments: 'debit',
  writeoffs: 'debit',
  cash: 'debit',
  provider_adjustments: 'debit',
  refunds: 'credit',
  patient_credit: 'credit',
  receivable: 'debit',
};

export function receivable(claimId: string, party: Party): Account {
  return { kind: 'receivable', claimId, party };
}

export function sameParty(a: Party, b: Party): boolean {
  if (a.kind === 'patient' || b.kind === 'patient') return a.kind === b.kind;
  return a.coverageId === b.coverageId;
}

/** A party's identity as text: `patient` or `coverage:<coverageId>`. */
export function partyKey(party: Party): string {
  return party.kind === 'patient' ? 'patient' : `coverage:${party.coverageId}`;
}

/**
 * An account's identity as stable text, for storage and grouping: `charges`, `writeoffs:bad_debt`,
 * `patient_credit:<patientId>`, `receivable:<claimId>:patient`, `receivable:<claimId>:coverage:<coverageId>`.
 */
export function accountKey(account: Account): string {
  switch (account.kind) {
    case 'writeoffs':
      return `writeoffs:${account.reason}`;
    case 'patient_credit':
      return `patient_credit:${account.patientId}`;
    case 'receivable':
      return `receivable:${account.claimId}:${partyKey(account.party)}`;
    default:
      return account.kind;
  }
}

/** A signed sum (debits positive) in the account's own terms: what a debit-normal account holds, or a credit one. */
export function inNormalTerms(kind: AccountKind, signedCents: number): number {
  return NORMAL_SIDE[kind] === 'debit' ? signedCents : 0 - signedCents; // 0 - x: never -0
}
