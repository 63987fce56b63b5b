import { describe, expect, it } from 'vitest';
import {
  agingBucketOf,
  agingBuckets,
  claimBalance,
  isSettled,
  patientBalance,
  postAdjudication,
  postPatientPayment,
  postProviderAdjustments,
  receivableRows,
} from '../../../src/domain/ledger/index.js';
import { cas, chargedBook, clp, PATIENT_ID, PRIMARY, svc } from './ledger.fixtures.js';

describe('agingBuckets', () => {
  it.each([
    ['2025-03-31', '0-30'], // 0 days
    ['2025-03-01', '0-30'], // 30 days
    ['2025-02-28', '31-60'], // 31 days
    ['2025-01-30', '31-60'], // 60 days
    ['2025-01-29', '61-90'], // 61 days
    ['2024-12-31', '61-90'], // 90 days
    ['2024-12-30', '91-120'], // 91 days
    ['2024-12-01', '91-120'], // 120 days
    ['2024-11-30', '120+'], // 121 days
    ['2023-01-01', '120+'],
    ['2025-04-15', '0-30'], // after asOf: not yet aging
  ])('puts a balance from %s into %s on 2025-03-31', (date, bucket) => {
    expect(agingBucketOf(date, '2025-03-31')).toBe(bucket);
  });

  it('sums amounts and counts per bucket, from whichever date the caller ages by', () => {
    const items = [
      { amountCents: 1000, date: '2025-03-20', statementDate: '2025-03-25' },
      { amountCents: 2500, date: '2025-01-15', statementDate: '2025-02-20' },
      { amountCents: 400, date: '2024-10-01', statementDate: '2025-01-10' },
      { amountCents: 0, date: '2024-10-01', statementDate: '2024-10-01' },
    ];
    const byService = agingBuckets(items, '2025-03-31');
    expect(byService.buckets.map((b) => [b.bucket, b.amountCents, b.count])).toEqual([
      ['0-30', 1000, 1],
      ['31-60', 0, 0],
      ['61-90', 2500, 1],
      ['91-120', 0, 0],
      ['120+', 400, 1],
    ]);
    expect(byService.totalCents).toBe(3900);
    const byStatement = agingBuckets(
      items.map((i) => ({ amountCents: i.amountCents, date: i.statementDate })),
      '2025-03-31',
    );
    expect(byStatement.buckets.map((b) => b.amountCents)).toEqual([1000, 2500, 400, 0, 0]);
  });

  it('ages the open receivables read from entries', () => {
    const book = chargedBook('clm_1', [10000, 5000]);
    const dates: Record<string, string> = { clm_1: '2025-01-02' };
    const items = receivableRows(book.entries, { patientId: PATIENT_ID })
      .filter((r) => r.balanceCents > 0)
      .map((r) => ({ amountCents: r.balanceCents, date: dates[r.claimId]! }));
    expect(agingBuckets(items, '2025-03-31').buckets[2]).toMatchObject({ amountCents: 15000, count: 2 });
  });
});

describe('patientBalance', () => {
  it('separates insurance and patient balances and unapplied credit, with the identity holding', () => {
    const book = chargedBook('clm_1', [20000, 10000]);
    book.post(
      postAdjudication({
        claimId: 'clm_1',
        patientId: PATIENT_ID,
        coverage: PRIMARY,
        result: clp([svc(20000, 12000, [cas('CO-45', 5000), cas('PR-2', 3000)]), svc(10000, 0, [cas('CO-50', 10000)])]),
        lineNumbers: [1, 2],
        entries: book.entries,
      }),
    );
    book.post(
      postPatientPayment({ patientId: PATIENT_ID, amountCents: 5000, entries: book.entries, allowCredit: true }),
    );
    book.post(
      postProviderAdjustments([
        { providerId: '1', fiscalPeriodDate: null, reasonCode: 'WO', reference: null, amountCents: 999 },
      ]),
    );
    // 300.00 charged − 120.00 paid by the payer − 50.00 contractual − 50.00 paid by the patient
    //   = 100.00 on the insurance (denied line) + 0.00 patient − 20.00 credit = 80.00
    expect(patientBalance(book.entries, PATIENT_ID)).toEqual({
      patientId: PATIENT_ID,
      patientBalanceCents: 0,
      insuranceBalanceCents: 10000,
      unappliedCreditCents: 2000,
      netPatientBalanceCents: -2000,
      accountBalanceCents: 8000,
      totals: {
        chargesCents: 30000,
        payerPaidCents: 12000,
        contractualCents: 5000,
        otherAdjustmentCents: 0,
        patientPaidCents: 5000,
        writtenOffCents: 0,
        refundedCents: 0,
        patientResponsibilityCents: 3000,
        patientWrittenOffCents: 0,
        patientRefundedCents: 0,
      },
      identityHolds: true,
      patientIdentityHolds: true,
    });
    expect(isSettled(book.entries, 'clm_1')).toBe(false);
  });

  it('flags entries that break the identity (an unbalanced set)', () => {
    const book = chargedBook('clm_1', [20000]);
    const broken = book.entries.slice(0, 1); // the receivable without its charge
    expect(patientBalance(broken, PATIENT_ID).identityHolds).toBe(false);
    expect(claimBalance(broken, 'clm_1').addsUp).toBe(true); // one line of charge on a receivable still itemizes
  });
});
