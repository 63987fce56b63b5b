import type { ClaimStatus } from './claims/claim-status.js';

/**
 * What each event type's `data` holds (issue 11): enough for a practice-management system to act without a second
 * call. Every claim event names the claim, its encounter and patient; a status change gives both statuses and the
 * reason codes; money events give their amounts in cents. The feed's OpenAPI schemas (src/modules/events) are
 * checked against these shapes at compile time.
 */

export interface ClaimRef {
  claimId: string;
  encounterId: string;
  patientId: string;
}

/** A claim's status moved: the history row's summary. */
export interface ClaimStatusChange extends ClaimRef {
  previousStatus: ClaimStatus;
  status: ClaimStatus;
  reason: string;
  reasonCodes: string[];
}

export interface ClaimSummaryData extends ClaimRef {
  payerId: string;
  status: ClaimStatus;
  totalChargeCents: number;
  errorCount: number;
  warningCount: number;
}

export interface ClaimStatusChangedData extends ClaimStatusChange {
  actor: string;
}

export interface ClaimSubmittedData extends ClaimStatusChange {
  submissionId: string;
  payerId: string;
}

export interface ClaimAcceptedData extends ClaimStatusChange {
  source: '277CA';
  acknowledgmentId: string;
  submissionId: string | null;
  codes: string[];
  payerClaimControlNumber: string | null;
}

export interface ClaimRejectedData extends ClaimStatusChange {
  source: '999' | '277CA' | 'TA1';
  acknowledgmentId: string;
  submissionId: string | null;
  codes: string[];
  /** 277CA STC12 free-form messages (empty for a 999 or TA1). */
  messages: string[];
}

export interface ClaimAdjudicatedData extends ClaimRef {
  adjudicationId: string;
  remittanceId: string | null;
  /** 835 CLP02: 1/2/3 processed, 4 denied, 19–21 forwarded, 22 reversal. */
  statusCode: string;
  previousStatus: ClaimStatus;
  status: ClaimStatus;
  /** False when the decision was kept but the claim could not take the status it implies. */
  statusApplied: boolean;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  payerClaimControlNumber: string | null;
  /** Every CAS reason on the decision as `GROUP-CARC` (claim and line level, once each). */
  reasonCodes: string[];
}

export interface ClaimDeniedData extends ClaimRef {
  adjudicationId: string;
  chargeCents: number;
  carcs: string[];
  rarcs: string[];
}

export interface ClaimCorrectedData extends ClaimRef {
  correctionClaimId: string;
  kind: 'replace' | 'void';
  frequencyCode: '7' | '8';
  payerClaimNumber: string;
  /** The original's status now (replaced / void) and the correction's own. */
  status: ClaimStatus;
  correctionStatus: ClaimStatus;
}

export interface ClaimClosedData extends ClaimStatusChange {
  insuranceBalanceCents: 0;
  patientBalanceCents: 0;
}

export type ClaimReopenedData = ClaimStatusChange;

export interface EncounterCreatedData {
  encounterId: string;
  patientId: string;
  externalId: string | null;
  selfPay: boolean;
}

export interface EncounterUpdatedData {
  encounterId: string;
  patientId: string;
  fields: string[];
}

export interface SubmissionCreatedData {
  submissionId: string;
  payerId: string;
  claimCount: number;
  interchangeControlNumber: string;
}

export interface RemittancePostedData {
  remittanceId: string;
  payerId: string | null;
  traceNumber: string;
  paymentMethod: string;
  paymentDate: string | null;
  paymentCents: number;
  providerAdjustmentCents: number;
  claimCount: number;
  unmatchedCount: number;
}

export interface RemittanceUnmatchedClaimData {
  remittanceId: string | null;
  adjudicationId: string;
  patientControlNumber: string;
  payerClaimControlNumber: string | null;
  statusCode: string;
  paidCents: number;
}

export interface AllocationData {
  claimId: string;
  lineNumber: number | null;
  amountCents: number;
}

export interface PaymentPostedData {
  paymentId: string;
  patientId: string;
  amountCents: number;
  appliedCents: number;
  creditCents: number;
  method: string;
  receivedOn: string;
  allocations: AllocationData[];
}

export interface WriteoffPostedData {
  writeoffId: string;
  claimId: string;
  patientId: string;
  side: 'insurance' | 'patient';
  coverageId: string | null;
  reason: string;
  /** Written off; for a reversal (reversesId set), given back. */
  amountCents: number;
  lines: { lineNumber: number | null; amountCents: number }[];
  reversesId: string | null;
}

export interface RefundPostedData {
  refundId: string;
  patientId: string;
  recipient: 'patient' | 'payer';
  amountCents: number;
  method: string;
  refundedOn: string;
  claimId: string | null;
  coverageId: string | null;
  payerId: string | null;
}

export interface BalanceChangedData {
  patientId: string;
  patientBalanceCents: number;
  insuranceBalanceCents: number;
  unappliedCreditCents: number;
}

export interface WebhookEndpointDisabledData {
  /** The endpoint (its URL, which may hold a token, is not repeated in the feed: read it with webhooks:read). */
  webhookEndpointId: string;
  /** Why it was disabled: `failing` (every delivery failed for the whole retry window). */
  reason: string;
  /** The first failed delivery of the run that disabled it. */
  failingSince: string;
  /** The event whose last retry gave up. */
  lastEventId: string;
}

/** The data of each event type. */
export interface EventDataMap {
  'encounter.created': EncounterCreatedData;
  'encounter.updated': EncounterUpdatedData;
  'claim.created': ClaimSummaryData;
  'claim.updated': ClaimSummaryData;
  'claim.status_changed': ClaimStatusChangedData;
  'submission.created': SubmissionCreatedData;
  'claim.submitted': ClaimSubmittedData;
  'claim.accepted': ClaimAcceptedData;
  'claim.rejected': ClaimRejectedData;
  'claim.adjudicated': ClaimAdjudicatedData;
  'claim.denied': ClaimDeniedData;
  'claim.corrected': ClaimCorrectedData;
  'remittance.posted': RemittancePostedData;
  'remittance.unmatched_claim': RemittanceUnmatchedClaimData;
  'claim.closed': ClaimClosedData;
  'claim.reopened': ClaimReopenedData;
  'payment.posted': PaymentPostedData;
  'writeoff.posted': WriteoffPostedData;
  'refund.posted': RefundPostedData;
  'balance.changed': BalanceChangedData;
  'webhook_endpoint.disabled': WebhookEndpointDisabledData;
}
