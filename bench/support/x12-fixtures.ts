import type { ClaimLine } from '../../src/domain/claims/service-line.js';
import type {
  Address837,
  BillingProvider837,
  Claim837,
  Interchange837,
  Provider837,
} from '../../src/domain/x12/claim-837p.types.js';
import { createPrng, type Prng } from './prng.js';
import {
  CITIES,
  chargeFor,
  DIAGNOSES,
  digits,
  FIRST_NAMES,
  LAST_NAMES,
  lineControlNumber,
  lineCount,
  PROCEDURES,
  patientControlNumber,
  type RemittanceClaimAnswer,
  STREETS,
  unitsFor,
} from './x12-fixture-data.js';

export type { RemittanceClaimAnswer, RemittanceLineAnswer } from './x12-fixture-data.js';
export { type Synthetic835Options, synthetic835 } from './x12-remittance-fixture.js';

/**
 * Synthetic X12 for the benchmarks, deterministic for a seed: `synthetic837(n)` is an Interchange837 of n claims for
 * `write837p`, `synthetic835(n, options)` (x12-remittance-fixture.ts) an 835 answering n claims that balances at all
 * three levels. `answersOf837(spec)` turns an 837 spec into the claims an 835 answers, so a remittance can pay what
 * was written (or, given stored claims' control numbers, what is in the database).
 */

function address(r: Prng, zip4: boolean): Address837 {
  const [city, state, zip] = r.pick(CITIES);
  return {
    line1: `${r.int(10, 9999)} ${r.pick(STREETS)}`,
    line2: r.chance(0.15) ? `APT ${r.int(1, 400)}` : null,
    city,
    state,
    postalCode: zip4 || r.chance(0.3) ? `${zip}${String(r.int(1, 9999)).padStart(4, '0')}` : zip,
  };
}

const isoDate = (day: number) => `2026-11-${String(day).padStart(2, '0')}`;

function doctor(r: Prng, withTaxonomy: boolean): Provider837 {
  return {
    kind: 'individual',
    name: r.pick(LAST_NAMES),
    firstName: r.pick(FIRST_NAMES),
    middleName: r.chance(0.3) ? 'A' : null,
    npi: `1${digits(r, 9)}`,
    taxonomyCode: withTaxonomy ? '207Q00000X' : null,
  };
}

function billingProvider(r: Prng, n: number): BillingProvider837 {
  return {
    kind: 'organization',
    name: `BENCH CLINIC ${n + 1}`,
    firstName: null,
    middleName: null,
    npi: `1${digits(r, 9)}`,
    taxonomyCode: r.chance(0.5) ? '261QP2300X' : null,
    taxId: digits(r, 9),
    address: address(r, true),
  };
}

function lines(r: Prng, pcn: string, diagnoses: number, day: number): ClaimLine[] {
  const count = lineCount(r);
  const evaluation = r.pick(PROCEDURES.filter((p) => 'evaluation' in p));
  return Array.from({ length: count }, (_, i): ClaimLine => {
    const p = i === 0 ? evaluation : r.pick(PROCEDURES.filter((q) => !('evaluation' in q)));
    const units = unitsFor(p, r);
    const modifiers = i === 0 && count > 1 ? ['25'] : 'timed' in p ? ['GP'] : [];
    const pointers = [1, 2, 3, 4].slice(0, r.int(1, Math.min(4, diagnoses)));
    return {
      lineNumber: i + 1,
      controlNumber: lineControlNumber(pcn, i + 1),
      code: p.code,
      modifiers,
      unitsThousandths: units,
      chargeCents: chargeFor(p, units),
      diagnosisPointers: pointers,
      dateOfService: isoDate(day),
      ndc: 'ndc' in p ? p.ndc : null,
      // J1100 is 1 mg a unit and its NDC 4 mg/mL: a quarter milliliter per unit (no PRNG draw, so the stream stays).
      ndcQuantityThousandths: 'ndc' in p ? units / 4 : null,
      ndcUnit: 'ndc' in p ? 'ML' : null,
      description: null,
    };
  });
}

function claim(r: Prng, index: number): Claim837 {
  const pcn = patientControlNumber(index, r);
  const diagnoses = r.sample(DIAGNOSES, r.int(1, 4));
  const day = r.int(2, 27);
  const claimLines = lines(r, pcn, diagnoses.length, day);
  const dependent = r.chance(0.2);
  const birthDate = `19${r.int(40, 99)}-0${r.int(1, 9)}-${String(r.int(10, 28))}`;
  const sex = r.pick(['F', 'M'] as const);
  const lastName = r.pick(LAST_NAMES);
  const replacement = r.chance(0.04);
  return {
    patientControlNumber: pcn,
    totalChargeCents: claimLines.reduce((sum, l) => sum + l.chargeCents, 0),
    placeOfService: r.chance(0.9) ? '11' : '02',
    frequencyCode: replacement ? '7' : '1',
    payerClaimNumber: replacement ? `PCN${digits(r, 10)}` : null,
    priorAuthorization: r.chance(0.05) ? `PA${digits(r, 6)}` : null,
    diagnoses,
    lines: claimLines,
    subscriber: {
      lastName,
      firstName: r.pick(FIRST_NAMES),
      middleName: null,
      birthDate: dependent ? null : birthDate,
      sex: dependent ? null : sex,
      address: address(r, false),
      responsibility: 'P',
      memberId: `W${digits(r, 9)}`,
      groupNumber: r.chance(0.7) ? `GRP${digits(r, 5)}` : null,
      filingIndicator: r.pick(['CI', 'CI', 'CI', 'BL', 'MB']),
    },
    patient: dependent
      ? {
          lastName,
          firstName: r.pick(FIRST_NAMES),
          middleName: null,
          birthDate: `20${r.int(10, 20)}-0${r.int(1, 9)}-${String(r.int(10, 28))}`,
          sex,
          address: r.chance(0.5) ? address(r, false) : null,
          relationship: r.pick(['19', '19', '01'] as const),
        }
      : null,
    rendering: r.chance(0.7) ? doctor(r, r.chance(0.6)) : null,
    referring: r.chance(0.1) ? doctor(r, false) : null,
    facility: r.chance(0.1)
      ? { name: 'BENCH SURGERY CENTER', npi: `1${digits(r, 9)}`, address: address(r, true) }
      : null,
    otherPayers: [],
  };
}

export interface Synthetic837Options {
  seed?: number;
  /** Billing providers (2000A loops), each with a contiguous share of the claims; 3 by default. */
  billingProviders?: number;
}

/** An 837P interchange of `claimCount` claims (1–6 lines each, about 2.7 on average) for `write837p`. */
export function synthetic837(claimCount: number, options: Synthetic837Options = {}): Interchange837 {
  const r = createPrng(options.seed ?? 837);
  const providers = Math.max(1, Math.min(options.billingProviders ?? 3, claimCount));
  const all = Array.from({ length: claimCount }, (_, i) => claim(r, i));
  const share = Math.ceil(claimCount / providers);
  return {
    sender: { qualifier: 'ZZ', id: 'CLAIMSAPI' },
    receiver: { qualifier: 'ZZ', id: 'CLEARHOUSE' },
    applicationSender: 'CLAIMSAPI',
    applicationReceiver: 'CLEARHOUSE',
    usage: 'T',
    interchangeControlNumber: 1201,
    groupControlNumber: 1201,
    firstTransactionControlNumber: 1,
    reference: 'SUB-BENCH-0001',
    date: '20261202',
    time: '1200',
    submitter: {
      name: 'BENCH CLINIC',
      id: 'ETIN001',
      contactName: 'BILLING DESK',
      contactPhone: '5555550100',
      contactEmail: null,
    },
    receiverName: 'BENCH CLEARINGHOUSE',
    receiverId: 'CLEARHOUSE',
    payer: { name: 'BENCH HEALTH PLAN', id: 'BENCH01' },
    groups: Array.from({ length: providers }, (_, g) => ({
      billingProvider: billingProvider(r, g),
      claims: all.slice(g * share, (g + 1) * share),
    })).filter((g) => g.claims.length > 0),
  };
}

/** The claims of an 837P spec as an 835 answers them: the same CLP01, REF*6R, codes, charges, units and dates. */
export function answersOf837(spec: Interchange837): RemittanceClaimAnswer[] {
  return spec.groups.flatMap((g) =>
    g.claims.map((c) => ({
      patientControlNumber: c.patientControlNumber,
      patient: {
        lastName: (c.patient ?? c.subscriber).lastName,
        firstName: (c.patient ?? c.subscriber).firstName,
        memberId: c.subscriber.memberId,
      },
      lines: c.lines.map((l) => ({
        controlNumber: l.controlNumber,
        procedureCode: l.code,
        modifiers: l.modifiers,
        chargeCents: l.chargeCents,
        unitsThousandths: l.unitsThousandths,
        dateOfService: l.dateOfService,
      })),
    })),
  );
}
