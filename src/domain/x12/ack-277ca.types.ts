import type { Cents, Thousandths } from '../money.js';
import type { AcknowledgmentIssue } from './ack.errors.js';
import type { AckOutcome } from './ack-277ca.status.js';

/** The shapes of a read 277CA (005010X214), loop by loop. */

/** One STC composite (C043): STC01, or the additional STC10 / STC11. */
export interface Ack277StatusCode {
  /** C043-1 category (code source 507), C043-2 status (508), C043-3 entity the status is about (85 billing provider). */
  category: string;
  status: string;
  entity: string | null;
  /** What the category means for the claim (`stcOutcome`). */
  outcome: AckOutcome;
  /** The codes as sent ("A3:21", "A7:562:85"): we hold no description list for code source 508. */
  text: string;
  /** Our wording of the category, and of the status where `describeStatus` knows it. */
  description: string;
}

/** One STC segment. */
export interface Ack277Status {
  /** STC01, then STC10 and STC11 when present. */
  codes: Ack277StatusCode[];
  /** The most telling outcome of the codes (`combineOutcomes`); by STC03 when no category is one we know. */
  outcome: AckOutcome;
  /** STC02 status information effective date (ISO); null when absent or not a date. */
  effectiveDate: string | null;
  /** STC03 action code: WQ accept, U reject. */
  actionCode: string | null;
  /** STC04: the claim's (or level's) total charge as the responder read it. */
  chargeCents: Cents | null;
  /** STC12 free-form message text. */
  message: string | null;
  position: number;
}

/** An NM1 (loops 2100A–2100D): NM101 entity, NM103–NM105 name, NM108/NM109 identifier (XX = NPI). */
export interface Ack277Entity {
  entityCode: string;
  name: string | null;
  firstName: string | null;
  middleName: string | null;
  idQualifier: string | null;
  id: string | null;
}

export interface Ack277Reference {
  qualifier: string;
  value: string;
}

/** DTP*472 service date(s): D8 one date, RD8 a range. ISO dates, null where the text is not a date. */
export interface Ack277ServiceDates {
  text: string;
  from: string | null;
  to: string | null;
}

/** Loop 2220D: one service line the responder reports on (SVC + STC + REF*FJ + DTP*472). */
export interface Ack277Line {
  /** SVC01 C003: qualifier (HC, N4…), code and modifiers; null when only a revenue code (SVC04) is given. */
  procedureQualifier: string | null;
  procedureCode: string | null;
  modifiers: string[];
  /** SVC02 line item charge, SVC03 line item payment, SVC04 revenue code, SVC07 units. */
  chargeCents: Cents | null;
  paidCents: Cents | null;
  revenueCode: string | null;
  unitsThousandths: Thousandths | null;
  statuses: Ack277Status[];
  outcome: AckOutcome;
  /** REF*FJ: the line item control number we sent (837 REF*6R). */
  lineItemControlNumber: string | null;
  references: Ack277Reference[];
  serviceDates: Ack277ServiceDates | null;
  position: number;
}

/** Loop 2200D: the responder's answer about one claim we sent. */
export interface Ack277Claim {
  /** TRN02 of TRN*2: the patient control number we sent in CLM01. */
  patientControlNumber: string;
  /** REF*1K payer claim control number, REF*D9 clearinghouse trace number, REF*BLT institutional bill type. */
  payerClaimControlNumber: string | null;
  clearinghouseTraceNumber: string | null;
  billType: string | null;
  /** Every REF of the claim, as written. */
  references: Ack277Reference[];
  serviceDates: Ack277ServiceDates | null;
  statuses: Ack277Status[];
  /** The claim's outcome over all its STC segments (service line statuses excluded). */
  outcome: AckOutcome;
  /** NM1*QC of the patient level (2100D) and NM1*85 of the provider level above it (2100C). */
  patient: Ack277Entity | null;
  billingProvider: Ack277Entity | null;
  /** HL01 of the patient level and of its provider level. */
  hlId: string;
  providerHlId: string;
  lines: Ack277Line[];
  /** Position of the TRN that opens the claim. */
  position: number;
}

export type Ack277PartyLevel = 'information_source' | 'information_receiver' | 'billing_provider';

/** Loops 2000A–C / 2200A–C: a level above the claims, with its own (non-claim) statuses and totals. */
export interface Ack277Party {
  /** HL03 20 (payer or clearinghouse), 21 (the submitter), 19 (billing provider). */
  level: Ack277PartyLevel;
  hlId: string;
  parentHlId: string | null;
  entity: Ack277Entity | null;
  /** TRN02: 2200A transmission receipt control id, 2200B the trace of our 837 (its BHT03), 2200C provider trace. */
  traceNumber: string | null;
  statuses: Ack277Status[];
  outcome: AckOutcome;
  /** QTY*90/QA accepted, QTY*AA/QC rejected claim counts; AMT*YU accepted, AMT*YY rejected charges. */
  acceptedCount: number | null;
  rejectedCount: number | null;
  acceptedCents: Cents | null;
  rejectedCents: Cents | null;
  /** DTP at 2200A: 050 received, 009 process date (ISO; null when not a date). */
  receivedDate: string | null;
  processDate: string | null;
  references: Ack277Reference[];
  position: number;
}

export interface Ack277CA {
  /** ST02 and implementation (ST03 or GS08). */
  controlNumber: string;
  implementation: string;
  position: number;
  /** BHT03 the responder's reference for this acknowledgment, BHT04 its date (ISO, or null). */
  reference: string;
  createdDate: string | null;
  /** Levels above the claims in file order: information source, receivers, billing providers. */
  parties: Ack277Party[];
  claims: Ack277Claim[];
  warnings: AcknowledgmentIssue[];
}
