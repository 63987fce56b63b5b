import type { Claim837, Interchange837, OtherPayer837 } from '../../../src/domain/x12/claim-837p.types.js';

/**
 * One hand-made claim to a secondary payer: an office visit and a drug line (NDC, 2.5 mL), billed 158.00 after the
 * primary (ACME HEALTH, payer id 60054) adjudicated both lines: 10.00 deductible at claim level, 40.00 + 3.00
 * contractual and 22.00 coinsurance at line level, so it paid 158 − 10 − 40 − 22 − 3 = 83.00.
 */

export const primaryPayer = (): OtherPayer837 => ({
  responsibility: 'P',
  relationship: '18',
  groupNumber: 'GRP100',
  filingIndicator: 'CI',
  adjustments: [{ group: 'PR', reasonCode: '1', amountCents: 1000, quantityThousandths: null }],
  paidCents: 8300,
  remainingPatientLiabilityCents: null,
  benefitsAssigned: 'Y',
  releaseOfInformation: 'Y',
  subscriber: { kind: 'individual', name: 'DOE', firstName: 'JANE', middleName: null, memberId: 'W123456789' },
  payer: { name: 'ACME HEALTH', id: '60054' },
  adjudicationDate: null,
  lines: [
    {
      lineNumber: 1,
      paidCents: 8800,
      procedureCode: '99213',
      modifiers: [],
      unitsThousandths: 1000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 4000, quantityThousandths: null },
        { group: 'PR', reasonCode: '2', amountCents: 2200, quantityThousandths: null },
      ],
      adjudicationDate: '2026-11-20',
      remainingPatientLiabilityCents: 2200,
    },
    {
      lineNumber: 2,
      paidCents: 500,
      procedureCode: 'J1100',
      modifiers: [],
      unitsThousandths: 10_000,
      adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 300, quantityThousandths: null }],
      adjudicationDate: '2026-11-20',
      remainingPatientLiabilityCents: null,
    },
  ],
});

export const secondaryClaim = (): Claim837 => ({
  patientControlNumber: 'PCNSEC01',
  totalChargeCents: 15_800,
  placeOfService: '11',
  frequencyCode: '1',
  payerClaimNumber: null,
  priorAuthorization: null,
  diagnoses: ['E119'],
  lines: [
    {
      lineNumber: 1,
      controlNumber: 'PCNSEC0101',
      code: '99213',
      modifiers: [],
      unitsThousandths: 1000,
      chargeCents: 15_000,
      diagnosisPointers: [1],
      dateOfService: '2026-11-02',
      ndc: null,
      ndcQuantityThousandths: null,
      ndcUnit: null,
      description: null,
    },
    {
      lineNumber: 2,
      controlNumber: 'PCNSEC0102',
      code: 'J1100',
      modifiers: [],
      unitsThousandths: 10_000,
      chargeCents: 800,
      diagnosisPointers: [1],
      dateOfService: '2026-11-02',
      ndc: '63323016501',
      ndcQuantityThousandths: 2500,
      ndcUnit: 'ML',
      description: null,
    },
  ],
  subscriber: {
    lastName: 'DOE',
    firstName: 'JANE',
    middleName: null,
    birthDate: '1960-05-15',
    sex: 'F',
    address: { line1: '12 ELM ST', line2: null, city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
    responsibility: 'S',
    memberId: 'M987654321',
    groupNumber: null,
    filingIndicator: 'MB',
  },
  patient: null,
  rendering: null,
  referring: null,
  facility: null,
  otherPayers: [primaryPayer()],
});

export const interchangeOf = (...claims: Claim837[]): Interchange837 => ({
  sender: { qualifier: 'ZZ', id: 'CLAIMSAPI' },
  receiver: { qualifier: 'ZZ', id: 'CLEARHOUSE' },
  applicationSender: 'CLAIMSAPI',
  applicationReceiver: 'CLEARHOUSE',
  usage: 'T',
  interchangeControlNumber: 7,
  groupControlNumber: 7,
  firstTransactionControlNumber: 1,
  reference: 'SUB0007',
  date: '20261202',
  time: '1200',
  submitter: {
    name: 'DEMO CLINIC',
    id: 'ETIN001',
    contactName: 'BILLING DESK',
    contactPhone: '5555550100',
    contactEmail: null,
  },
  receiverName: 'DEMO CLEARINGHOUSE',
  receiverId: 'CLEARHOUSE',
  payer: { name: 'MEDICARE B', id: '00882' },
  groups: [
    {
      billingProvider: {
        kind: 'organization',
        name: 'RIVERSIDE FAMILY MEDICINE',
        firstName: null,
        middleName: null,
        npi: '1234567893',
        taxonomyCode: null,
        taxId: '123456789',
        address: { line1: '100 MAIN ST', line2: null, city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
      },
      claims,
    },
  ],
});
