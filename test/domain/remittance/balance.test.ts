import { describe, expect, it } from 'vitest';
import type { AdjudicationResult } from '../../../src/domain/remittance/adjudication.js';
import {
  balanceErrors,
  remittanceBalanceErrors,
  transactionBalanceError,
} from '../../../src/domain/remittance/balance.js';
import { readRemittances835 } from '../../../src/domain/x12/remittance-835.js';
import { CLAIM, oneSet } from '../x12/remittance-835.fixtures.js';

describe('balancing (005010X221A1 1.10.2.1), on adjudications posted as JSON', () => {
  const base: AdjudicationResult = readRemittances835(oneSet(...CLAIM)).remittances[0]!.claims[0]!;

  it('finds nothing to report on a balanced claim', () => {
    expect(balanceErrors(base)).toEqual([]);
  });

  it('reports a line whose charge minus adjustments is not its payment, and the claim it unbalances', () => {
    const line = { ...base.lines[1]!, paidCents: 3000 };
    const errors = balanceErrors({ ...base, lines: [base.lines[0]!, line] });
    expect(errors.map((e) => [e.level, e.lineIndex, e.differenceCents])).toEqual([
      ['line', 1, 200],
      ['claim', null, -200], // Σ SVC03 (130.00) − claim adjustments ≠ CLP04 (132.00)
    ]);
    expect(errors[0]!.patientControlNumber).toBe('PCN-1');
    expect(errors[0]!.message).toBe('Service line 2: charge 76.00 − adjustments 44.00 = 32.00, paid (SVC03) is 30.00');
  });

  it('counts claim-level and line-level adjustments together', () => {
    const deductible = { group: 'PR' as const, reasonCode: '1', amountCents: 1000, quantityThousandths: null };
    const adjusted = { ...base, paidCents: 12200, adjustments: [deductible] };
    expect(balanceErrors(adjusted)).toEqual([]);
    expect(balanceErrors({ ...adjusted, paidCents: 13200 }).map((e) => [e.level, e.differenceCents])).toEqual([
      ['claim', -1000],
      ['claim', -1000],
    ]);
  });

  it('reports lines whose charges do not add up to CLP03', () => {
    // 230.00 − 94.00 of line adjustments = 136.00 balances CLP04, but the lines only paid 132.00.
    const errors = balanceErrors({ ...base, chargeCents: 23000, paidCents: 13600 });
    expect(errors).toEqual([expect.objectContaining({ level: 'claim', lineIndex: null, differenceCents: -400 })]);
    expect(errors[0]!.message).toContain('line payments 132.00');
  });

  it('balances a claim without lines on its claim-level adjustments alone', () => {
    const contractual = { group: 'CO' as const, reasonCode: '45', amountCents: 9400, quantityThousandths: null };
    expect(balanceErrors({ ...base, lines: [], adjustments: [contractual] })).toEqual([]);
    expect(balanceErrors({ ...base, lines: [] })[0]).toMatchObject({ level: 'claim', differenceCents: 9400 });
  });

  it('balances the transaction: Σ CLP04 − Σ PLB = BPR02', () => {
    const plb = { providerId: '1', fiscalPeriodDate: null, reasonCode: 'L6', reference: null, amountCents: -127 };
    expect(transactionBalanceError({ paymentCents: 15000000, providerAdjustments: [plb] }, 14999873)).toBeNull();
    expect(transactionBalanceError({ paymentCents: 100, providerAdjustments: [] }, 99)).toMatchObject({
      level: 'file',
      patientControlNumber: null,
      differenceCents: -1,
    });
  });

  it('collects every level for a remittance held in memory', () => {
    const short = { ...base, lines: [{ ...base.lines[0]!, paidCents: 9000 }, base.lines[1]!] };
    const errors = remittanceBalanceErrors({ paymentCents: 26500, providerAdjustments: [] }, [base, short]);
    expect(errors.map((e) => [e.level, e.differenceCents])).toEqual([
      ['line', 1000],
      ['claim', -1000],
      ['file', -100],
    ]);
  });

  it('throws a RangeError, as sumCents does, when a total leaves the safe-integer range', () => {
    const huge = { ...base.lines[0]!.adjustments[0]!, amountCents: -Number.MAX_SAFE_INTEGER };
    expect(() => balanceErrors({ ...base, adjustments: [huge] })).toThrow(RangeError);
  });
});
