import { centsToX12, unitsToX12 } from '../money.js';
import { lineAdjudications, otherPayerLoops } from './claim-837p.cob.js';
import { dateD8, nameElements } from './claim-837p.elements.js';
import type {
  Address837,
  BillingProvider837,
  Claim837,
  Interchange837,
  Person837,
  Provider837,
} from './claim-837p.types.js';
import type { Delimiters } from './delimiters.js';
import { DEFAULT_DELIMITERS } from './delimiters.js';
import { type SegmentWriter, type TransactionSpec, writeInterchange } from './writer.js';

/**
 * The 837P writer (ASC X12 005010X222A1, Health Care Claim: Professional). Loop and segment order follow the
 * implementation guide's table 2: 1000A/1000B, then per billing provider 2000A (HL 20), per claim a 2000B (HL 22)
 * subscriber, a 2000C (HL 23) patient when the patient is not the subscriber, the 2300 claim and its 2400 lines.
 * A claim to a secondary or tertiary payer also carries its other payers (claim-837p.cob.ts): their 2320/2330 loops
 * after the 2310 loops, and their 2430 line adjudications in each 2400 loop after its 2410.
 */

export const X222A1 = '005010X222A1';

/** The guide recommends at most 5,000 CLM per transaction set (X222A1 1.4.1 "Batch size"). */
export const CLAIMS_PER_TRANSACTION = 5000;

/** SV107 diagnosis pointers 1–12 as text, without a String() per pointer and line. */
const POINTER_TEXT = Array.from({ length: 13 }, (_, n) => String(n));
const pointerText = (n: number) => POINTER_TEXT[n] ?? String(n);

function address(w: SegmentWriter, a: Address837) {
  w.segment('N3', a.line1, a.line2);
  w.segment('N4', a.city, a.state, a.postalCode);
}

function provider(w: SegmentWriter, qualifier: string, p: Provider837) {
  const [type, last, first, middle] = nameElements(p);
  w.segment('NM1', qualifier, type, last, first, middle, null, null, 'XX', p.npi);
}

function person(w: SegmentWriter, qualifier: string, p: Person837, id: string | null) {
  w.segment('NM1', qualifier, '1', p.lastName, p.firstName, p.middleName, null, null, id ? 'MI' : null, id);
  if (p.address) address(w, p.address);
}

function billingProvider(w: SegmentWriter, b: BillingProvider837) {
  // 2000A PRV*BI: the billing provider's taxonomy, when the payer adjudicates by it.
  if (b.taxonomyCode) w.segment('PRV', 'BI', 'PXC', b.taxonomyCode);
  const [type, last, first, middle] = nameElements(b);
  w.segment('NM1', '85', type, last, first, middle, null, null, 'XX', b.npi);
  address(w, b.address);
  w.segment('REF', 'EI', b.taxId);
}

function claim(w: SegmentWriter, c: Claim837) {
  // CLM05: place of service : B (professional facility code qualifier) : frequency. CLM06 provider signature on
  // file, CLM07 assignment accepted (A), CLM08 benefits assigned (Y), CLM09 release of information (Y).
  w.segment(
    'CLM',
    c.patientControlNumber,
    centsToX12(c.totalChargeCents),
    null,
    null,
    [c.placeOfService, 'B', c.frequencyCode],
    'Y',
    'A',
    'Y',
    'Y',
  );
  if (c.priorAuthorization) w.segment('REF', 'G1', c.priorAuthorization);
  // 837P 2300 REF*F8: required when CLM05-3 is 7 (replacement) or 8 (void).
  if (c.payerClaimNumber) w.segment('REF', 'F8', c.payerClaimNumber);
  // HI: principal diagnosis ABK, then up to eleven more as ABF.
  w.segment('HI', ...c.diagnoses.map((code, i) => [i === 0 ? 'ABK' : 'ABF', code]));
  if (c.referring) provider(w, 'DN', c.referring);
  if (c.rendering) {
    provider(w, '82', c.rendering);
    if (c.rendering.taxonomyCode) w.segment('PRV', 'PE', 'PXC', c.rendering.taxonomyCode);
  }
  if (c.facility) {
    w.segment('NM1', '77', '2', c.facility.name, null, null, null, null, c.facility.npi ? 'XX' : null, c.facility.npi);
    address(w, c.facility.address);
  }
  const cob = c.otherPayers.length > 0;
  if (cob) otherPayerLoops(w, c);
  for (const line of c.lines) {
    w.segment('LX', String(line.lineNumber));
    const m = line.modifiers;
    const procedure = ['HC', line.code, m[0], m[1], m[2], m[3], line.description];
    w.segment(
      'SV1',
      procedure,
      centsToX12(line.chargeCents),
      'UN',
      unitsToX12(line.unitsThousandths),
      null,
      null,
      line.diagnosisPointers.map(pointerText),
    );
    w.segment('DTP', '472', 'D8', dateD8(line.dateOfService));
    w.segment('REF', '6R', line.controlNumber);
    if (line.ndc) {
      // 2410 drug identification: LIN03 (qualifier N4) the NDC in 5-4-2 format, 11 digits. CTP is required with it:
      // CTP04 national drug unit count, CTP05-1 its unit (F2, GR, ME, ML, UN). What is missing is left out, for
      // the SNIP check to name (the scrub keeps such a claim from being ready).
      w.segment('LIN', null, 'N4', line.ndc);
      const quantity = line.ndcQuantityThousandths;
      if (quantity !== null || line.ndcUnit !== null) {
        w.segment('CTP', null, null, null, quantity === null ? null : unitsToX12(quantity), [line.ndcUnit]);
      }
    }
    if (cob) lineAdjudications(w, c, line);
  }
}

function transactionBody(spec: Interchange837, claims: { claim: Claim837; billing: BillingProvider837 }[]) {
  return (w: SegmentWriter) => {
    // BHT: 0019 = information source/receiver/provider/subscriber/dependent structure, 00 original, CH chargeable.
    w.segment('BHT', '0019', '00', spec.reference, spec.date, spec.time, 'CH');
    const s = spec.submitter;
    w.segment('NM1', '41', '2', s.name, null, null, null, null, '46', s.id);
    const contact: (string | null)[] = [];
    if (s.contactPhone) contact.push('TE', s.contactPhone);
    if (s.contactEmail) contact.push('EM', s.contactEmail);
    w.segment('PER', 'IC', s.contactName, ...contact);
    w.segment('NM1', '40', '2', spec.receiverName, null, null, null, null, '46', spec.receiverId);
    let hl = 0;
    let billingHl = 0;
    let currentBilling: BillingProvider837 | null = null;
    for (const { claim: c, billing } of claims) {
      if (billing !== currentBilling) {
        currentBilling = billing;
        billingHl = ++hl;
        w.segment('HL', String(billingHl), null, '20', '1');
        billingProvider(w, billing);
      }
      const subscriberHl = ++hl;
      w.segment('HL', String(subscriberHl), String(billingHl), '22', c.patient ? '1' : '0');
      const sub = c.subscriber;
      // SBR02 = 18 (self) only when the subscriber is the patient; otherwise the relationship is in PAT01.
      w.segment(
        'SBR',
        sub.responsibility,
        c.patient ? null : '18',
        sub.groupNumber,
        null,
        null,
        null,
        null,
        null,
        sub.filingIndicator,
      );
      person(w, 'IL', sub, sub.memberId);
      // DMG in 2010BA is required when the subscriber is the patient.
      if (!c.patient && sub.birthDate) w.segment('DMG', 'D8', dateD8(sub.birthDate), sub.sex);
      w.segment('NM1', 'PR', '2', spec.payer.name, null, null, null, null, 'PI', spec.payer.id);
      if (c.patient) {
        w.segment('HL', String(++hl), String(subscriberHl), '23', '0');
        w.segment('PAT', c.patient.relationship);
        person(w, 'QC', c.patient, null);
        if (c.patient.birthDate) w.segment('DMG', 'D8', dateD8(c.patient.birthDate), c.patient.sex);
      }
      claim(w, c);
    }
  };
}

/** Writes the interchange: one GS, one ST per 5,000 claims. */
export function write837p(spec: Interchange837, delimiters: Delimiters = DEFAULT_DELIMITERS): string {
  const all = spec.groups.flatMap((g) => g.claims.map((c) => ({ claim: c, billing: g.billingProvider })));
  const transactions: TransactionSpec[] = [];
  for (let i = 0; i < Math.max(all.length, 1); i += CLAIMS_PER_TRANSACTION) {
    transactions.push({
      type: '837',
      controlNumber: spec.firstTransactionControlNumber + transactions.length,
      implementation: X222A1,
      body: transactionBody(spec, all.slice(i, i + CLAIMS_PER_TRANSACTION)),
    });
  }
  return writeInterchange(
    {
      senderQualifier: spec.sender.qualifier,
      senderId: spec.sender.id,
      receiverQualifier: spec.receiver.qualifier,
      receiverId: spec.receiver.id,
      date: spec.date.slice(2),
      time: spec.time,
      controlNumber: spec.interchangeControlNumber,
      usage: spec.usage,
      acknowledgmentRequested: false,
      groups: [
        {
          functionalId: 'HC',
          sender: spec.applicationSender,
          receiver: spec.applicationReceiver,
          date: spec.date,
          time: spec.time,
          controlNumber: spec.groupControlNumber,
          version: X222A1,
          transactions,
        },
      ],
    },
    delimiters,
  );
}
