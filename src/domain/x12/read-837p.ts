import type { ClaimLine, NdcUnit } from '../claims/service-line.js';
import { centsFromX12, unitsFromX12 } from '../money.js';
import type {
  Address837,
  BillingGroup837,
  BillingProvider837,
  Claim837,
  Person837,
  Provider837,
  Sex837,
  Subscriber837,
} from './claim-837p.types.js';
import type { Delimiters } from './delimiters.js';
import { el, type X12Transaction } from './document.js';
import { createCobReader, type UnmatchedLineAdjudication } from './read-837p.cob.js';
import { entityOf as entity, isoDate } from './read-837p.elements.js';
import type { Segment } from './reader.js';

/**
 * Reads an 837P transaction set back into the writer's shapes: the round-trip check every file we write passes
 * before it is stored, and the source of the structure our SNIP checks judge. It reads the loops we write, the
 * coordination-of-benefits loops (2320, 2330A, 2330B, 2430) included; other senders' optional segments (PWK, NTE,
 * 2330C–G, 2420…) are skipped, not interpreted.
 */

export interface Read837 {
  reference: string;
  submitterName: string;
  submitterId: string;
  receiverName: string;
  receiverId: string;
  payer: { name: string; id: string } | null;
  groups: BillingGroup837[];
  /** 2430 loops whose SVD01 names none of their claim's 2330B other payers. */
  unmatchedLineAdjudications: UnmatchedLineAdjudication[];
}

export class Claim837ReadError extends Error {
  readonly code = 'x12_837_unreadable';
  constructor(
    readonly segment: string,
    readonly position: number,
    message: string,
  ) {
    super(`${message} (segment ${segment} at position ${position})`);
    this.name = 'Claim837ReadError';
  }
}

function providerOf(s: Segment): Provider837 {
  return { ...entity(s), npi: el(s, 9), taxonomyCode: null };
}

function emptyPerson(s: Segment): Person837 {
  return {
    lastName: el(s, 3),
    firstName: el(s, 4),
    middleName: el(s, 5) || null,
    birthDate: null,
    sex: null,
    address: null,
  };
}

export function read837p(transaction: X12Transaction): Read837 {
  const d: Delimiters = transaction.delimiters;
  const result: Read837 = {
    reference: '',
    submitterName: '',
    submitterId: '',
    receiverName: '',
    receiverId: '',
    payer: null,
    groups: [],
    unmatchedLineAdjudications: [],
  };
  let group: BillingGroup837 | null = null;
  let subscriber: Subscriber837 | null = null;
  let patient: Claim837['patient'] = null;
  let claim: Claim837 | null = null;
  let line: ClaimLine | null = null;
  /** Which NM1 owner the next N3/N4/PRV/DMG belongs to. */
  let addressTarget: { address: Address837 | null } | null = null;
  let personTarget: Person837 | null = null;
  let providerTarget: Provider837 | null = null;
  let level = '';

  const fail = (s: Segment, message: string): never => {
    throw new Claim837ReadError(el(s, 0), s.position, message);
  };
  const amount = (s: Segment, n: number) => {
    try {
      return centsFromX12(el(s, n));
    } catch {
      return fail(s, `${el(s, 0)}0${n} '${el(s, n)}' is not an amount`);
    }
  };
  const quantity = (s: Segment, n: number) => {
    try {
      return unitsFromX12(el(s, n));
    } catch {
      return fail(s, `${el(s, 0)}0${n} '${el(s, n)}' is not a quantity`);
    }
  };
  const cob = createCobReader(d, { amount, quantity, fail }, result.unmatchedLineAdjudications);

  for (const s of transaction.segments) {
    const tag = el(s, 0);
    switch (tag) {
      case 'BHT':
        result.reference = el(s, 3);
        break;
      case 'HL':
        level = el(s, 3);
        line = null;
        claim = null;
        cob.end();
        if (level === '20') {
          const billing: BillingProvider837 = {
            kind: 'organization',
            name: '',
            firstName: null,
            middleName: null,
            npi: '',
            taxonomyCode: null,
            taxId: '',
            address: { line1: '', line2: null, city: '', state: '', postalCode: '' },
          };
          group = { billingProvider: billing, claims: [] };
          result.groups.push(group);
          providerTarget = billing;
        } else if (level === '22') {
          subscriber = null;
          patient = null;
        }
        break;
      case 'PRV':
        if (providerTarget) providerTarget.taxonomyCode = el(s, 3);
        break;
      case 'SBR':
        // Inside a claim, SBR starts a 2320 other subscriber loop; before it, it is the 2000B subscriber.
        if (claim) {
          cob.otherSubscriber(claim, s);
          providerTarget = null;
          addressTarget = null;
          break;
        }
        subscriber = {
          ...emptyPerson(s),
          lastName: '',
          firstName: '',
          responsibility: el(s, 1) as Subscriber837['responsibility'],
          memberId: '',
          groupNumber: el(s, 3) || null,
          filingIndicator: el(s, 9),
        };
        break;
      case 'PAT':
        patient = { ...emptyPerson(s), lastName: '', firstName: '', relationship: el(s, 1) as '01' };
        break;
      case 'NM1': {
        const qualifier = el(s, 1);
        addressTarget = null;
        personTarget = null;
        if (cob.inOtherPayer) {
          cob.name(s);
        } else if (qualifier === '41') {
          result.submitterName = el(s, 3);
          result.submitterId = el(s, 9);
        } else if (qualifier === '40') {
          result.receiverName = el(s, 3);
          result.receiverId = el(s, 9);
        } else if (qualifier === '85' && group) {
          Object.assign(group.billingProvider, entity(s), { npi: el(s, 9) });
          addressTarget = group.billingProvider;
        } else if (qualifier === 'IL' && subscriber) {
          Object.assign(subscriber, emptyPerson(s), { memberId: el(s, 9) });
          personTarget = subscriber;
          addressTarget = subscriber;
        } else if (qualifier === 'PR') {
          result.payer = { name: el(s, 3), id: el(s, 9) };
        } else if (qualifier === 'QC' && patient) {
          Object.assign(patient, emptyPerson(s));
          personTarget = patient;
          addressTarget = patient;
        } else if (claim && (qualifier === '82' || qualifier === 'DN')) {
          const p = providerOf(s);
          if (qualifier === '82') claim.rendering = p;
          else claim.referring = p;
          providerTarget = p;
        } else if (claim && qualifier === '77') {
          claim.facility = {
            name: el(s, 3),
            npi: el(s, 9) || null,
            address: { line1: '', line2: null, city: '', state: '', postalCode: '' },
          };
          addressTarget = claim.facility;
        }
        break;
      }
      case 'N3':
        if (addressTarget) {
          addressTarget.address = { line1: el(s, 1), line2: el(s, 2) || null, city: '', state: '', postalCode: '' };
        }
        break;
      case 'N4':
        if (addressTarget?.address)
          Object.assign(addressTarget.address, { city: el(s, 1), state: el(s, 2), postalCode: el(s, 3) });
        break;
      case 'DMG':
        if (personTarget) {
          personTarget.birthDate = isoDate(el(s, 2));
          personTarget.sex = el(s, 3) as Sex837;
        }
        break;
      case 'REF': {
        const q = el(s, 1);
        if (cob.inOtherPayer) break;
        if (q === 'EI' && group && !claim) group.billingProvider.taxId = el(s, 2);
        else if (q === 'G1' && claim) claim.priorAuthorization = el(s, 2);
        else if (q === 'F8' && claim) claim.payerClaimNumber = el(s, 2);
        else if (q === '6R' && line) line.controlNumber = el(s, 2);
        break;
      }
      case 'CLM': {
        if (!group || !subscriber) fail(s, 'CLM before its billing provider and subscriber loops');
        const [pos = '', , frequency = ''] = el(s, 5).split(d.component);
        claim = {
          patientControlNumber: el(s, 1),
          totalChargeCents: amount(s, 2),
          placeOfService: pos,
          frequencyCode: frequency as Claim837['frequencyCode'],
          payerClaimNumber: null,
          priorAuthorization: null,
          diagnoses: [],
          lines: [],
          subscriber: subscriber!,
          patient,
          rendering: null,
          referring: null,
          facility: null,
          otherPayers: [],
        };
        group!.claims.push(claim);
        cob.end();
        providerTarget = null;
        addressTarget = null;
        break;
      }
      case 'HI':
        if (claim) {
          for (let i = 1; i < s.elements.length; i++) {
            const [, code = ''] = el(s, i).split(d.component);
            claim.diagnoses.push(code);
          }
        }
        break;
      case 'LX':
        if (!claim) fail(s, 'LX outside a claim');
        line = {
          lineNumber: Number(el(s, 1)),
          controlNumber: '',
          code: '',
          modifiers: [],
          unitsThousandths: 0,
          chargeCents: 0,
          diagnosisPointers: [],
          dateOfService: '',
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        };
        claim!.lines.push(line);
        // The 2320/2330 loops end at the first 2400; a 2430 ends with its line.
        cob.end();
        providerTarget = null;
        addressTarget = null;
        break;
      case 'SV1': {
        if (!line) fail(s, 'SV1 outside a service line');
        const [, code = '', m1, m2, m3, m4, description] = el(s, 1).split(d.component);
        line!.code = code;
        line!.modifiers = [m1, m2, m3, m4].filter((m): m is string => !!m);
        line!.description = description || null;
        line!.chargeCents = amount(s, 2);
        line!.unitsThousandths = quantity(s, 4);
        line!.diagnosisPointers = el(s, 7) ? el(s, 7).split(d.component).map(Number) : [];
        break;
      }
      case 'DTP':
        if (line && el(s, 1) === '472') line.dateOfService = isoDate(el(s, 3));
        else if (claim) cob.segment(s, claim, line);
        break;
      case 'LIN':
        if (line) line.ndc = el(s, 3);
        break;
      case 'CTP':
        // 2410 CTP04 national drug unit count, CTP05-1 its unit.
        if (line) {
          line.ndcQuantityThousandths = el(s, 4) ? quantity(s, 4) : null;
          line.ndcUnit = (el(s, 5).split(d.component)[0] || null) as NdcUnit | null;
        }
        break;
      case 'CAS':
      case 'AMT':
      case 'OI':
      case 'SVD':
        // The coordination-of-benefits loops (2320 and 2430).
        if (claim) cob.segment(s, claim, line);
        break;
      default:
        break;
    }
  }
  return result;
}
