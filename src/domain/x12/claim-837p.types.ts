import type { ClaimLine } from '../claims/service-line.js';
import type { Cents, Thousandths } from '../money.js';
import type { Adjustment } from '../remittance/adjudication.js';

/**
 * What an 837P (005010X222A1) interchange is written from: plain values, mapped from stored rows by the submissions
 * service. The reader (`read-837p.ts`) gives the same shapes back, which is what the round-trip test compares.
 */

export interface Address837 {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  /** 5 or 9 digits (the billing provider's must be 9: ZIP+4). */
  postalCode: string;
}

/** NM1 entity: a person (NM102 = 1) or an organization (NM102 = 2). */
export interface Entity837 {
  kind: 'individual' | 'organization';
  /** NM103: last name or organization name. */
  name: string;
  firstName: string | null;
  middleName: string | null;
}

export interface Provider837 extends Entity837 {
  npi: string;
  taxonomyCode: string | null;
}

export interface BillingProvider837 extends Provider837 {
  /** REF*EI employer identification number, 9 digits. */
  taxId: string;
  address: Address837;
}

export interface Facility837 {
  name: string;
  npi: string | null;
  address: Address837;
}

export type Sex837 = 'F' | 'M' | 'U';

export interface Person837 {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** DMG: always sent for the patient; for a subscriber only when the subscriber is the patient, else null. */
  birthDate: string | null;
  sex: Sex837 | null;
  address: Address837 | null;
}

/** SBR01 payer responsibility sequence number code, as far as we bill: P primary, S secondary, T tertiary. */
export type Responsibility837 = 'P' | 'S' | 'T';

export interface Subscriber837 extends Person837 {
  /** 2000B SBR01: the destination payer's place in the order, P primary, S secondary, T tertiary. */
  responsibility: Responsibility837;
  memberId: string;
  groupNumber: string | null;
  /** SBR09 claim filing indicator (CI commercial, MB Medicare Part B, MC Medicaid…). */
  filingIndicator: string;
}

/** 2000C PAT01 individual relationship code: 01 spouse, 19 child, G8 other relationship. */
export type PatientRelationship837 = '01' | '19' | 'G8';

export interface Patient837 extends Person837 {
  relationship: PatientRelationship837;
}

/**
 * 2320 SBR02: the patient's relationship to the other payer's subscriber (X222A1 code list): 01 spouse, 18 self,
 * 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other relationship.
 */
export const OTHER_SUBSCRIBER_RELATIONSHIPS = ['01', '18', '19', '20', '21', '39', '40', '53', 'G8'] as const;
export type OtherSubscriberRelationship837 = (typeof OTHER_SUBSCRIBER_RELATIONSHIPS)[number];

/**
 * What one other payer decided on one service line: a 2430 loop, written inside the 2400 loop of `lineNumber`, after
 * its 2410/2420 loops. SVD01 is the other payer's 2330B id (`OtherPayer837.payer.id`), so it is not repeated here.
 */
export interface OtherPayerLine837 {
  /** LX01 of the line adjudicated. */
  lineNumber: number;
  /** SVD02 service line paid amount (0 when the payer paid nothing on the line). */
  paidCents: Cents;
  /** SVD03-2..6 (qualifier HC): the procedure and modifiers as the payer adjudicated them (usually as billed). */
  procedureCode: string;
  modifiers: string[];
  /** SVD05 paid service unit count. */
  unitsThousandths: Thousandths;
  /** 2430 CAS line adjustments: non-zero amounts, one CAS segment per group code (positive amounts reduce payment). */
  adjustments: Adjustment[];
  /** 2430 DTP*573: when the payer adjudicated the line (the check or remittance date of its 835), yyyy-mm-dd. */
  adjudicationDate: string;
  /** 2430 AMT*EAF remaining patient liability, when known. */
  remainingPatientLiabilityCents: Cents | null;
}

/**
 * Another payer of the claim, as a claim to the next payer reports it (coordination of benefits): loops 2320
 * (other subscriber information), 2330A (other subscriber), 2330B (other payer) and, when it adjudicated the lines,
 * a 2430 under each line. A claim to a secondary payer carries the primary here, with what it paid and adjusted;
 * a claim may also name a payer that has not adjudicated it yet (`paidCents` null, no adjustments, no lines).
 */
export interface OtherPayer837 {
  /** 2320 SBR01: this payer's place in the order of payers (never the destination payer's, never another's). */
  responsibility: Responsibility837;
  /** 2320 SBR02: the patient's relationship to this payer's subscriber (18 when the patient is the subscriber). */
  relationship: OtherSubscriberRelationship837;
  /** 2320 SBR03 group or policy number. */
  groupNumber: string | null;
  /** 2320 SBR09 claim filing indicator of this coverage (CI, MB, MC…). */
  filingIndicator: string;
  /**
   * 2320 CAS claim-level adjustments (an 835's CLP-level CAS): non-zero amounts, written one CAS segment per group
   * code (at most six triplets each, five segments in all), groups in the order they first appear.
   */
  adjustments: Adjustment[];
  /** 2320 AMT*D payer paid amount; null while the payer has not adjudicated the claim. */
  paidCents: Cents | null;
  /** 2320 AMT*EAF remaining patient liability, when known (the guide: when the payer adjudicated at claim level). */
  remainingPatientLiabilityCents: Cents | null;
  /** 2320 OI03 benefits assignment certification: Y assigned to the provider, N not, W not applicable. */
  benefitsAssigned: 'Y' | 'N' | 'W';
  /** 2320 OI06 release of information: Y signed statement on file, I informed consent limited by law. */
  releaseOfInformation: 'Y' | 'I';
  /** 2330A NM1*IL: the subscriber of this coverage, with its member id (NM108 MI). */
  subscriber: Entity837 & { memberId: string };
  /** 2330B NM1*PR: the payer, with its payer id (NM108 PI), which each of its 2430 SVD01 repeats. */
  payer: Payer837;
  /**
   * 2330B DTP*573 claim check or remittance date, yyyy-mm-dd: required when the payer adjudicated the claim and no
   * 2430 line is sent, and not sent otherwise.
   */
  adjudicationDate: string | null;
  /** Its 2430 line adjudications, in line order. */
  lines: OtherPayerLine837[];
}

export interface Claim837 {
  /** CLM01, ≤ 20 characters (ours: ≤ 14). */
  patientControlNumber: string;
  totalChargeCents: Cents;
  placeOfService: string;
  frequencyCode: '1' | '7' | '8';
  /** REF*F8, required for frequency 7 and 8. */
  payerClaimNumber: string | null;
  priorAuthorization: string | null;
  /** ICD-10-CM codes without the dot, principal first, ≤ 12. */
  diagnoses: string[];
  lines: ClaimLine[];
  subscriber: Subscriber837;
  /** Null when the patient is the subscriber (no 2000C loop). */
  patient: Patient837 | null;
  rendering: Provider837 | null;
  referring: Provider837 | null;
  facility: Facility837 | null;
  /** 2320/2330/2430 other payers, at most 10: empty on a claim to the primary payer when no other is known. */
  otherPayers: OtherPayer837[];
}

/** One billing provider's claims (2000A and everything below it). */
export interface BillingGroup837 {
  billingProvider: BillingProvider837;
  claims: Claim837[];
}

export interface Submitter837 {
  /** 1000A NM103 and NM109 (the ETIN the receiver assigned us). */
  name: string;
  id: string;
  contactName: string;
  /** PER TE, digits only. */
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface Payer837 {
  name: string;
  /** 2010BB NM109 (PI qualifier). */
  id: string;
}

export interface Interchange837 {
  sender: { qualifier: string; id: string };
  receiver: { qualifier: string; id: string };
  /** GS02/GS03 application sender and receiver codes. */
  applicationSender: string;
  applicationReceiver: string;
  usage: 'T' | 'P';
  interchangeControlNumber: number;
  groupControlNumber: number;
  /** ST02 of the first transaction set; the next sets count up from it. */
  firstTransactionControlNumber: number;
  /** BHT03: our submission reference. */
  reference: string;
  /** When the file is created, in the organization's zone: CCYYMMDD and HHMM. */
  date: string;
  time: string;
  submitter: Submitter837;
  /** 1000B NM103 / NM109. */
  receiverName: string;
  receiverId: string;
  payer: Payer837;
  groups: BillingGroup837[];
}
