import { NDC_UNITS } from '../claims/service-line.js';
import { sumCents } from '../money.js';
import { X222A1 } from './claim-837p.js';
import { asWritten } from './claim-837p.cob.js';
import type { Address837, Claim837, Interchange837 } from './claim-837p.types.js';
import { parseX12, transactionsOf } from './document.js';
import { X12Error } from './errors.js';
import { Claim837ReadError, type Read837, read837p } from './read-837p.js';
import { checkOtherPayers } from './snip-837p.cob.js';

/**
 * Our own checks on every 837P file before it is stored, in the WEDI SNIP levels the industry uses:
 * 1 integrity (X12 syntax and envelopes), 2 requirements (the guide's required and situational segments and
 * element formats, for the loops we write), 3 balancing (CLM02 = Σ SV102, and the other payers' amounts:
 * snip-837p.cob.ts). A file failing any of them is a bug in our writer or our data, never something to send.
 */

export interface SnipIssue {
  level: 1 | 2 | 3;
  rule: string;
  /** CLM01 of the claim concerned, when there is one. */
  patientControlNumber: string | null;
  message: string;
}

const NPI = /^\d{10}$/;
const D8_ISO = /^\d{4}-\d{2}-\d{2}$/;
const NDC_UNIT_CODES: readonly string[] = NDC_UNITS;

function checkAddress(issues: SnipIssue[], pcn: string | null, who: string, a: Address837 | null, zip4: boolean) {
  if (!a) return;
  const add = (rule: string, message: string) => issues.push({ level: 2, rule, patientControlNumber: pcn, message });
  if (!a.line1) add('n3_required', `${who} N301 address line is empty`);
  if (!a.city) add('n4_city', `${who} N401 city is empty`);
  if (!/^[A-Z]{2}$/.test(a.state)) add('n4_state', `${who} N402 state '${a.state}' is not a 2-letter code`);
  const zipOk = zip4 ? /^\d{9}$/.test(a.postalCode) : /^\d{5}(\d{4})?$/.test(a.postalCode);
  if (!zipOk)
    add('n4_postal_code', `${who} N403 ZIP '${a.postalCode}' must be ${zip4 ? '9 digits (ZIP+4)' : '5 or 9 digits'}`);
}

function checkClaim(issues: SnipIssue[], c: Claim837) {
  const pcn = c.patientControlNumber;
  const add = (level: 2 | 3, rule: string, message: string) =>
    issues.push({ level, rule, patientControlNumber: pcn, message });
  if (!pcn || pcn.length > 20) add(2, 'clm01_length', `CLM01 '${pcn}' must be 1–20 characters`);
  if (!/^\d{2}$/.test(c.placeOfService))
    add(2, 'clm05_place_of_service', `CLM05-1 '${c.placeOfService}' is not a place of service code`);
  if (!['1', '7', '8'].includes(c.frequencyCode))
    add(2, 'clm05_frequency', `CLM05-3 '${c.frequencyCode}' is not 1, 7 or 8`);
  // 2300 REF*F8 is required when CLM05-3 is 7 or 8, and not used otherwise.
  if (c.frequencyCode !== '1' && !c.payerClaimNumber)
    add(2, 'ref_f8_required', 'REF*F8 payer claim control number is required for frequency 7 and 8');
  if (c.frequencyCode === '1' && c.payerClaimNumber)
    add(2, 'ref_f8_not_used', 'REF*F8 is only sent with frequency 7 or 8');
  if (c.diagnoses.length < 1 || c.diagnoses.length > 12)
    add(2, 'hi_count', `HI carries ${c.diagnoses.length} diagnoses (1–12)`);
  for (const code of c.diagnoses) {
    if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code))
      add(2, 'hi_code', `HI diagnosis '${code}' is not an ICD-10-CM code without the dot`);
  }
  if (c.lines.length < 1 || c.lines.length > 50)
    add(2, 'lx_count', `The claim has ${c.lines.length} service lines (1–50)`);
  c.lines.forEach((line, i) => {
    if (line.lineNumber !== i + 1) add(2, 'lx_sequence', `LX01 ${line.lineNumber} should be ${i + 1}`);
    if (line.chargeCents < 0) add(2, 'sv102_negative', `SV102 of line ${i + 1} is negative`);
    if (line.unitsThousandths <= 0) add(2, 'sv104_units', `SV104 of line ${i + 1} must be more than 0`);
    if (line.modifiers.length > 4) add(2, 'sv101_modifiers', `Line ${i + 1} has more than 4 modifiers`);
    const pointers = line.diagnosisPointers;
    if (pointers.length < 1 || pointers.length > 4 || pointers.some((p) => !(p >= 1 && p <= c.diagnoses.length))) {
      add(
        2,
        'sv107_pointers',
        `SV107 of line ${i + 1} must hold 1–4 pointers to the claim's ${c.diagnoses.length} diagnoses`,
      );
    }
    if (!D8_ISO.test(line.dateOfService)) add(2, 'dtp472_required', `Line ${i + 1} has no DTP*472 service date`);
    if (!line.controlNumber) add(2, 'ref6r_required', `Line ${i + 1} has no REF*6R line item control number`);
    if (line.ndc !== null && !/^\d{11}$/.test(line.ndc))
      add(2, 'lin03_ndc', `LIN03 '${line.ndc}' is not an 11-digit NDC`);
    // 2410 CTP is required whenever LIN is sent: CTP04 the quantity, CTP05-1 its unit.
    const quantity = line.ndcQuantityThousandths;
    if (line.ndc !== null) {
      if (quantity === null || line.ndcUnit === null)
        add(2, 'ctp_required', `Line ${i + 1} sends 2410 LIN without CTP04 quantity and CTP05 unit`);
      if (quantity !== null && quantity <= 0) add(2, 'ctp04_quantity', `CTP04 of line ${i + 1} must be more than 0`);
      if (line.ndcUnit !== null && !NDC_UNIT_CODES.includes(line.ndcUnit))
        add(2, 'ctp05_unit', `CTP05-1 '${line.ndcUnit}' of line ${i + 1} is not F2, GR, ME, ML or UN`);
    } else if (quantity !== null || line.ndcUnit !== null) {
      add(2, 'ctp_without_lin', `Line ${i + 1} sends CTP without its 2410 LIN`);
    }
  });
  // SNIP 3: the claim total is the sum of its line charges (837P CLM02 note).
  const lineTotal = sumCents(c.lines.map((l) => l.chargeCents));
  if (lineTotal !== c.totalChargeCents)
    add(3, 'clm02_balance', `CLM02 is ${c.totalChargeCents} cents but the lines add up to ${lineTotal}`);
  const s = c.subscriber;
  if (!s.memberId) add(2, 'nm109_member_id', '2010BA NM109 member id is empty');
  if (!s.filingIndicator) add(2, 'sbr09_required', 'SBR09 claim filing indicator is empty');
  // 2010BA DMG is required when the subscriber is the patient; 2010CA DMG always.
  const person = c.patient ?? s;
  if (!person.birthDate || !D8_ISO.test(person.birthDate)) add(2, 'dmg_required', 'The patient has no DMG birth date');
  if (!person.sex || !['F', 'M', 'U'].includes(person.sex))
    add(2, 'dmg03_sex', `DMG03 '${person.sex}' is not F, M or U`);
  for (const [who, p] of [
    ['2310A referring', c.referring],
    ['2310B rendering', c.rendering],
  ] as const) {
    if (p && !NPI.test(p.npi)) add(2, 'nm109_npi', `${who} NPI '${p.npi}' is not 10 digits`);
  }
  if (c.facility) checkAddress(issues, pcn, '2310C service facility', c.facility.address, true);
  checkOtherPayers(c, add);
}

/** SNIP 2 and 3 over what the file says, read back. */
export function snipRead(read: Read837): SnipIssue[] {
  const issues: SnipIssue[] = [];
  const add = (rule: string, message: string) => issues.push({ level: 2, rule, patientControlNumber: null, message });
  if (!read.reference) add('bht03_required', 'BHT03 reference is empty');
  if (!read.submitterName || !read.submitterId) add('loop_1000a', '1000A submitter name and id are required');
  if (!read.receiverName || !read.receiverId) add('loop_1000b', '1000B receiver name and id are required');
  if (!read.payer?.id) add('loop_2010bb', '2010BB payer id is required');
  if (read.groups.length === 0) add('loop_2000a', 'The transaction set has no billing provider');
  for (const g of read.groups) {
    const b = g.billingProvider;
    if (!NPI.test(b.npi)) add('nm109_npi', `2010AA billing provider NPI '${b.npi}' is not 10 digits`);
    if (!/^\d{9}$/.test(b.taxId)) add('ref_ei', `2010AA REF*EI tax id '${b.taxId}' is not 9 digits`);
    // 2010AA N403: the billing provider's ZIP code must be 9 digits.
    checkAddress(issues, null, '2010AA billing provider', b.address, true);
    if (g.claims.length === 0) add('loop_2300', 'A billing provider loop has no claim');
    for (const c of g.claims) checkClaim(issues, c);
  }
  for (const u of read.unmatchedLineAdjudications) {
    issues.push({
      level: 2,
      rule: 'svd01_payer',
      patientControlNumber: u.patientControlNumber,
      message: `2430 SVD01 '${u.payerId}' of line ${u.lineNumber} is none of the claim's 2330B other payer ids`,
    });
  }
  return issues;
}

/** SNIP 1–3 over a whole file: the envelopes strictly, then every 837 set. */
export function snip837p(text: string): SnipIssue[] {
  return readAndCheck(text).issues;
}

/**
 * What a file we wrote must pass before it is stored, with one parse and one read: SNIP 1–3, and the claims read
 * back the same as the claims meant (their CLM01s in `differing` otherwise).
 */
export function checkWritten837p(text: string, spec: Interchange837): { snip: SnipIssue[]; differing: string[] } {
  const { issues, reads } = readAndCheck(text);
  return { snip: issues, differing: issues.length ? [] : roundTripDifferences(spec, reads) };
}

function readAndCheck(text: string): { issues: SnipIssue[]; reads: Read837[] } {
  let sets: ReturnType<typeof transactionsOf>;
  try {
    sets = transactionsOf(parseX12(text));
  } catch (err) {
    if (!(err instanceof X12Error)) throw err;
    const issues: SnipIssue[] = err.issues.map((i) => ({
      level: 1,
      rule: i.kind,
      patientControlNumber: null,
      message: i.message,
    }));
    return { issues, reads: [] };
  }
  const issues: SnipIssue[] = [];
  const reads: Read837[] = [];
  for (const set of sets) {
    if (set.type !== '837' || set.implementation !== X222A1) {
      issues.push({
        level: 1,
        rule: 'st_type',
        patientControlNumber: null,
        message: `ST ${set.type} ${set.implementation} is not an 837P`,
      });
      continue;
    }
    try {
      const read = read837p(set);
      reads.push(read);
      issues.push(...snipRead(read));
    } catch (err) {
      if (!(err instanceof Claim837ReadError)) throw err;
      issues.push({ level: 2, rule: 'unreadable', patientControlNumber: null, message: err.message });
    }
  }
  return { issues, reads };
}

/**
 * Claims in the file that differ from what we meant to write (the round-trip check): their CLM01s. The meant claim
 * is compared as written (`asWritten`: CAS adjustments grouped by group code, 2430s in line order).
 */
export function roundTripDifferences(spec: Interchange837, reads: Read837[]): string[] {
  const written = new Map(spec.groups.flatMap((g) => g.claims.map((c) => [c.patientControlNumber, { g, c }] as const)));
  const seen = new Set<string>();
  const differing: string[] = [];
  for (const read of reads) {
    for (const g of read.groups) {
      for (const c of g.claims) {
        seen.add(c.patientControlNumber);
        const meant = written.get(c.patientControlNumber);
        if (!meant || !sameJson(asWritten(meant.c), c) || !sameJson(meant.g.billingProvider, g.billingProvider)) {
          differing.push(c.patientControlNumber);
        }
      }
    }
  }
  for (const pcn of written.keys()) if (!seen.has(pcn)) differing.push(pcn);
  return differing;
}

/** Key-order-insensitive structural equality of plain JSON values. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
