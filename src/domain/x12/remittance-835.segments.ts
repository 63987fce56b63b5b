import {
  ADJUSTMENT_GROUPS,
  type AdjudicatedLine,
  type AdjudicationResult,
  type Adjustment,
  CLAIM_PAYMENT_STATUSES,
  type ProviderAdjustment,
  type RemittanceHeader,
} from '../remittance/adjudication.js';
import type { Segment } from './reader.js';
import {
  amountText,
  compositeSeparator,
  elementName,
  fail,
  isOneOf,
  optionalAmount,
  optionalDate,
  optionalQuantity,
  requiredAmount,
  requiredText,
} from './remittance-835.elements.js';

/**
 * One 835 segment → its typed piece, element by element as the 005010X221A1 TR3 numbers them. The loop structure
 * (which claim or line a segment belongs to) is the reader's job; these only read elements. `set` is the ST02 for
 * error messages; `mismatch` is told about a composite split on a separator other than ISA16.
 */

export type SeparatorMismatch = (s: Segment, used: string) => void;

export type PaymentFields = Pick<
  RemittanceHeader,
  'handlingCode' | 'paymentCents' | 'creditDebit' | 'paymentMethod' | 'paymentDate'
>;

/** BPR: 01 handling, 02 payment amount, 03 credit/debit, 04 payment method, 16 payment effective date. */
export function readBpr(s: Segment, set: string): PaymentFields {
  return {
    handlingCode: requiredText(s, 1, set),
    paymentCents: requiredAmount(s, 2, set),
    creditDebit: requiredText(s, 3, set),
    paymentMethod: requiredText(s, 4, set),
    paymentDate: optionalDate(s, 16, set),
  };
}

/** CLP (loop 2100): 01 patient control number, 02 status, 03 charge, 04 paid, 05 patient share, 06, 07. */
export function readClp(s: Segment, set: string): AdjudicationResult {
  const patientControlNumber = requiredText(s, 1, set);
  const status = requiredText(s, 2, set);
  if (!isOneOf(CLAIM_PAYMENT_STATUSES, status)) {
    fail('invalid_code', s, set, `CLP02 '${status.slice(0, 10)}' is not a claim status code`, 'CLP02');
  }
  return {
    patientControlNumber,
    statusCode: status,
    chargeCents: requiredAmount(s, 3, set),
    paidCents: requiredAmount(s, 4, set),
    patientResponsibilityCents: optionalAmount(s, 5, set) ?? 0,
    filingIndicator: s.elements[6] || null,
    payerClaimControlNumber: s.elements[7] || null,
    adjustments: [],
    remarkCodes: [],
    serviceDate: null,
    serviceDateTo: null,
    patientName: null,
    lines: [],
  };
}

/** CAS: 01 group, then up to six reason/amount/quantity triplets (02–04, 05–07, … 17–19). */
export function readCas(s: Segment, set: string, into: Adjustment[]): void {
  const group = s.elements[1] ?? '';
  if (!isOneOf(ADJUSTMENT_GROUPS, group)) {
    if (group === '') fail('missing_element', s, set, 'CAS01 is required', 'CAS01');
    fail('invalid_code', s, set, `CAS01 '${group.slice(0, 10)}' is not an adjustment group`, 'CAS01');
  }
  const e = s.elements;
  requiredText(s, 2, set); // the first triplet is required
  // Six triplets at most (CAS02–CAS19): a seventh would be dropped by any reader, unbalancing the claim silently.
  if (e.length > 20 && e.slice(20).some((v) => v !== '')) {
    fail(
      'unexpected_segment',
      s,
      set,
      `CAS has ${e.length - 1} elements: at most six reason/amount/quantity triplets (CAS19)`,
      'CAS20',
    );
  }
  for (let base = 2; base <= 17 && base < e.length; base += 3) {
    const reasonCode = e[base] ?? '';
    if (reasonCode === '') {
      // A later triplet may be absent, but not half-present: an amount without its reason cannot be posted.
      if ((e[base + 1] ?? '') !== '' || (e[base + 2] ?? '') !== '') requiredText(s, base, set);
      continue;
    }
    if (!REASON_CODE.test(reasonCode)) {
      fail(
        'invalid_code',
        s,
        set,
        `CAS${String(base).padStart(2, '0')} '${reasonCode.slice(0, 10)}' is not a claim adjustment reason code (1–5 letters or digits)`,
        `CAS${String(base).padStart(2, '0')}`,
      );
    }
    into.push({
      group,
      reasonCode,
      amountCents: requiredAmount(s, base + 1, set),
      quantityThousandths: optionalQuantity(s, base + 2, set),
    });
  }
}

/** Where the component that starts at `from` ends: the next separator, or the end of the text. */
function componentEnd(value: string, separator: string, from: number): number {
  const at = value.indexOf(separator, from);
  return at < 0 ? value.length : at;
}

/**
 * SVC01 / SVC06 composite: qualifier, code and, into `modifiers` when given, the non-empty SVC01-3…6. Found by
 * searching for the separators rather than splitting, so no array of every component is made per service line.
 */
function procedureParts(
  s: Segment,
  n: number,
  set: string,
  component: string,
  mismatch: SeparatorMismatch,
  modifiers: string[] | null,
): { qualifier: string; code: string } {
  const value = requiredText(s, n, set);
  const separator = compositeSeparator(value, component);
  if (separator !== component) mismatch(s, separator);
  const qualifierEnd = componentEnd(value, separator, 0);
  const qualifier = value.slice(0, qualifierEnd);
  let code = '';
  let at = value.length;
  if (qualifierEnd < value.length) {
    at = componentEnd(value, separator, qualifierEnd + 1);
    code = value.slice(qualifierEnd + 1, at);
  }
  if (qualifier === '' || code === '') {
    const name = elementName(s, n, qualifier === '' ? 1 : 2);
    fail('missing_element', s, set, `${name} is required`, name);
  }
  for (let i = 2; modifiers && i < 6 && at < value.length; i++) {
    const end = componentEnd(value, separator, at + 1);
    if (end > at + 1) modifiers.push(value.slice(at + 1, end));
    at = end;
  }
  return { qualifier, code };
}

/** SVC (loop 2110): 01 adjudicated procedure, 02 charge, 03 paid, 05 paid units, 06 billed procedure, 07 units. */
export function readSvc(s: Segment, set: string, component: string, mismatch: SeparatorMismatch): AdjudicatedLine {
  const modifiers: string[] = [];
  const adjudicated = procedureParts(s, 1, set, component, mismatch, modifiers);
  const billed = (s.elements[6] ?? '') === '' ? null : procedureParts(s, 6, set, component, mismatch, null).code;
  // SVC07 (the billed units, sent when the payer paid a different count) has no field on AdjudicatedLine, which
  // keeps SVC05, the paid units (absent means one, per the TR3). SVC07 is still read so bad text is refused.
  optionalQuantity(s, 7, set);
  return {
    controlNumber: null,
    procedureQualifier: adjudicated.qualifier,
    procedureCode: adjudicated.code,
    modifiers,
    billedProcedureCode: billed,
    chargeCents: requiredAmount(s, 2, set),
    paidCents: requiredAmount(s, 3, set),
    unitsThousandths: optionalQuantity(s, 5, set),
    allowedCents: null,
    serviceDate: null,
    serviceDateTo: null,
    adjustments: [],
    remarkCodes: [],
  };
}

/** PLB: 01 provider, 02 fiscal period end, then up to six adjustment pairs (03/04 … 13/14), 03 = reason:reference. */
export function readPlb(
  s: Segment,
  set: string,
  component: string,
  mismatch: SeparatorMismatch,
  into: ProviderAdjustment[],
): void {
  const providerId = requiredText(s, 1, set);
  const fiscalPeriodDate = optionalDate(s, 2, set);
  const e = s.elements;
  requiredText(s, 3, set); // the first adjustment is required
  for (let n = 3; n <= 13 && n < e.length; n += 2) {
    const identifier = e[n] ?? '';
    const amount = e[n + 1] ?? '';
    if (identifier === '' && amount === '') continue;
    const separator = compositeSeparator(requiredText(s, n, set), component);
    if (separator !== component) mismatch(s, separator);
    const parts = identifier.split(separator);
    const reasonCode = parts[0] ?? '';
    if (reasonCode === '') {
      const name = elementName(s, n, 1);
      fail('missing_element', s, set, `${name} is required`, name);
    }
    into.push({
      providerId,
      fiscalPeriodDate,
      reasonCode,
      reference: parts[1] || null,
      amountCents: amountText(requiredText(s, n + 1, set), s, n + 1, set),
    });
  }
}

/** Non-empty elements at `positions` (RARC positions of MIA / MOA), appended in order. */
export function pushCodes(s: Segment, positions: readonly number[], into: string[], set = ''): void {
  const e = s.elements;
  for (const n of positions) {
    if (n >= e.length) return;
    const code = e[n];
    if (code) into.push(remarkCode(s, n, code, set));
  }
}

/** CARC (CAS02, …): 1–5 letters or digits. */
const REASON_CODE = /^[A-Z0-9]{1,5}$/;
/** RARC (MIA, MOA, LQ02): 1–7 letters or digits (M15, N130, MA01…). */
const REMARK_CODE = /^[A-Z0-9]{1,7}$/;

/** A remark code as read, or the content error naming it. */
export function remarkCode(s: Segment, n: number, code: string, set: string): string {
  if (REMARK_CODE.test(code)) return code;
  const element = `${s.elements[0]}${String(n).padStart(2, '0')}`;
  return fail(
    'invalid_code',
    s,
    set,
    `${element} '${code.slice(0, 10)}' is not a remittance advice remark code`,
    element,
  );
}

/** MOA03–07 claim payment remark codes (outpatient). */
export const MOA_REMARK_POSITIONS = [3, 4, 5, 6, 7] as const;
/** MIA05 and MIA20–23 claim payment remark codes (inpatient). */
export const MIA_REMARK_POSITIONS = [5, 20, 21, 22, 23] as const;

/** NM1 person or organization name as "LAST, FIRST MIDDLE SUFFIX"; null when NM103 is empty. */
export function personName(s: Segment): string | null {
  const e = s.elements;
  const last = (e[3] ?? '').trim();
  if (last === '') return null;
  let name = last;
  const first = (e[4] ?? '').trim();
  if (first !== '') name += `, ${first}`;
  for (const n of [5, 7]) {
    const part = (e[n] ?? '').trim();
    if (part !== '') name += ` ${part}`;
  }
  return name;
}
