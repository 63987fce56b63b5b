import type { Segment } from './reader.js';
import { fail, requiredText } from './remittance-835.elements.js';
import { type PaymentFields, readBpr } from './remittance-835.segments.js';
import type { RemittanceHeaderStart } from './remittance-835.types.js';

/**
 * Table 1 of an 835 set: BPR, TRN and the payer (loop 1000A) and payee (loop 1000B) N1 loops, collected until the
 * claims begin. One per transaction set; `set` is its ST02.
 */
export interface HeaderLoops {
  bpr(s: Segment): PaymentFields;
  trn(s: Segment): void;
  n1(s: Segment): void;
  ref(s: Segment): void;
  /** The header once its required segments are there; `at` is the segment that ended it. */
  finish(at: Segment): RemittanceHeaderStart;
}

export function createHeaderLoops(set: string): HeaderLoops {
  let payment: PaymentFields | null = null;
  let traceNumber: string | null = null;
  let payerTraceId: string | null = null;
  let payerName: string | null = null;
  let payerN104: string | null = null;
  let payerRef2U: string | null = null;
  let payeeName: string | null = null;
  let payeeNpi: string | null = null;
  /** The N1 loop the REF segments that follow belong to. */
  let party = '';
  const repeated = (s: Segment, what: string): never =>
    fail('unexpected_segment', s, set, `${s.elements[0]} repeats: one ${what} per transaction set`);

  return {
    bpr(s) {
      if (payment) repeated(s, 'BPR');
      payment = readBpr(s, set);
      return payment;
    },
    trn(s) {
      if (traceNumber !== null) repeated(s, 'TRN');
      traceNumber = requiredText(s, 2, set);
      payerTraceId = s.elements[3] || null;
    },
    n1(s) {
      const e = s.elements;
      party = e[1] ?? '';
      if (party === 'PR') {
        if (payerName !== null) repeated(s, 'payer (N1*PR)');
        payerName = requiredText(s, 2, set);
        payerN104 = e[4] || null;
      } else if (party === 'PE') {
        payeeName = e[2] || null;
        // N103 = XX: N104 is the payee's NPI (FI would be a tax id, PI a payer-assigned number).
        payeeNpi = e[3] === 'XX' ? e[4] || null : null;
      }
    },
    ref(s) {
      // 1000A REF*2U: the payer's additional identification, preferred over N104 as its EDI id.
      if (party === 'PR' && s.elements[1] === '2U') payerRef2U = s.elements[2] || null;
    },
    finish(at) {
      if (!payment) return fail('missing_segment', at, set, `ST*835 ${set} has no BPR`);
      if (traceNumber === null) return fail('missing_segment', at, set, `ST*835 ${set} has no TRN before its claims`);
      if (payerName === null) return fail('missing_segment', at, set, `ST*835 ${set} has no N1*PR before its claims`);
      return {
        ...payment,
        traceNumber,
        payerTraceId,
        payerName,
        payerIdentifier: payerRef2U ?? payerN104,
        payeeName,
        payeeNpi,
      };
    },
  };
}
