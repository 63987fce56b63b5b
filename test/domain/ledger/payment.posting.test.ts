import { describe, expect, it } from 'vitest';
import {
  accountKey,
  applyPatientCredit,
  chargeClaim,
  claimBalance,
  isSettled,
  type LedgerErrorCode,
  moveOverpaymentToCredit,
  type PatientPaymentInput,
  patientBalance,
  postAdjudication,
  postPatientPayment,
  postProviderAdjustments,
  postWriteoff,
  refundPatientCredit,
  refundPayer,
  reverseAdjudication,
  reverseClaimCharge,
  type ServiceDate,
  unappliedCredit,
} from '../../../src/domain/ledger/index.js';
import {
  accountTotal,
  type Book,
  cas,
  chargedBook,
  clp,
  createBook,
  PATIENT,
  PATIENT_ID,
  PRIMARY,
  reversalOf,
  svc,
} from './ledger.fixtures.js';

/** A book where the patient owes, per claim, the given cents on each line (self-pay charges). */
function owing(claims: Record<string, number[]>): Book {
  const book = createBook();
  for (const [claimId, lines] of Object.entries(claims)) {
    book.post(
      chargeClaim({
        claimId,
        patientId: PATIENT_ID,
        billTo: PATIENT,
        lines: lines.map((chargeCents, i) => ({ lineNumber: i + 1, chargeCents })),
      }),
    );
  }
  return book;
}

const pay = (book: Book, input: Partial<PatientPaymentInput> & { amountCents: number }) =>
  book.post(postPatientPayment({ patientId: PATIENT_ID, entries: book.entries, ...input }))!;

const applied = (book: Book) =>
  book.transactions
    .at(-1)!
    .entries.filter((e) => e.amountCents < 0)
    .map((e) => [accountKey(e.account), e.lineNumber, -e.amountCents]);

describe('patient payments', () => {
  it('applies a payment oldest first: by date of service, then claim, then line', () => {
    const book = owing({ clm_a: [3000, 2000], clm_b: [5000, 1000], clm_c: [4000] });
    const dates: ServiceDate[] = [
      { claimId: 'clm_a', lineNumber: null, dateOfService: '2025-01-10' },
      { claimId: 'clm_c', lineNumber: null, dateOfService: '2025-01-10' },
      { claimId: 'clm_b', lineNumber: null, dateOfService: '2025-02-01' },
      { claimId: 'clm_b', lineNumber: 2, dateOfService: '2025-01-05' }, // a line performed before its claim's date
    ];
    pay(book, { amountCents: 7500, serviceDates: dates });
    expect(applied(book)).toEqual([
      ['receivable:clm_b:patient', 2, 1000],
      ['receivable:clm_a:patient', 1, 3000],
      ['receivable:clm_a:patient', 2, 2000],
      ['receivable:clm_c:patient', 1, 1500],
    ]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({ patientBalanceCents: 7500, identityHolds: true });
  });

  it('applies the named allocations first and the rest oldest first', () => {
    const book = owing({ clm_a: [3000], clm_b: [5000] });
    pay(book, { amountCents: 6000, allocations: [{ claimId: 'clm_b', lineNumber: 1, amountCents: 4000 }] });
    expect(applied(book)).toEqual([
      ['receivable:clm_b:patient', 1, 4000],
      ['receivable:clm_a:patient', 1, 2000],
    ]);
  });

  it('holds an overpayment as unapplied credit, then refunds it from the credit', () => {
    const book = chargedBook('clm_1', [15000]);
    book.post(
      postAdjudication({
        claimId: 'clm_1',
        patientId: PATIENT_ID,
        coverage: PRIMARY,
        result: clp([svc(15000, 7500, [cas('CO-45', 5000), cas('PR-3', 2500)])]),
        lineNumbers: [1],
        entries: book.entries,
      }),
    );
    expect(() => postPatientPayment({ patientId: PATIENT_ID, amountCents: 4000, entries: book.entries })).toThrow(
      expect.objectContaining({ code: 'payment_exceeds_balance' }),
    );
    const payment = pay(book, { amountCents: 4000, allowCredit: true });
    expect(payment.entries.map((e) => [accountKey(e.account), e.amountCents, e.category])).toEqual([
      ['cash', 2500, 'patient_paid'],
      ['receivable:clm_1:patient', -2500, 'patient_paid'],
      ['cash', 1500, 'credit'],
      ['patient_credit:pat_1', -1500, 'credit'],
    ]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      patientBalanceCents: 0,
      unappliedCreditCents: 1500,
      netPatientBalanceCents: -1500,
    });
    expect(isSettled(book.entries, 'clm_1')).toBe(true);

    expect(() => refundPatientCredit({ patientId: PATIENT_ID, amountCents: 1501, entries: book.entries })).toThrow(
      expect.objectContaining({ code: 'credit_exceeded' }),
    );
    const refund = book.post(refundPatientCredit({ patientId: PATIENT_ID, amountCents: 1500, entries: book.entries }))!;
    expect(refund.entries.map((e) => [accountKey(e.account), e.amountCents, e.category])).toEqual([
      ['patient_credit:pat_1', 1500, 'refund'],
      ['refunds', -1500, 'refund'],
    ]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      unappliedCreditCents: 0,
      netPatientBalanceCents: 0,
      accountBalanceCents: 0,
      totals: {
        chargesCents: 15000,
        payerPaidCents: 7500,
        contractualCents: 5000,
        patientPaidCents: 4000,
        refundedCents: 1500,
        patientResponsibilityCents: 2500,
        patientRefundedCents: 1500,
      },
      identityHolds: true,
      patientIdentityHolds: true,
    });
  });

  it('applies unapplied credit to a later balance', () => {
    const book = owing({ clm_a: [1000] });
    pay(book, { amountCents: 1500, allowCredit: true });
    book.post(
      chargeClaim({
        claimId: 'clm_b',
        patientId: PATIENT_ID,
        billTo: PATIENT,
        lines: [{ lineNumber: 1, chargeCents: 800 }],
      }),
    );
    book.post(applyPatientCredit({ patientId: PATIENT_ID, entries: book.entries }));
    expect(applied(book)).toEqual([['receivable:clm_b:patient', 1, 500]]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      patientBalanceCents: 300,
      unappliedCreditCents: 0,
    });
    expect(claimBalance(book.entries, 'clm_b').lines[0]).toMatchObject({ patientPaidCents: 500, balanceCents: 300 });
    expect(() => applyPatientCredit({ patientId: PATIENT_ID, entries: book.entries })).toThrow(
      expect.objectContaining({ code: 'credit_exceeded' }),
    );
  });

  it.each<[string, Partial<PatientPaymentInput> & { amountCents: number }, LedgerErrorCode]>([
    ['a payment of zero', { amountCents: 0 }, 'amount_not_positive'],
    ['a negative payment', { amountCents: -100 }, 'amount_not_positive'],
    ['a fraction of a cent', { amountCents: 10.5 }, 'invalid_amount'],
    ['more than the patient owes', { amountCents: 5001 }, 'payment_exceeds_balance'],
    [
      'an allocation above what the line owes',
      { amountCents: 4000, allocations: [{ claimId: 'clm_a', lineNumber: 1, amountCents: 3001 }] },
      'allocation_exceeds_balance',
    ],
    [
      'a line that owes nothing',
      { amountCents: 100, allocations: [{ claimId: 'clm_a', lineNumber: 9, amountCents: 100 }] },
      'line_not_owing',
    ],
    [
      'a claim of another patient',
      { amountCents: 100, allocations: [{ claimId: 'clm_other', lineNumber: 1, amountCents: 100 }] },
      'line_not_owing',
    ],
    [
      'the same line twice',
      {
        amountCents: 200,
        allocations: [
          { claimId: 'clm_a', lineNumber: 1, amountCents: 100 },
          { claimId: 'clm_a', lineNumber: 1, amountCents: 100 },
        ],
      },
      'duplicate_allocation',
    ],
    [
      'allocations above the amount',
      { amountCents: 100, allocations: [{ claimId: 'clm_a', lineNumber: 1, amountCents: 200 }] },
      'allocations_exceed_amount',
    ],
    [
      'an allocation of zero',
      { amountCents: 100, allocations: [{ claimId: 'clm_a', lineNumber: 1, amountCents: 0 }] },
      'amount_not_positive',
    ],
  ])('refuses %s', (_, input, code) => {
    const book = owing({ clm_a: [3000, 2000] });
    book.post(
      chargeClaim({
        claimId: 'clm_other',
        patientId: 'pat_2',
        billTo: PATIENT,
        lines: [{ lineNumber: 1, chargeCents: 900 }],
      }),
    );
    expect(() => pay(book, input)).toThrow(expect.objectContaining({ code }));
  });

  it('holds what an allocation has beyond its line as credit when allowed', () => {
    const book = owing({ clm_a: [3000] });
    pay(book, {
      amountCents: 5000,
      allowCredit: true,
      allocations: [{ claimId: 'clm_a', lineNumber: 1, amountCents: 4000 }],
    });
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      patientBalanceCents: 0,
      unappliedCreditCents: 2000,
    });
  });
});

describe('write-offs, voids and refunds to payers', () => {
  it('writes off a small balance on the patient side', () => {
    const book = owing({ clm_a: [10037] });
    pay(book, { amountCents: 10000 });
    book.post(
      postWriteoff({
        claimId: 'clm_a',
        patientId: PATIENT_ID,
        party: PATIENT,
        reason: 'small_balance',
        entries: book.entries,
      }),
    );
    expect(accountTotal(book.entries, 'writeoffs')).toBe(37);
    expect(claimBalance(book.entries, 'clm_a').lines[0]).toMatchObject({
      writtenOffCents: 37,
      balanceCents: 0,
      addsUp: true,
    });
    expect(isSettled(book.entries, 'clm_a')).toBe(true);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({ identityHolds: true, patientIdentityHolds: true });
  });

  it.each<[string, Partial<Parameters<typeof postWriteoff>[0]>, LedgerErrorCode]>([
    ['more than owed', { amountCents: 3001 }, 'amount_exceeds_balance'],
    ['a line that owes nothing', { allocations: [{ lineNumber: 2, amountCents: 1 }] }, 'line_not_owing'],
    ['zero', { amountCents: 0 }, 'amount_not_positive'],
    ['the insurance side of a self-pay claim', { party: PRIMARY }, 'nothing_owed'],
  ])('refuses a write-off of %s', (_, input, code) => {
    const book = owing({ clm_a: [3000] });
    const base = { claimId: 'clm_a', patientId: PATIENT_ID, party: PATIENT, reason: 'bad_debt' as const };
    expect(() => postWriteoff({ ...base, entries: book.entries, ...input })).toThrow(expect.objectContaining({ code }));
  });

  it('refunds a payer its overpayment (a payment sent twice), and reopens the claim only when allowed', () => {
    const book = chargedBook('clm_1', [10000]);
    const result = clp([svc(10000, 8000, [cas('CO-45', 2000)])]);
    const input = { claimId: 'clm_1', patientId: PATIENT_ID, coverage: PRIMARY, result, lineNumbers: [1] };
    book.post(postAdjudication({ ...input, entries: book.entries }));
    book.post(postAdjudication({ ...input, entries: book.entries })); // the same CLP again, without a reversal
    expect(claimBalance(book.entries, 'clm_1').parties).toEqual([{ party: PRIMARY, balanceCents: -8000 }]);
    expect(claimBalance(book.entries, 'clm_1').total.contractualCents).toBe(2000); // not adjusted twice
    const refund = { claimId: 'clm_1', patientId: PATIENT_ID, coverage: PRIMARY };
    expect(() => refundPayer({ ...refund, entries: book.entries, amountCents: 8001 })).toThrow(
      expect.objectContaining({ code: 'refund_exceeds_credit' }),
    );
    book.post(refundPayer({ ...refund, entries: book.entries, amountCents: 8000 }));
    expect(isSettled(book.entries, 'clm_1')).toBe(true);
    expect(claimBalance(book.entries, 'clm_1').lines[0]).toMatchObject({ refundedCents: 8000, payerPaidCents: 16000 });

    book.post(refundPayer({ ...refund, entries: book.entries, amountCents: 2000, allowReopen: true }));
    expect(claimBalance(book.entries, 'clm_1').parties).toEqual([{ party: PRIMARY, balanceCents: 2000 }]);
    expect(patientBalance(book.entries, PATIENT_ID).identityHolds).toBe(true);
  });

  it("voids a paid claim's charges: after the payer's reversal the patient's copay becomes credit", () => {
    const book = chargedBook('clm_1', [15000]);
    const result = clp([svc(15000, 7500, [cas('CO-45', 5000), cas('PR-3', 2500)])]);
    book.post(
      postAdjudication({
        claimId: 'clm_1',
        patientId: PATIENT_ID,
        coverage: PRIMARY,
        result,
        lineNumbers: [1],
        entries: book.entries,
      }),
    );
    pay(book, { amountCents: 2500 });
    book.post(reverseClaimCharge(book.transactions[0]!));
    // Until the payer reverses its decision, it has a credit of all it settled; the copay stays paid.
    expect(claimBalance(book.entries, 'clm_1').parties).toEqual([{ party: PRIMARY, balanceCents: -15000 }]);
    book.post(reverseAdjudication(book.transactions[1]!, reversalOf(result)));
    expect(claimBalance(book.entries, 'clm_1').parties).toEqual([{ party: PATIENT, balanceCents: -2500 }]);
    book.post(moveOverpaymentToCredit({ patientId: PATIENT_ID, entries: book.entries }));
    expect(unappliedCredit(book.entries, PATIENT_ID)).toBe(2500);
    expect(claimBalance(book.entries, 'clm_1').patientBalanceCents).toBe(0);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({ identityHolds: true, patientIdentityHolds: true });
  });
});

describe('PLB provider-level adjustments', () => {
  it('moves cash against provider adjustments and no patient balance', () => {
    const book = chargedBook('clm_1', [10000]);
    const before = patientBalance(book.entries, PATIENT_ID);
    const plb = (reasonCode: string, amountCents: number) => ({
      providerId: '1234567893',
      fiscalPeriodDate: '2025-12-31',
      reasonCode,
      reference: null,
      amountCents,
    });
    const t = book.post(postProviderAdjustments([plb('WO', 5000), plb('L6', -127), plb('FB', 0)]))!;
    expect(t.entries.map((e) => [accountKey(e.account), e.amountCents, e.category, e.reasonCode, e.patientId])).toEqual(
      [
        ['provider_adjustments', 5000, 'plb', 'WO', null],
        ['cash', -5000, 'plb', 'WO', null],
        ['provider_adjustments', -127, 'plb', 'L6', null],
        ['cash', 127, 'plb', 'L6', null],
      ],
    );
    expect(patientBalance(book.entries, PATIENT_ID)).toEqual(before);
    expect(postProviderAdjustments([])).toBeNull();
  });
});
