import type { Cents } from '../money.js';
import type { AdjudicationResult, BalanceError, RemittanceHeader } from '../remittance/adjudication.js';
import type { X12Issue } from './errors.js';
import type { X12Handler } from './reader.js';
import type { RemittanceIssue } from './remittance-835.errors.js';

/** The shapes the 835 reader hands over, around the domain's AdjudicationResult and RemittanceHeader. */

export interface RemittanceEnvelope {
  interchangeControlNumber: string;
  groupControlNumber: string;
  transactionControlNumber: string;
  /** ST03, or GS08 when ST03 is absent. */
  implementation: string;
  /** 1-based position of the ST segment in the file. */
  position: number;
}

/** The header as known when the first claim starts: PLB comes after the claims. */
export type RemittanceHeaderStart = Omit<RemittanceHeader, 'providerAdjustments'>;

export interface ClaimContext {
  envelope: RemittanceEnvelope;
  /** 1-based position of the CLP segment. */
  position: number;
  /** The claim's line and claim balancing failures (`balanceErrors(claim)`). */
  balanceErrors: BalanceError[];
}

export interface RemittanceTotals {
  claimCount: number;
  lineCount: number;
  /** Σ CLP03, Σ CLP04, Σ CLP05, Σ PLB amounts. */
  chargeCents: Cents;
  paidCents: Cents;
  patientResponsibilityCents: Cents;
  providerAdjustmentCents: Cents;
  /** Claims with at least one line or claim balancing error. */
  unbalancedClaimCount: number;
  /** The transaction-level check: Σ CLP04 − Σ PLB = BPR02; null when it holds. */
  balanceError: BalanceError | null;
}

export interface Remittance835Handler {
  onRemittanceStart?(header: RemittanceHeaderStart, envelope: RemittanceEnvelope): void;
  onClaim(claim: AdjudicationResult, context: ClaimContext): void;
  onRemittanceEnd(header: RemittanceHeader, totals: RemittanceTotals, envelope: RemittanceEnvelope): void;
}

export interface Remittance835Reader extends X12Handler {
  /** Content defects worked around so far (the stream's `end()` holds the envelope ones). */
  readonly warnings: readonly RemittanceIssue[];
}

/** One ST*835 set read into memory. */
export interface Remittance835 extends RemittanceEnvelope {
  header: RemittanceHeader;
  claims: AdjudicationResult[];
  totals: RemittanceTotals;
  /** Every balancing failure of the set: each claim's line and claim errors in file order, then the file level. */
  balanceErrors: BalanceError[];
}

export interface Remittances835 {
  remittances: Remittance835[];
  /** Envelope defects accepted by `lenient` and content defects worked around, in file order. */
  warnings: Array<X12Issue | RemittanceIssue>;
  segmentCount: number;
}
