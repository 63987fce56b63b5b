import type { Cents, Thousandths } from '../money.js';

/**
 * One payer decision on one claim: an 835 CLP loop (2100) or the same thing posted as JSON by a payer without EDI.
 * Declared once here; the 835 reader produces it, the JSON route is mapped onto it, the database stores it.
 */

/** CAS01 claim adjustment group: contractual, patient responsibility, other, payer initiated, correction/reversal. */
export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

/** 835 CLP02 claim status codes (005010X221A1). */
export const CLAIM_PAYMENT_STATUSES = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;
export type ClaimPaymentStatus = (typeof CLAIM_PAYMENT_STATUSES)[number];

/** One CAS triplet: group + CARC + amount (+ quantity). Positive amounts reduce payment. */
export interface Adjustment {
  group: AdjustmentGroup;
  reasonCode: string;
  amountCents: Cents;
  quantityThousandths: Thousandths | null;
}

/** A 2110 service payment (SVC loop). */
export interface AdjudicatedLine {
  /** REF*6R: our line item control number, when the payer echoes it. */
  controlNumber: string | null;
  /** SVC01-1 qualifier (HC, AD, N4, …) and SVC01-2 code, SVC01-3..6 modifiers. */
  procedureQualifier: string;
  procedureCode: string;
  modifiers: string[];
  /** SVC06, when the payer adjudicated a different code than was billed. */
  billedProcedureCode: string | null;
  chargeCents: Cents;
  paidCents: Cents;
  /** SVC05 paid units (SVC07 original units when given), thousandths. */
  unitsThousandths: Thousandths | null;
  /** AMT*B6 allowed amount. */
  allowedCents: Cents | null;
  /** DTM*472 (or 150/151) service dates, ISO yyyy-mm-dd. */
  serviceDate: string | null;
  serviceDateTo: string | null;
  adjustments: Adjustment[];
  /** LQ*HE remark codes (RARC). */
  remarkCodes: string[];
}

export interface AdjudicationResult {
  /** CLP01: the patient control number we sent in CLM01. */
  patientControlNumber: string;
  statusCode: ClaimPaymentStatus;
  chargeCents: Cents;
  paidCents: Cents;
  /** CLP05 (0 when absent). */
  patientResponsibilityCents: Cents;
  /** CLP06 claim filing indicator. */
  filingIndicator: string | null;
  /** CLP07 payer claim control number: carried into corrections (REF*F8). */
  payerClaimControlNumber: string | null;
  /** Claim-level CAS. */
  adjustments: Adjustment[];
  /** MIA / MOA remark codes (RARC) at claim level. */
  remarkCodes: string[];
  /** DTM*232/233 claim statement period, ISO dates. */
  serviceDate: string | null;
  serviceDateTo: string | null;
  /** NM1*QC patient name as the payer has it (kept for matching unmatched claims by hand; never logged). */
  patientName: string | null;
  lines: AdjudicatedLine[];
}

/** PLB provider-level adjustment: one reason/reference/amount pair. Positive amounts reduce the payment. */
export interface ProviderAdjustment {
  providerId: string;
  fiscalPeriodDate: string | null;
  reasonCode: string;
  reference: string | null;
  amountCents: Cents;
}

/** The 835 header and trailer data (BPR, TRN, N1*PR, N1*PE, PLB). */
export interface RemittanceHeader {
  /** BPR01 transaction handling code (C, D, H, I, P, U, X). */
  handlingCode: string;
  /** BPR02 total actual provider payment. */
  paymentCents: Cents;
  /** BPR03 C credit / D debit. */
  creditDebit: string;
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  paymentMethod: string;
  /** BPR16 payment effective date, ISO. */
  paymentDate: string | null;
  /** TRN02 check or EFT trace number; with the payer, the remittance's identity. */
  traceNumber: string;
  /** TRN03 payer identifier (1 + EIN, or as sent). */
  payerTraceId: string | null;
  payerName: string;
  /** N1*PR identification (REF*2U or N104), the payer's id as we know it in EDI. */
  payerIdentifier: string | null;
  payeeName: string | null;
  payeeNpi: string | null;
  providerAdjustments: ProviderAdjustment[];
}

/** A balancing failure: which level, which claim (CLP01) or line, by how much. */
export interface BalanceError {
  level: 'line' | 'claim' | 'file';
  patientControlNumber: string | null;
  lineIndex: number | null;
  /** expected − actual, in cents. */
  differenceCents: Cents;
  message: string;
}
