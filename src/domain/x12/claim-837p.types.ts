import type { ClaimLine } from '../claims/service-line.js';
import type { Cents } from '../money.js';

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

export interface Subscriber837 extends Person837 {
  /** SBR01: P primary, S secondary, T tertiary. */
  responsibility: 'P' | 'S' | 'T';
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
