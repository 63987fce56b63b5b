import fc from 'fast-check';
import { NDC_UNITS } from '../../../src/domain/claims/service-line.js';
import { ADJUSTMENT_GROUPS, type Adjustment } from '../../../src/domain/remittance/adjudication.js';
import { writtenAdjustments } from '../../../src/domain/x12/claim-837p.cob.js';
import {
  type Address837,
  type BillingProvider837,
  type Claim837,
  type Interchange837,
  OTHER_SUBSCRIBER_RELATIONSHIPS,
  type OtherPayer837,
  type Provider837,
  type Responsibility837,
} from '../../../src/domain/x12/claim-837p.types.js';

/** Generated 837P input: X12-safe text (letters, digits, inner spaces), valid shapes, any sizes the guide allows. */

const letters = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: min, maxLength: max });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const words = fc.array(letters(1, 8), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const isoDate = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const address837 = (zip4: boolean): fc.Arbitrary<Address837> =>
  fc.record({
    line1: fc.tuple(digits(3), words).map(([n, w]) => `${n} ${w}`),
    line2: optional(words),
    city: words,
    state: letters(2, 2),
    postalCode: zip4 ? digits(9) : fc.oneof(digits(5), digits(9)),
  });

const provider: fc.Arbitrary<Provider837> = fc.oneof(
  fc.record({
    kind: fc.constant('individual' as const),
    name: words,
    firstName: optional(letters(1, 10)),
    middleName: optional(letters(1, 1)),
    npi: digits(10),
    taxonomyCode: optional(fc.tuple(digits(3), letters(1, 1), digits(5), letters(1, 1)).map((p) => p.join(''))),
  }),
  fc.record({
    kind: fc.constant('organization' as const),
    name: words,
    firstName: fc.constant(null),
    middleName: fc.constant(null),
    npi: digits(10),
    taxonomyCode: optional(fc.constant('207Q00000X')),
  }),
);

const billing: fc.Arbitrary<BillingProvider837> = fc
  .tuple(provider, digits(9), address837(true))
  .map(([p, taxId, address]) => ({ ...p, taxId, address }));

const person = fc.record({
  lastName: words,
  firstName: letters(1, 12),
  middleName: optional(letters(1, 1)),
  birthDate: isoDate,
  sex: fc.constantFrom('F' as const, 'M' as const, 'U' as const),
  address: optional(address837(false)),
});

/** CAS adjustments as the writer groups them (one segment per group code): non-zero, at most 6 (≤ 5 groups). */
const adjustments = (max: number): fc.Arbitrary<Adjustment[]> =>
  fc
    .array(
      fc.record({
        group: fc.constantFrom(...ADJUSTMENT_GROUPS),
        reasonCode: fc.constantFrom('1', '2', '3', '23', '45', '96', '253'),
        amountCents: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: -50_000, max: -1 })),
        quantityThousandths: optional(fc.integer({ min: 1, max: 99_000 })),
      }),
      { maxLength: max },
    )
    .map(writtenAdjustments);

const ORDER: Responsibility837[] = ['P', 'S', 'T'];

/**
 * 0–2 other payers that make a valid claim: a claim to the S payer names P, to the T payer P and S, one to P may
 * name the payers after it. Those before the destination adjudicated it, at claim level or line by line (every
 * line, balanced); those after it have not.
 */
function otherPayers(c: Claim837, index: number): fc.Arbitrary<OtherPayer837[]> {
  const own = c.subscriber.responsibility;
  const earlier = ORDER.slice(0, ORDER.indexOf(own));
  const later = ORDER.slice(ORDER.indexOf(own) + 1);
  return fc
    .subarray(later)
    .chain((after) => fc.tuple(...[...earlier, ...after].map((r) => otherPayer(c, index, r, earlier.includes(r)))));
}

function otherPayer(
  c: Claim837,
  index: number,
  responsibility: Responsibility837,
  adjudicated: boolean,
): fc.Arbitrary<OtherPayer837> {
  const base = fc.record({
    relationship: fc.constantFrom(...OTHER_SUBSCRIBER_RELATIONSHIPS),
    groupNumber: optional(digits(6)),
    filingIndicator: fc.constantFrom('CI', 'MB', 'MC', 'BL'),
    benefitsAssigned: fc.constantFrom('Y' as const, 'N' as const, 'W' as const),
    releaseOfInformation: fc.constantFrom('Y' as const, 'I' as const),
    subscriber: fc.oneof(
      fc.record({
        kind: fc.constant('individual' as const),
        name: words,
        firstName: optional(letters(1, 10)),
        middleName: optional(letters(1, 1)),
        memberId: fc.tuple(letters(3, 3), digits(9)).map((p) => p.join('')),
      }),
      fc.record({
        kind: fc.constant('organization' as const),
        name: words,
        firstName: fc.constant(null),
        middleName: fc.constant(null),
        memberId: digits(9),
      }),
    ),
    payerName: words,
    remaining: optional(fc.integer({ min: 0, max: 500_000 })),
  });
  const id = `OP${index}${responsibility}`;
  const common = base.map((b) => ({
    responsibility,
    relationship: b.relationship,
    groupNumber: b.groupNumber,
    filingIndicator: b.filingIndicator,
    benefitsAssigned: b.benefitsAssigned,
    releaseOfInformation: b.releaseOfInformation,
    subscriber: b.subscriber,
    payer: { name: b.payerName, id },
    remainingPatientLiabilityCents: b.remaining,
  }));
  if (!adjudicated) {
    return common.map((p) => ({ ...p, adjustments: [], paidCents: null, adjudicationDate: null, lines: [] }));
  }
  const claimLevel = fc.record({
    common,
    adjustments: adjustments(6),
    paidCents: fc.integer({ min: -100_000, max: 99_999_999 }),
    adjudicationDate: isoDate,
  });
  const lineLevel = fc.record({
    common,
    adjustments: adjustments(3),
    lines: fc.tuple(
      ...c.lines.map((line) =>
        fc.record({
          adjustments: adjustments(6),
          unitsThousandths: fc.oneof(fc.constant(line.unitsThousandths), fc.integer({ min: 0, max: 99_000 })),
          adjudicationDate: isoDate,
          remaining: optional(fc.integer({ min: 0, max: 500_000 })),
        }),
      ),
    ),
  });
  return fc.oneof(
    claimLevel.map(({ common: p, ...r }): OtherPayer837 => ({ ...p, ...r, lines: [] })),
    lineLevel.map(({ common: p, adjustments: claimAdjustments, lines }): OtherPayer837 => {
      const adjudications = lines.map((l, i) => {
        const line = c.lines[i]!;
        return {
          lineNumber: line.lineNumber,
          paidCents: line.chargeCents - sum(l.adjustments),
          procedureCode: line.code,
          modifiers: line.modifiers,
          unitsThousandths: l.unitsThousandths,
          adjustments: l.adjustments,
          adjudicationDate: l.adjudicationDate,
          remainingPatientLiabilityCents: l.remaining,
        };
      });
      const lineAdjusted = adjudications.reduce((total, l) => total + sum(l.adjustments), 0);
      return {
        ...p,
        adjustments: claimAdjustments,
        // CLM02 − Σ 2320 CAS − Σ 2430 CAS = AMT*D.
        paidCents: c.totalChargeCents - sum(claimAdjustments) - lineAdjusted,
        adjudicationDate: null,
        lines: adjudications,
      };
    }),
  );
}

const sum = (list: readonly Adjustment[]) => list.reduce((total, a) => total + a.amountCents, 0);

const claim = (index: number): fc.Arbitrary<Claim837> =>
  fc
    .record({
      diagnoses: fc.array(
        fc
          .tuple(letters(1, 1), digits(2), fc.string({ unit: fc.constantFrom(...'0123456789AXY'), maxLength: 4 }))
          .map((p) => p.join('')),
        {
          minLength: 1,
          maxLength: 12,
        },
      ),
      lineCount: fc.integer({ min: 1, max: 50 }),
      lines: fc.array(
        fc.record({
          code: fc.oneof(
            digits(5),
            fc.tuple(letters(1, 1), digits(4)).map((p) => p.join('')),
          ),
          modifiers: fc.array(fc.oneof(digits(2), letters(2, 2)), { maxLength: 4 }),
          unitsThousandths: fc.integer({ min: 1, max: 999_999_999 }),
          chargeCents: fc.integer({ min: 0, max: 99_999_999 }),
          pointerSeed: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
          dateOfService: isoDate,
          drug: optional(
            fc.record({
              ndc: digits(11),
              quantity: fc.integer({ min: 1, max: 999_999_999 }),
              unit: fc.constantFrom(...NDC_UNITS),
            }),
          ),
          description: optional(words),
        }),
        { minLength: 1, maxLength: 50 },
      ),
      placeOfService: fc.constantFrom('11', '02', '10', '22', '81'),
      frequency: fc.constantFrom('1' as const, '7' as const, '8' as const),
      payerClaimNumber: fc.tuple(letters(2, 2), digits(10)).map((p) => p.join('')),
      priorAuthorization: optional(fc.tuple(letters(2, 2), digits(6)).map((p) => p.join(''))),
      subscriber: fc.record({
        person,
        responsibility: fc.constantFrom('P' as const, 'S' as const, 'T' as const),
        memberId: fc.tuple(letters(3, 3), digits(9)).map((p) => p.join('')),
        groupNumber: optional(digits(6)),
        filingIndicator: fc.constantFrom('CI', 'MB', 'MC', 'BL', 'HM'),
      }),
      patient: optional(
        fc.record({ person, relationship: fc.constantFrom('01' as const, '19' as const, 'G8' as const) }),
      ),
      rendering: optional(provider),
      // 2310A is a person and carries no PRV.
      referring: optional(provider.map((p) => ({ ...p, kind: 'individual' as const, taxonomyCode: null }))),
      facility: optional(fc.record({ name: words, npi: optional(digits(10)), address: address837(true) })),
    })
    .map((r): Claim837 => {
      const lines = r.lines.map((l, i) => ({
        lineNumber: i + 1,
        controlNumber: `C${index}L${i + 1}`,
        code: l.code,
        modifiers: l.modifiers,
        unitsThousandths: l.unitsThousandths,
        chargeCents: l.chargeCents,
        diagnosisPointers: [...new Set(l.pointerSeed.map((p) => ((p - 1) % r.diagnoses.length) + 1))],
        dateOfService: l.dateOfService,
        ndc: l.drug?.ndc ?? null,
        ndcQuantityThousandths: l.drug?.quantity ?? null,
        ndcUnit: l.drug?.unit ?? null,
        description: l.description,
      }));
      const subscriberIsPatient = r.patient === null;
      return {
        patientControlNumber: `PCN${String(index).padStart(6, '0')}`,
        totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
        placeOfService: r.placeOfService,
        frequencyCode: r.frequency,
        payerClaimNumber: r.frequency === '1' ? null : r.payerClaimNumber,
        priorAuthorization: r.priorAuthorization,
        diagnoses: r.diagnoses,
        lines,
        subscriber: {
          ...r.subscriber.person,
          // 2010BA DMG is only sent when the subscriber is the patient.
          birthDate: subscriberIsPatient ? r.subscriber.person.birthDate : null,
          sex: subscriberIsPatient ? r.subscriber.person.sex : null,
          responsibility: r.subscriber.responsibility,
          memberId: r.subscriber.memberId,
          groupNumber: r.subscriber.groupNumber,
          filingIndicator: r.subscriber.filingIndicator,
        },
        patient: r.patient ? { ...r.patient.person, relationship: r.patient.relationship } : null,
        rendering: r.rendering,
        referring: r.referring,
        facility: r.facility,
        otherPayers: [],
      };
    })
    .chain((c) => otherPayers(c, index).map((others): Claim837 => ({ ...c, otherPayers: others })));

export const interchange837: fc.Arbitrary<Interchange837> = fc
  .record({
    billing: fc.array(billing, { minLength: 1, maxLength: 3 }),
    claimsPerGroup: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
    isa13: fc.integer({ min: 1, max: 999_999_999 }),
    usage: fc.constantFrom('T' as const, 'P' as const),
  })
  .chain((r) => {
    const counts = r.billing.map((_, i) => r.claimsPerGroup[i]!);
    const total = counts.reduce((a, b) => a + b, 0);
    return fc.tuple(...Array.from({ length: total }, (_, i) => claim(i + 1))).map((claims) => {
      let next = 0;
      return {
        sender: { qualifier: 'ZZ', id: 'CLAIMSAPI' },
        receiver: { qualifier: 'ZZ', id: 'CLEARHOUSE' },
        applicationSender: 'CLAIMSAPI',
        applicationReceiver: 'CLEARHOUSE',
        usage: r.usage,
        interchangeControlNumber: r.isa13,
        groupControlNumber: r.isa13,
        firstTransactionControlNumber: 1,
        reference: 'SUB0001',
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
        payer: { name: 'DEMO PAYER', id: 'PAYER01' },
        groups: r.billing.map((b, i) => ({ billingProvider: b, claims: claims.slice(next, (next += counts[i]!)) })),
      };
    });
  });
