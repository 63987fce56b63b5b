import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { write837p } from '../../../src/domain/x12/claim-837p.js';
import type { Claim837 } from '../../../src/domain/x12/claim-837p.types.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
import { X12WriteError } from '../../../src/domain/x12/errors.js';
import { read837p } from '../../../src/domain/x12/read-837p.js';
import { roundTripDifferences, snip837p } from '../../../src/domain/x12/snip-837p.js';
import { interchange837 } from './claim-837p.arbitraries.js';

const sample = fc.sample(interchange837, { numRuns: 1, seed: 42 })[0]!;

/** The claim as a claim to the primary payer, without other payers (whose balancing a changed total would break). */
const toPrimary = (c: Claim837): Claim837 => ({
  ...c,
  subscriber: { ...c.subscriber, responsibility: 'P' },
  otherPayers: [],
});

describe('837P writer', () => {
  it('re-reads every generated interchange (0–2 other payers a claim) to the same claims and passes SNIP 1–3', () => {
    fc.assert(
      fc.property(interchange837, (spec) => {
        const text = write837p(spec);
        expect(snip837p(text)).toEqual([]);
        const reads = transactionsOf(parseX12(text)).map(read837p);
        expect(roundTripDifferences(spec, reads)).toEqual([]);
        expect(reads.flatMap((r) => r.groups)).toEqual(spec.groups);
      }),
      { numRuns: 60 },
    );
  });

  it('writes the loops in the guide order with counted envelopes', () => {
    const text = write837p(sample);
    const set = transactionsOf(parseX12(text))[0]!;
    const tags = set.segments.map((s) => s.elements[0]);
    expect(tags.slice(0, 5)).toEqual(['BHT', 'NM1', 'PER', 'NM1', 'HL']);
    expect(text).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*CLAIMSAPI {6}\*ZZ\*CLEARHOUSE {5}\*/);
    expect(text).toContain('~GS*HC*CLAIMSAPI*CLEARHOUSE*20261202*1200*');
    const clm = set.segments.find((s) => s.elements[0] === 'CLM')!;
    expect(clm.elements[5]).toMatch(/^\d{2}:B:[178]$/);
    expect(clm.elements.slice(6)).toEqual(['Y', 'A', 'Y', 'Y']);
  });

  it('writes a replacement with REF*F8 after REF*G1 and HI with ABK then ABF', () => {
    const base = sample.groups[0]!.claims[0]!;
    const c = {
      ...base,
      frequencyCode: '7' as const,
      payerClaimNumber: 'PAYER123',
      priorAuthorization: 'AUTH1',
      diagnoses: ['E119', 'I10'],
      lines: base.lines.map((l) => ({ ...l, diagnosisPointers: [1, 2] })),
    };
    const text = write837p({
      ...sample,
      groups: [{ billingProvider: sample.groups[0]!.billingProvider, claims: [c] }],
    });
    expect(text).toContain('~REF*G1*AUTH1~REF*F8*PAYER123~HI*ABK:E119*ABF:I10~');
    expect(snip837p(text)).toEqual([]);
  });

  it('splits more than 5,000 claims into several transaction sets', () => {
    const c = sample.groups[0]!.claims[0]!;
    const claims = Array.from({ length: 5001 }, (_, i) => ({ ...c, patientControlNumber: `P${i}` }));
    const text = write837p({ ...sample, groups: [{ billingProvider: sample.groups[0]!.billingProvider, claims }] });
    const sets = transactionsOf(parseX12(text));
    expect(sets.map((s) => s.controlNumber)).toEqual(['0001', '0002']);
  });

  it('refuses a name holding a delimiter, naming the element', () => {
    const c = sample.groups[0]!.claims[0]!;
    const bad = { ...c, subscriber: { ...c.subscriber, lastName: 'O*BRIEN' } };
    expect(() =>
      write837p({ ...sample, groups: [{ billingProvider: sample.groups[0]!.billingProvider, claims: [bad] }] }),
    ).toThrow(expect.objectContaining({ field: 'NM103' }) as X12WriteError);
  });

  it('reports a claim whose total does not balance (SNIP 3)', () => {
    const c = toPrimary(sample.groups[0]!.claims[0]!);
    const bad = { ...c, totalChargeCents: c.totalChargeCents + 1 };
    const text = write837p({
      ...sample,
      groups: [{ billingProvider: sample.groups[0]!.billingProvider, claims: [bad] }],
    });
    expect(snip837p(text)).toEqual([
      expect.objectContaining({ level: 3, rule: 'clm02_balance', patientControlNumber: c.patientControlNumber }),
    ]);
  });

  it('reports a frequency 7 claim without REF*F8', () => {
    const c = { ...sample.groups[0]!.claims[0]!, frequencyCode: '7' as const, payerClaimNumber: null };
    const text = write837p({
      ...sample,
      groups: [{ billingProvider: sample.groups[0]!.billingProvider, claims: [c] }],
    });
    expect(snip837p(text).map((i) => i.rule)).toContain('ref_f8_required');
  });
});
