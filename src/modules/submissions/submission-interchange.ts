import type {
  AddressValue,
  PatientRow,
  ProviderRow,
  X12ReceiverValue,
  X12SubmitterValue,
} from '../../db/schema/index.js';
import type {
  Address837,
  BillingGroup837,
  Claim837,
  Interchange837,
  OtherPayer837,
  PatientRelationship837,
  Provider837,
  Sex837,
} from '../../domain/x12/claim-837p.types.js';
import type { LoadedClaim } from '../claims/claim-batch.js';

/** Stored rows → the 837P writer's input. Pure mapping: every check happened in the scrub before. */

const address = (a: AddressValue | null | undefined): Address837 | null =>
  a ? { line1: a.line1, line2: a.line2 || null, city: a.city, state: a.state, postalCode: a.postalCode } : null;

const sex = (s: PatientRow['sex']): Sex837 => (s === 'female' ? 'F' : s === 'male' ? 'M' : 'U');

const RELATIONSHIP: Record<string, PatientRelationship837> = { spouse: '01', child: '19', other: 'G8' };
const RESPONSIBILITY = { primary: 'P', secondary: 'S', tertiary: 'T' } as const;

function provider(p: ProviderRow, person = false): Provider837 {
  return p.kind === 'organization' && !person
    ? {
        kind: 'organization',
        name: p.organizationName ?? '',
        firstName: null,
        middleName: null,
        npi: p.npi,
        taxonomyCode: p.taxonomyCode,
      }
    : {
        kind: 'individual',
        name: p.lastName ?? p.organizationName ?? '',
        firstName: p.firstName,
        middleName: null,
        npi: p.npi,
        taxonomyCode: p.taxonomyCode,
      };
}

export function toClaim837({ claim, lines, parties }: LoadedClaim, otherPayers: OtherPayer837[] = []): Claim837 {
  const coverage = parties.coverage!;
  const patient = parties.patient;
  const self = coverage.relationship === 'self';
  const subscriber = self ? null : coverage.subscriber;
  const { billing: _billing, rendering, referring, facility } = parties.providers;
  return {
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: claim.totalChargeCents,
    placeOfService: claim.placeOfService,
    frequencyCode: claim.frequencyCode,
    payerClaimNumber: claim.frequencyCode === '1' ? null : claim.payerClaimNumber,
    priorAuthorization: claim.priorAuthorization,
    diagnoses: claim.diagnoses.map((d) => d.code.replace(/[.\s]/g, '').toUpperCase()),
    lines: lines.map(({ orgId: _o, claimId: _c, ...line }) => line),
    subscriber: {
      lastName: subscriber?.lastName ?? patient.lastName,
      firstName: subscriber?.firstName ?? patient.firstName,
      middleName: (subscriber ? subscriber.middleName : patient.middleName) || null,
      // 2010BA DMG only when the subscriber is the patient.
      birthDate: self ? patient.birthDate : null,
      sex: self ? sex(patient.sex) : null,
      address: address(subscriber ? subscriber.address : patient.address),
      responsibility: RESPONSIBILITY[coverage.priority],
      memberId: coverage.memberId,
      groupNumber: coverage.groupNumber,
      filingIndicator: parties.payer!.claimFilingIndicator,
    },
    patient: self
      ? null
      : {
          lastName: patient.lastName,
          firstName: patient.firstName,
          middleName: patient.middleName || null,
          birthDate: patient.birthDate,
          sex: sex(patient.sex),
          address: address(patient.address),
          relationship: RELATIONSHIP[coverage.relationship] ?? 'G8',
        },
    rendering: rendering && rendering.id !== claim.billingProviderId ? provider(rendering, true) : null,
    // 2310A is always a person, and carries no taxonomy.
    referring: referring ? { ...provider(referring, true), taxonomyCode: null } : null,
    facility: facility
      ? {
          name: facility.organizationName ?? facility.lastName ?? '',
          npi: facility.npi,
          address: address(facility.address)!,
        }
      : null,
    otherPayers,
  };
}

/** One payer's claims grouped by billing provider, in the order given. */
export function billingGroups(
  loaded: LoadedClaim[],
  otherPayers: ReadonlyMap<string, OtherPayer837[]> = new Map(),
): BillingGroup837[] {
  const groups = new Map<string, BillingGroup837>();
  for (const item of loaded) {
    const b = item.parties.providers.billing!;
    let group = groups.get(b.id);
    if (!group) {
      group = {
        billingProvider: { ...provider(b), taxId: b.taxId ?? '', address: address(b.address)! },
        claims: [],
      };
      groups.set(b.id, group);
    }
    group.claims.push(toClaim837(item, otherPayers.get(item.claim.id)));
  }
  return [...groups.values()];
}

export interface InterchangeNumbers {
  interchange: number;
  group: number;
  firstTransaction: number;
}

export function interchangeFor(input: {
  submitter: X12SubmitterValue;
  receiver: X12ReceiverValue;
  payer: { name: string; ediPayerId: string };
  numbers: InterchangeNumbers;
  reference: string;
  date: string;
  time: string;
  groups: BillingGroup837[];
}): Interchange837 {
  const { submitter: s, receiver: r } = input;
  return {
    sender: { qualifier: s.senderQualifier, id: s.senderId },
    receiver: { qualifier: r.receiverQualifier, id: r.receiverId },
    applicationSender: s.applicationSenderCode,
    applicationReceiver: r.applicationReceiverCode,
    usage: r.usage,
    interchangeControlNumber: input.numbers.interchange,
    groupControlNumber: input.numbers.group,
    firstTransactionControlNumber: input.numbers.firstTransaction,
    reference: input.reference,
    date: input.date,
    time: input.time,
    submitter: {
      name: s.name,
      id: s.submitterId,
      contactName: s.contactName,
      contactPhone: s.contactPhone,
      contactEmail: s.contactEmail,
    },
    receiverName: r.name,
    receiverId: r.etin,
    payer: { name: input.payer.name, id: input.payer.ediPayerId },
    groups: input.groups,
  };
}
