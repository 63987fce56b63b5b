import { centsToX12 } from '../../src/domain/money.js';
import { writeInterchange } from '../../src/domain/x12/writer.js';

/**
 * Synthetic 835 files for the HTTP tests, written with our X12 writer: amounts in cents, each claim balanced
 * unless told otherwise. Only synthetic data.
 */

export interface Cas {
  group: 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
  reason: string;
  cents: number;
}

export interface Svc835 {
  code: string;
  chargeCents: number;
  paidCents: number;
  /** REF*6R: the line item control number we sent. */
  controlNumber?: string;
  date?: string;
  allowedCents?: number;
  adjustments?: Cas[];
  remarks?: string[];
}

export interface Clp835 {
  pcn: string;
  status: string;
  chargeCents: number;
  paidCents: number;
  patientCents?: number;
  payerClaimNumber?: string;
  adjustments?: Cas[];
  lines?: Svc835[];
}

export interface Remit835 {
  trace: string;
  payerId?: string;
  paymentCents?: number;
  /** PLB amounts (positive reduce the payment). */
  plb?: { reason: string; reference: string; cents: number }[];
  claims: Clp835[];
  controlNumber?: number;
}

/**
 * A decision on a 99213 $150 + 36415 $25 claim: 99213 allowed $100 (CO-45 $50), paid $80 with a $20 copay (PR-3);
 * 36415 allowed $20 (CO-45 $5), $15 to the deductible (PR-1), paid $5. Payer paid $85, the patient owes $35.
 */
export function copayDeductibleClp(
  claim: { patientControlNumber: string; lines: { controlNumber: string }[] },
  over: Partial<Clp835> = {},
): Clp835 {
  const [a, b] = claim.lines;
  return {
    pcn: claim.patientControlNumber,
    status: '1',
    chargeCents: 17500,
    paidCents: 8500,
    patientCents: 3500,
    lines: [
      {
        code: '99213',
        chargeCents: 15000,
        paidCents: 8000,
        controlNumber: a!.controlNumber,
        adjustments: [
          { group: 'CO', reason: '45', cents: 5000 },
          { group: 'PR', reason: '3', cents: 2000 },
        ],
      },
      {
        code: '36415',
        chargeCents: 2500,
        paidCents: 500,
        controlNumber: b!.controlNumber,
        adjustments: [
          { group: 'CO', reason: '45', cents: 500 },
          { group: 'PR', reason: '1', cents: 1500 },
        ],
      },
    ],
    ...over,
  };
}

/** Amounts as X12 writes them ("150", "80.5", "-12.34"), through money.ts. */
export const dollars = centsToX12;

export function x835(r: Remit835): string {
  const paid = r.claims.reduce((s, c) => s + c.paidCents, 0) - (r.plb ?? []).reduce((s, p) => s + p.cents, 0);
  const payment = r.paymentCents ?? paid;
  const control = r.controlNumber ?? 1;
  return writeInterchange({
    senderQualifier: 'ZZ',
    senderId: 'DEMOPAYER',
    receiverQualifier: 'ZZ',
    receiverId: 'ETIN12345',
    date: '261201',
    time: '1200',
    controlNumber: control,
    usage: 'T',
    acknowledgmentRequested: false,
    groups: [
      {
        functionalId: 'HP',
        sender: 'DEMOPAYER',
        receiver: 'ETIN12345',
        date: '20261201',
        time: '1200',
        controlNumber: control,
        version: '005010X221A1',
        transactions: [
          {
            type: '835',
            controlNumber: 1,
            implementation: '005010X221A1',
            body(w) {
              w.segment(
                'BPR',
                'I',
                dollars(payment),
                'C',
                'ACH',
                'CCP',
                '01',
                '999999999',
                'DA',
                '123456',
                '1512345678',
                '',
                '01',
                '999988880',
                'DA',
                '98765',
                '20261201',
              );
              w.segment('TRN', '1', r.trace, r.payerId ?? '1512345678');
              w.segment('DTM', '405', '20261130');
              w.segment('N1', 'PR', 'DEMO HEALTH PLAN');
              w.segment('N3', '1 PAYER WAY');
              w.segment('N4', 'SPRINGFIELD', 'IL', '627010000');
              w.segment('PER', 'BL', 'EDI DESK', 'TE', '8005550100');
              w.segment('N1', 'PE', 'SPRINGFIELD FAMILY MEDICINE', 'XX', '1234567893');
              w.segment('LX', '1');
              for (const c of r.claims) {
                w.segment(
                  'CLP',
                  c.pcn,
                  c.status,
                  dollars(c.chargeCents),
                  dollars(c.paidCents),
                  dollars(c.patientCents ?? 0),
                  '12',
                  c.payerClaimNumber ?? `PCCN${c.pcn}`,
                  '11',
                  '1',
                );
                for (const a of c.adjustments ?? []) w.segment('CAS', a.group, a.reason, dollars(a.cents));
                w.segment('NM1', 'QC', '1', 'PATIENT', 'TEST');
                for (const l of c.lines ?? []) {
                  w.segment('SVC', ['HC', l.code], dollars(l.chargeCents), dollars(l.paidCents), '', '1');
                  if (l.date) w.segment('DTM', '472', l.date.replaceAll('-', ''));
                  for (const a of l.adjustments ?? []) w.segment('CAS', a.group, a.reason, dollars(a.cents));
                  if (l.controlNumber) w.segment('REF', '6R', l.controlNumber);
                  if (l.allowedCents !== undefined) w.segment('AMT', 'B6', dollars(l.allowedCents));
                  if (l.remarks?.length) w.segment('LQ', 'HE', l.remarks[0]!);
                }
              }
              for (const p of r.plb ?? [])
                w.segment('PLB', '1234567893', '20261231', [p.reason, p.reference], dollars(p.cents));
            },
          },
        ],
      },
    ],
  });
}
