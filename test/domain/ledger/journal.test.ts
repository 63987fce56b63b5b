import { describe, expect, it } from 'vitest';
import {
  accountKey,
  chargeClaim,
  isBalanced,
  journalTransaction,
  type LedgerEntry,
  LedgerError,
  receivable,
  reverse,
  reverseClaimCharge,
} from '../../../src/domain/ledger/index.js';
import { PATIENT, PATIENT_ID, PRIMARY } from './ledger.fixtures.js';

const entry = (amountCents: number, account: LedgerEntry['account'] = { kind: 'cash' }): LedgerEntry => ({
  account,
  amountCents,
  category: 'patient_paid',
  claimId: account.kind === 'receivable' ? account.claimId : null,
  lineNumber: null,
  patientId: PATIENT_ID,
  reasonCode: null,
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
  return undefined;
}

describe('isBalanced', () => {
  it.each([
    ['debits equal to credits', [100, -60, -40], true],
    ['a debit without its credit', [100, -99], false],
    ['a zero entry', [100, 0, -100], false],
    ['a fraction of a cent', [0.5, -0.5], false],
    ['an unsafe integer', [2 ** 53, -(2 ** 53)], false],
    ['a running total leaving the safe range', [Number.MAX_SAFE_INTEGER, 1, -1, -Number.MAX_SAFE_INTEGER], false],
    ['no entries at all (vacuously)', [], true],
  ])('%s → %s', (_, amounts, expected) => {
    expect(isBalanced(amounts.map((amountCents) => ({ amountCents })))).toBe(expected);
  });
});

describe('journalTransaction', () => {
  it('refuses an empty transaction', () => {
    expect(codeOf(() => journalTransaction('patient_payment', []))).toBe('empty_transaction');
  });

  it('refuses an unbalanced transaction, naming the difference', () => {
    const error = (() => {
      try {
        journalTransaction('patient_payment', [entry(100), entry(-90)]);
      } catch (e) {
        return e as LedgerError;
      }
    })();
    expect(error).toBeInstanceOf(LedgerError);
    expect(error?.code).toBe('unbalanced_transaction');
    expect(error?.details).toEqual({ totalCents: 10 });
  });

  it.each([0, 1.5, Number.NaN, 2 ** 53])('refuses an entry of %s cents', (amount) => {
    expect(codeOf(() => journalTransaction('patient_payment', [entry(amount), entry(-amount)]))).toBe('invalid_amount');
  });

  it('refuses a receivable entry that names another claim than its account', () => {
    const wrong = { ...entry(100, receivable('clm_1', PATIENT)), claimId: 'clm_2' };
    expect(codeOf(() => journalTransaction('patient_payment', [entry(-100), wrong]))).toBe('inconsistent_entry');
  });

  it('returns a frozen transaction: entries are never updated', () => {
    const t = journalTransaction('patient_payment', [entry(100), entry(-100)]);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.entries)).toBe(true);
    expect(Object.isFrozen(t.entries[0])).toBe(true);
  });
});

describe('reverse', () => {
  const charge = chargeClaim({
    claimId: 'clm_1',
    patientId: PATIENT_ID,
    billTo: PRIMARY,
    lines: [
      { lineNumber: 1, chargeCents: 20000 },
      { lineNumber: 2, chargeCents: 0 },
      { lineNumber: 3, chargeCents: 7500 },
    ],
  })!;

  it('posts a charge per line with a charge: Dr receivable(claim, primary) / Cr charges', () => {
    expect(charge.entries.map((e) => [accountKey(e.account), e.amountCents, e.lineNumber, e.category])).toEqual([
      ['receivable:clm_1:coverage:cov_primary', 20000, 1, 'charge'],
      ['charges', -20000, 1, 'charge'],
      ['receivable:clm_1:coverage:cov_primary', 7500, 3, 'charge'],
      ['charges', -7500, 3, 'charge'],
    ]);
    expect(charge.entries.every((e) => e.claimId === 'clm_1' && e.patientId === PATIENT_ID)).toBe(true);
  });

  it('negates every entry and keeps its account, claim, line and category', () => {
    const back = reverse(charge);
    expect(back.reversal).toBe(true);
    expect(back.entries.map((e) => e.amountCents)).toEqual([-20000, 20000, -7500, 7500]);
    expect(back.entries.map(({ amountCents, ...rest }) => rest)).toEqual(
      charge.entries.map(({ amountCents, ...rest }) => rest),
    );
  });

  it('gives the original back when applied twice', () => {
    expect(reverse(reverse(charge))).toEqual(charge);
  });

  it('voids a claim charge only from a claim charge transaction', () => {
    expect(reverseClaimCharge(charge)).toEqual(reverse(charge));
    expect(codeOf(() => reverseClaimCharge(reverse(charge)))).toBe('wrong_transaction_kind');
  });

  it('bills a self-pay claim to the patient, and posts nothing for a claim of 0.00', () => {
    const selfPay = chargeClaim({
      claimId: 'clm_2',
      patientId: PATIENT_ID,
      billTo: PATIENT,
      lines: [{ lineNumber: 1, chargeCents: 9000 }],
    })!;
    expect(accountKey(selfPay.entries[0]!.account)).toBe('receivable:clm_2:patient');
    expect(
      chargeClaim({ claimId: 'c', patientId: PATIENT_ID, billTo: PATIENT, lines: [{ lineNumber: 1, chargeCents: 0 }] }),
    ).toBeNull();
    expect(
      codeOf(() =>
        chargeClaim({ claimId: 'c', patientId: 'p', billTo: PATIENT, lines: [{ lineNumber: 1, chargeCents: -1 }] }),
      ),
    ).toBe('invalid_amount');
  });
});
