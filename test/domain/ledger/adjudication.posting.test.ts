import { describe, expect, it } from 'vitest';
import {
  accountKey,
  type AdjudicationPostingInput,
  claimBalance,
  isSettled,
  LedgerError,
  type LineItemization,
  patientBalance,
  planAdjudication,
  postAdjudication,
  postWriteoff,
  reverse,
  reverseAdjudication,
  transferBalance,
} from '../../../src/domain/ledger/index.js';
import type { AdjudicationResult } from '../../../src/domain/remittance/adjudication.js';
import {
  type Book,
  cas,
  chargedBook,
  clp,
  PATIENT,
  PATIENT_ID,
  PRIMARY,
  reversalOf,
  SECONDARY,
  svc,
} from './ledger.fixtures.js';

const CLAIM = 'clm_1';

function adjudicate(
  book: Book,
  result: AdjudicationResult,
  options: Partial<AdjudicationPostingInput> = {},
): ReturnType<typeof postAdjudication> {
  return book.post(
    postAdjudication({
      claimId: CLAIM,
      patientId: PATIENT_ID,
      coverage: PRIMARY,
      result,
      lineNumbers: result.lines.map((_, i) => i + 1),
      entries: book.entries,
      ...options,
    }),
  );
}

/** The figures of a line that a scenario states; every other figure must be 0. */
type Figures = Partial<Omit<LineItemization, 'payerPaid' | 'addsUp'>>;

const ZERO: Omit<LineItemization, 'payerPaid' | 'addsUp' | 'lineNumber'> = {
  chargeCents: 0,
  contractualCents: 0,
  allowedCents: 0,
  otherAdjustmentCents: 0,
  payerPaidCents: 0,
  deductibleCents: 0,
  coinsuranceCents: 0,
  copayCents: 0,
  otherPatientResponsibilityCents: 0,
  patientResponsibilityCents: 0,
  transferredCents: 0,
  patientPaidCents: 0,
  writtenOffCents: 0,
  refundedCents: 0,
  insuranceBalanceCents: 0,
  patientBalanceCents: 0,
  balanceCents: 0,
};

function figuresOf(book: Book, claimId = CLAIM) {
  const balance = claimBalance(book.entries, claimId);
  expect(balance.addsUp).toBe(true);
  expect(patientBalance(book.entries, PATIENT_ID).identityHolds).toBe(true);
  return balance.lines.map(({ payerPaid, addsUp, ...figures }) => figures);
}

const line = (lineNumber: number | null, figures: Figures) => ({ ...ZERO, lineNumber, ...figures });

describe('posting one adjudication, by hand', () => {
  const scenarios: {
    name: string;
    charges: number[];
    result: AdjudicationResult;
    lineNumbers?: (number | null)[];
    lines: ReturnType<typeof line>[];
    settled: boolean;
  }[] = [
    {
      name: 'a clean payment with CO-45: 200.00 billed, 150.00 allowed and paid',
      charges: [20000],
      result: clp([svc(20000, 15000, [cas('CO-45', 5000)])]),
      lines: [line(1, { chargeCents: 20000, contractualCents: 5000, allowedCents: 15000, payerPaidCents: 15000 })],
      settled: true,
    },
    {
      name: 'the allowed 120.00 applied to the deductible (PR-1): the patient owes it',
      charges: [20000],
      result: clp([svc(20000, 0, [cas('CO-45', 8000), cas('PR-1', 12000)])]),
      lines: [
        line(1, {
          chargeCents: 20000,
          contractualCents: 8000,
          allowedCents: 12000,
          deductibleCents: 12000,
          patientResponsibilityCents: 12000,
          patientBalanceCents: 12000,
          balanceCents: 12000,
        }),
      ],
      settled: false,
    },
    {
      name: '20% coinsurance (PR-2) of an 80.00 allowed',
      charges: [10000],
      result: clp([svc(10000, 6400, [cas('CO-45', 2000), cas('PR-2', 1600)])]),
      lines: [
        line(1, {
          chargeCents: 10000,
          contractualCents: 2000,
          allowedCents: 8000,
          payerPaidCents: 6400,
          coinsuranceCents: 1600,
          patientResponsibilityCents: 1600,
          patientBalanceCents: 1600,
          balanceCents: 1600,
        }),
      ],
      settled: false,
    },
    {
      name: 'a 25.00 copay (PR-3)',
      charges: [15000],
      result: clp([svc(15000, 7500, [cas('CO-45', 5000), cas('PR-3', 2500)])]),
      lines: [
        line(1, {
          chargeCents: 15000,
          contractualCents: 5000,
          allowedCents: 10000,
          payerPaidCents: 7500,
          copayCents: 2500,
          patientResponsibilityCents: 2500,
          patientBalanceCents: 2500,
          balanceCents: 2500,
        }),
      ],
      settled: false,
    },
    {
      name: 'a partial denial: line 2 CO-50, paid 0, stays owed by the payer until appealed or written off',
      charges: [10000, 8000],
      result: clp([svc(10000, 8000, [cas('CO-45', 2000)]), svc(8000, 0, [cas('CO-50', 8000)])]),
      lines: [
        line(1, { chargeCents: 10000, contractualCents: 2000, allowedCents: 8000, payerPaidCents: 8000 }),
        line(2, { chargeCents: 8000, allowedCents: 8000, insuranceBalanceCents: 8000, balanceCents: 8000 }),
      ],
      settled: false,
    },
    {
      name: 'line-level CO-45 and a claim-level PR-1: the deductible withheld from the lines shows at claim level',
      charges: [10000, 10000],
      // CLP04 = 80.00 + 80.00 − 50.00 of claim-level deductible = 110.00
      result: clp([svc(10000, 8000, [cas('CO-45', 2000)]), svc(10000, 8000, [cas('CO-45', 2000)])], {
        adjustments: [cas('PR-1', 5000)],
      }),
      lines: [
        line(null, {
          payerPaidCents: -5000,
          deductibleCents: 5000,
          patientResponsibilityCents: 5000,
          patientBalanceCents: 5000,
          balanceCents: 5000,
        }),
        line(1, { chargeCents: 10000, contractualCents: 2000, allowedCents: 8000, payerPaidCents: 8000 }),
        line(2, { chargeCents: 10000, contractualCents: 2000, allowedCents: 8000, payerPaidCents: 8000 }),
      ],
      settled: false,
    },
    {
      name: 'a payer charge above ours (210.00 for 200.00): its contractual is taken only down to zero owed',
      charges: [20000],
      result: clp([svc(21000, 12000, [cas('CO-45', 6000), cas('PR-2', 3000)])]),
      lines: [
        line(1, {
          chargeCents: 20000,
          contractualCents: 5000,
          allowedCents: 15000,
          payerPaidCents: 12000,
          coinsuranceCents: 3000,
          patientResponsibilityCents: 3000,
          patientBalanceCents: 3000,
          balanceCents: 3000,
        }),
      ],
      settled: false,
    },
    {
      name: 'a payer charge below ours (190.00 for 200.00): the 10.00 it never adjudicated stays on the payer',
      charges: [20000],
      result: clp([svc(19000, 12000, [cas('CO-45', 4000), cas('PR-2', 3000)])]),
      lines: [
        line(1, {
          chargeCents: 20000,
          contractualCents: 4000,
          allowedCents: 16000,
          payerPaidCents: 12000,
          coinsuranceCents: 3000,
          patientResponsibilityCents: 3000,
          insuranceBalanceCents: 1000,
          patientBalanceCents: 3000,
          balanceCents: 4000,
        }),
      ],
      settled: false,
    },
    {
      name: 'a paid line that matched none of ours posts at claim level',
      charges: [10000],
      result: clp([svc(10000, 8000, [cas('CO-45', 2000)])]),
      lineNumbers: [null],
      lines: [
        line(null, {
          contractualCents: 2000,
          allowedCents: -2000,
          payerPaidCents: 8000,
          insuranceBalanceCents: -10000,
          balanceCents: -10000,
        }),
        line(1, { chargeCents: 10000, allowedCents: 10000, insuranceBalanceCents: 10000, balanceCents: 10000 }),
      ],
      settled: true,
    },
  ];

  it.each(scenarios)('$name', ({ charges, result, lineNumbers, lines, settled }) => {
    const book = chargedBook(CLAIM, charges);
    const posted = adjudicate(book, result, lineNumbers ? { lineNumbers } : {});
    expect(posted?.kind).toBe('adjudication');
    expect(figuresOf(book)).toEqual(lines);
    expect(isSettled(book.entries, CLAIM)).toBe(settled);
    const cash = book.entries.filter((e) => e.account.kind === 'cash').reduce((s, e) => s + e.amountCents, 0);
    expect(cash).toBe(result.paidCents); // the deposit is CLP04
  });

  it('posts the entries of a clean payment with CO-45, each with its CARC', () => {
    const book = chargedBook(CLAIM, [20000]);
    const t = adjudicate(book, clp([svc(20000, 15000, [cas('CO-45', 5000)])]))!;
    expect(
      t.entries.map((e) => [accountKey(e.account), e.amountCents, e.category, e.reasonCode, e.lineNumber]),
    ).toEqual([
      ['cash', 15000, 'payer_paid', null, 1],
      ['receivable:clm_1:coverage:cov_primary', -15000, 'payer_paid', null, 1],
      ['contractual', 5000, 'contractual', 'CO-45', 1],
      ['receivable:clm_1:coverage:cov_primary', -5000, 'contractual', 'CO-45', 1],
    ]);
  });

  it('explains what it did not post in the plan', () => {
    const book = chargedBook(CLAIM, [20000, 8000]);
    const plan = planAdjudication({
      claimId: CLAIM,
      patientId: PATIENT_ID,
      coverage: PRIMARY,
      result: clp([svc(21000, 12000, [cas('CO-45', 6000), cas('PR-2', 3000)]), svc(8000, 0, [cas('CO-50', 8000)])]),
      lineNumbers: [1, 2],
      entries: book.entries,
    });
    expect(plan.rows.map((r) => [r.lineNumber, r.adjustments.map((a) => [a.postedCents, a.notPosted])])).toEqual([
      [1, [[5000, 'beyond_owed']]],
      [2, [[0, 'denial_held']]],
    ]);
    expect(plan.remainingCents).toBe(8000);
    expect(plan.cashCents).toBe(12000);
  });

  it("posts a denied line's adjustments when told to adjust denials", () => {
    const book = chargedBook(CLAIM, [10000, 8000]);
    adjudicate(book, clp([svc(10000, 8000, [cas('CO-45', 2000)]), svc(8000, 0, [cas('CO-50', 8000)])]), {
      denials: 'adjust',
    });
    expect(claimBalance(book.entries, CLAIM).total.contractualCents).toBe(10000);
    expect(isSettled(book.entries, CLAIM)).toBe(true);
  });

  it('posts nothing for a predetermination (CLP02 25)', () => {
    const book = chargedBook(CLAIM, [10000]);
    expect(adjudicate(book, clp([svc(10000, 0, [cas('CO-45', 10000)])], { status: '25', paidCents: 0 }))).toBeNull();
  });

  it.each([
    [
      'a CLP02 22 posted as an adjudication',
      { result: reversalOf(clp([svc(100, 100)])) },
      'reversal_requires_original',
    ],
    ['a line number missing', { lineNumbers: [] }, 'line_count_mismatch'],
    ['responsibility moved to the payer that decided', { responsibilityTo: PRIMARY }, 'invalid_next_party'],
  ])('refuses %s', (_, override, code) => {
    const book = chargedBook(CLAIM, [100]);
    const input = { claimId: CLAIM, patientId: PATIENT_ID, coverage: PRIMARY, entries: book.entries };
    expect(() => postAdjudication({ ...input, result: clp([svc(100, 100)]), lineNumbers: [1], ...override })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('coordination of benefits: primary → secondary → patient', () => {
  // 200.00 billed; the primary allows 150.00, pays 120.00 and leaves 30.00 coinsurance, which waits on the
  // secondary. The secondary pays 20.00 of it and leaves 10.00 coinsurance to the patient.
  const primary = clp([svc(20000, 12000, [cas('CO-45', 5000), cas('PR-2', 3000)])]);
  const secondaries: [string, AdjudicationResult][] = [
    [
      'on the full charge, with OA-23 for the prior payer',
      clp([svc(20000, 2000, [cas('OA-23', 17000), cas('PR-2', 1000)])]),
    ],
    [
      "restating the primary's contractual (not posted twice)",
      clp([svc(20000, 2000, [cas('CO-45', 5000), cas('OA-23', 12000), cas('PR-2', 1000)])]),
    ],
    ['on the 30.00 it was asked', clp([svc(3000, 2000, [cas('PR-2', 1000)])])],
  ];

  it.each(secondaries)('the secondary adjudicating %s', (_, secondary) => {
    const book = chargedBook(CLAIM, [20000]);
    adjudicate(book, primary, { responsibilityTo: SECONDARY });
    expect(claimBalance(book.entries, CLAIM).parties).toEqual([{ party: SECONDARY, balanceCents: 3000 }]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      insuranceBalanceCents: 3000,
      patientBalanceCents: 0,
    });

    adjudicate(book, secondary, { coverage: SECONDARY });
    const balance = claimBalance(book.entries, CLAIM);
    expect(balance.addsUp).toBe(true);
    expect(balance.parties).toEqual([{ party: { kind: 'patient' }, balanceCents: 1000 }]);
    expect(balance.lines[0]).toMatchObject({
      chargeCents: 20000,
      contractualCents: 5000,
      allowedCents: 15000,
      payerPaid: [
        { coverageId: 'cov_primary', payerId: 'pyr_acme', paidCents: 12000 },
        { coverageId: 'cov_secondary', payerId: 'pyr_medigap', paidCents: 2000 },
      ],
      payerPaidCents: 14000,
      coinsuranceCents: 1000,
      otherAdjustmentCents: 0,
      insuranceBalanceCents: 0,
      patientBalanceCents: 1000,
    });
  });

  it('moves the responsibility onto a separate secondary claim, which settles on its own', () => {
    const book = chargedBook(CLAIM, [20000]);
    adjudicate(book, primary, { responsibilityTo: SECONDARY, responsibilityClaimId: 'clm_2' });
    expect(isSettled(book.entries, CLAIM)).toBe(true);
    expect(claimBalance(book.entries, CLAIM).lines[0]).toMatchObject({ transferredCents: -3000, balanceCents: 0 });
    book.post(
      postAdjudication({
        claimId: 'clm_2',
        patientId: PATIENT_ID,
        coverage: SECONDARY,
        result: secondaries[0]![1],
        lineNumbers: [1],
        entries: book.entries,
      }),
    );
    expect(figuresOf(book, 'clm_2')).toEqual([
      line(1, {
        transferredCents: 3000,
        payerPaidCents: 2000,
        coinsuranceCents: 1000,
        patientResponsibilityCents: 1000,
        patientBalanceCents: 1000,
        balanceCents: 1000,
      }),
    ]);
    expect(patientBalance(book.entries, PATIENT_ID)).toMatchObject({
      patientBalanceCents: 1000,
      insuranceBalanceCents: 0,
      identityHolds: true,
      patientIdentityHolds: true,
    });
  });
  it("holds the secondary's denial on the secondary until the balance is moved to the patient", () => {
    const book = chargedBook(CLAIM, [20000]);
    adjudicate(book, primary, { responsibilityTo: SECONDARY });
    expect(adjudicate(book, clp([svc(3000, 0, [cas('CO-96', 3000)])]), { coverage: SECONDARY })).toBeNull();
    expect(claimBalance(book.entries, CLAIM).parties).toEqual([{ party: SECONDARY, balanceCents: 3000 }]);
    const moved = book.post(
      transferBalance({ claimId: CLAIM, patientId: PATIENT_ID, from: SECONDARY, to: PATIENT, entries: book.entries }),
    )!;
    expect(moved.entries.map((e) => [accountKey(e.account), e.amountCents, e.category])).toEqual([
      ['receivable:clm_1:patient', 3000, 'other_patient_responsibility'],
      ['receivable:clm_1:coverage:cov_secondary', -3000, 'other_patient_responsibility'],
    ]);
    expect(figuresOf(book)[0]).toMatchObject({ otherPatientResponsibilityCents: 3000, patientBalanceCents: 3000 });
    expect(() =>
      transferBalance({ claimId: CLAIM, patientId: PATIENT_ID, from: SECONDARY, to: PATIENT, entries: book.entries }),
    ).toThrow(expect.objectContaining({ code: 'nothing_owed' }));
  });
});

describe('a full denial written off', () => {
  it('keeps the denied 300.00 on the payer, then the timely-filing write-off settles it, reversibly', () => {
    const book = chargedBook(CLAIM, [30000]);
    expect(adjudicate(book, clp([svc(30000, 0, [cas('CO-29', 30000)])], { status: '4' }))).toBeNull();
    expect(claimBalance(book.entries, CLAIM).insuranceBalanceCents).toBe(30000);

    const writeoff = book.post(
      postWriteoff({
        claimId: CLAIM,
        patientId: PATIENT_ID,
        party: PRIMARY,
        reason: 'timely_filing',
        entries: book.entries,
      }),
    )!;
    expect(writeoff.entries.map((e) => [accountKey(e.account), e.amountCents])).toEqual([
      ['writeoffs:timely_filing', 30000],
      ['receivable:clm_1:coverage:cov_primary', -30000],
    ]);
    expect(figuresOf(book)).toEqual([line(1, { chargeCents: 30000, allowedCents: 30000, writtenOffCents: 30000 })]);
    expect(isSettled(book.entries, CLAIM)).toBe(true);

    book.post(reverse(writeoff));
    expect(claimBalance(book.entries, CLAIM).insuranceBalanceCents).toBe(30000);
    expect(isSettled(book.entries, CLAIM)).toBe(false);
  });
});

describe('a reversal (CLP02 22) and the re-adjudication', () => {
  it('undoes the first payment exactly, then posts the second', () => {
    const book = chargedBook(CLAIM, [20000]);
    const first = clp([svc(20000, 15000, [cas('CO-45', 3000), cas('PR-3', 2000)])]);
    const posted = adjudicate(book, first)!;
    const before = claimBalance(book.entries.slice(0, 2), CLAIM);

    const reversal = book.post(reverseAdjudication(posted, reversalOf(first)))!;
    expect(reversal.entries).toEqual(posted.entries.map((e) => ({ ...e, amountCents: -e.amountCents })));
    expect(claimBalance(book.entries, CLAIM)).toEqual(before);

    adjudicate(book, clp([svc(20000, 16000, [cas('CO-45', 4000)])]));
    expect(figuresOf(book)).toEqual([
      line(1, { chargeCents: 20000, contractualCents: 4000, allowedCents: 16000, payerPaidCents: 16000 }),
    ]);
    expect(isSettled(book.entries, CLAIM)).toBe(true);
  });

  it.each([
    [
      'a reversal of another amount',
      (r: AdjudicationResult) => ({ ...reversalOf(r), paidCents: -1 }),
      'reversal_mismatch',
    ],
    ['an adjudication that is not a reversal', (r: AdjudicationResult) => r, 'not_a_reversal'],
  ])('refuses %s', (_, make, code) => {
    const book = chargedBook(CLAIM, [20000]);
    const result = clp([svc(20000, 15000, [cas('CO-45', 5000)])]);
    const posted = adjudicate(book, result)!;
    expect(() => reverseAdjudication(posted, make(result))).toThrow(LedgerError);
    expect(() => reverseAdjudication(posted, make(result))).toThrow(expect.objectContaining({ code }));
  });
});
