import type { Delimiters } from './delimiters.js';
import { components } from './document.js';
import {
  type AckContext,
  elementName,
  fail,
  isoDate,
  optional,
  optionalAmount,
  optionalDate,
  optionalQuantity,
  required,
  shown,
  warn,
} from './ack.elements.js';
import { actionOutcome, combineOutcomes, describeStatus, isKnownCategory, stcOutcome } from './ack-277ca.status.js';
import type {
  Ack277Claim,
  Ack277Entity,
  Ack277Line,
  Ack277Party,
  Ack277PartyLevel,
  Ack277Reference,
  Ack277ServiceDates,
  Ack277Status,
  Ack277StatusCode,
} from './ack-277ca.types.js';
import type { Segment } from './reader.js';

/** One 277CA segment → its typed piece, element by element as the 005010X214 TR3 numbers them. */

/** STC01 / STC10 / STC11 (C043): category and status are required in each composite that is present. */
function statusCode(ctx: AckContext, s: Segment, n: number, d: Delimiters): Ack277StatusCode {
  const [category = '', status = '', entity = ''] = components(required(ctx, s, n), d);
  for (const [i, value] of [category, status].entries()) {
    const name = elementName(s, n, i + 1);
    if (value === '') fail(ctx, 'missing_element', s, `${name} is required`, name);
  }
  return {
    category,
    status,
    entity: entity === '' ? null : entity,
    outcome: stcOutcome(category),
    // Written with ':' whatever ISA16 was, so the same status reads the same from every sender.
    text: [category, status, ...(entity === '' ? [] : [entity])].join(':'),
    description: describeStatus(category, status),
  };
}

/** STC: 01 status, 02 effective date, 03 action code, 04 total charge, 10/11 more statuses, 12 message text. */
export function readStc(ctx: AckContext, s: Segment, d: Delimiters): Ack277Status {
  const codes = [statusCode(ctx, s, 1, d)];
  for (const n of [10, 11]) if (optional(s, n) !== null) codes.push(statusCode(ctx, s, n, d));
  const actionCode = optional(s, 3);
  return {
    codes,
    outcome: codes.some((c) => isKnownCategory(c.category))
      ? combineOutcomes(codes.map((c) => c.outcome))
      : actionOutcome(actionCode),
    effectiveDate: optionalDate(ctx, s, 2),
    actionCode,
    chargeCents: optionalAmount(ctx, s, 4),
    message: optional(s, 12),
    position: s.position,
  };
}

/** NM1: 01 entity code, 03 last or organization name, 04 first, 05 middle, 08 id qualifier, 09 id. */
export function readEntity(ctx: AckContext, s: Segment): Ack277Entity {
  return {
    entityCode: required(ctx, s, 1),
    name: optional(s, 3),
    firstName: optional(s, 4),
    middleName: optional(s, 5),
    idQualifier: optional(s, 8),
    id: optional(s, 9),
  };
}

export function readReference(ctx: AckContext, s: Segment): Ack277Reference {
  return { qualifier: required(ctx, s, 1), value: required(ctx, s, 2) };
}

/** DTP*472: D8 CCYYMMDD, or RD8 CCYYMMDD-CCYYMMDD. Bad dates keep their text and warn. */
export function readServiceDates(ctx: AckContext, s: Segment): Ack277ServiceDates {
  const format = required(ctx, s, 2);
  const text = required(ctx, s, 3);
  if (format === 'RD8') {
    const [from = '', to = '', ...rest] = text.split('-');
    if (rest.length === 0 && from !== '' && to !== '') {
      return { text, from: isoDate(ctx, s, from, 'DTP03'), to: isoDate(ctx, s, to, 'DTP03') };
    }
    warn(ctx, 'invalid_date', s, `DTP03 ${shown(text)} is not a CCYYMMDD-CCYYMMDD range`, 'DTP03');
    return { text, from: null, to: null };
  }
  if (format !== 'D8') warn(ctx, 'invalid_date', s, `DTP02 ${shown(format)} is neither D8 nor RD8`, 'DTP02');
  const date = format === 'D8' ? isoDate(ctx, s, text, 'DTP03') : null;
  return { text, from: date, to: date };
}

/** SVC (loop 2220D): 01 procedure, 02 charge, 03 payment, 04 revenue code, 07 original units of service. */
export function readSvc(ctx: AckContext, s: Segment, d: Delimiters): Ack277Line {
  const procedure = optional(s, 1);
  const [qualifier = '', code = '', ...modifiers] = procedure === null ? [] : components(procedure, d);
  if (procedure !== null && (qualifier === '' || code === '')) {
    const name = elementName(s, 1, qualifier === '' ? 1 : 2);
    fail(ctx, 'missing_element', s, `${name} is required`, name);
  }
  const revenueCode = optional(s, 4);
  if (procedure === null && revenueCode === null) {
    fail(ctx, 'missing_element', s, 'SVC01 or SVC04 is required', 'SVC01');
  }
  return {
    procedureQualifier: qualifier || null,
    procedureCode: code || null,
    modifiers: modifiers.slice(0, 4).filter((m) => m !== ''),
    chargeCents: optionalAmount(ctx, s, 2),
    paidCents: optionalAmount(ctx, s, 3),
    revenueCode,
    unitsThousandths: optionalQuantity(ctx, s, 7),
    statuses: [],
    outcome: 'other',
    lineItemControlNumber: null,
    references: [],
    serviceDates: null,
    position: s.position,
  };
}

export function emptyParty(
  level: Ack277PartyLevel,
  hlId: string,
  parentHlId: string | null,
  position: number,
): Ack277Party {
  return {
    level,
    hlId,
    parentHlId,
    entity: null,
    traceNumber: null,
    statuses: [],
    outcome: 'other',
    acceptedCount: null,
    rejectedCount: null,
    acceptedCents: null,
    rejectedCents: null,
    receivedDate: null,
    processDate: null,
    references: [],
    position,
  };
}

/** A 2200D claim opened by its TRN*2, under a patient level (HL01, NM1*QC) and its provider level. */
export function emptyClaim(
  patientControlNumber: string,
  patient: { hlId: string; patient: Ack277Entity | null },
  billingProvider: Ack277Entity | null,
  providerHlId: string,
  position: number,
): Ack277Claim {
  return {
    patientControlNumber,
    payerClaimControlNumber: null,
    clearinghouseTraceNumber: null,
    billType: null,
    references: [],
    serviceDates: null,
    statuses: [],
    outcome: 'other',
    patient: patient.patient,
    billingProvider,
    hlId: patient.hlId,
    providerHlId,
    lines: [],
    position,
  };
}
