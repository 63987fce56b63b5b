import { describe, expect, it } from 'vitest';
import { claimCodeFingerprint, duplicateClaim } from '../../../src/domain/scrub/duplicate.rules.js';
import type { ExistingClaimFingerprint } from '../../../src/domain/scrub/types.js';
import { cleanInput, makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const codes = claimCodeFingerprint(cleanInput().claim.lines);
const existing = (changes: Partial<ExistingClaimFingerprint> = {}): ExistingClaimFingerprint => ({
  claimId: 'clm_old',
  patientId: 'pat_1',
  dateOfService: '2025-03-10',
  billingProviderId: 'prv_billing',
  codes,
  status: 'submitted',
  createdAt: '2025-03-10T15:00:00.000Z',
  ...changes,
});
const withExisting = (...claims: ExistingClaimFingerprint[]) => makeInput({ existingClaims: claims });
/** The scrubbed claim as stored (a rescrub), built at `createdAt`. */
const storedAt = (createdAt: string, ...claims: ExistingClaimFingerprint[]) =>
  makeInput({ existingClaims: claims, storedClaim: { id: 'clm_this', createdAt } });

describe('claimCodeFingerprint', () => {
  it('sorts lines and modifiers and upper-cases them', () => {
    const lines = [
      { code: 'J1100', modifiers: [] },
      { code: '20610', modifiers: ['xs', 'LT'] },
    ];
    expect(claimCodeFingerprint(lines)).toEqual(['20610-LT-XS', 'J1100']);
  });
});

ruleTable(duplicateClaim, 'duplicate.claim', [
  { name: 'accepts a patient without other claims', input: makeInput(), expected: [] },
  { name: 'rejects an identical live claim', input: withExisting(existing()), expected: [['error', 'lines']] },
  {
    name: 'matches fingerprints in any order',
    input: withExisting(existing({ codes: [...codes].reverse() })),
    expected: [['error', 'lines']],
  },
  { name: 'ignores a void claim', input: withExisting(existing({ status: 'void' })), expected: [] },
  { name: 'ignores a replaced claim', input: withExisting(existing({ status: 'replaced' })), expected: [] },
  {
    name: 'accepts another date of service',
    input: withExisting(existing({ dateOfService: '2025-03-11' })),
    expected: [],
  },
  {
    name: 'compares on the earliest service date when a line predates the encounter',
    input: makeInput((i) => {
      i.claim.lines[0] = { ...i.claim.lines[0]!, dateOfService: '2025-03-09' };
      i.existingClaims = [existing({ dateOfService: '2025-03-09', codes: claimCodeFingerprint(i.claim.lines) })];
    }),
    expected: [['error', 'lines']],
  },
  {
    name: 'accepts another billing provider',
    input: withExisting(existing({ billingProviderId: 'prv_other' })),
    expected: [],
  },
  { name: 'accepts different services', input: withExisting(existing({ codes: ['93000', '36415'] })), expected: [] },
  // Not a duplicate claim, but the shared line is what payers deny as a duplicate line (CARC 18).
  {
    name: 'warns on a line also billed on another claim that day',
    input: withExisting(existing({ codes: ['99214-25'] })),
    expected: [['warning', 'lines[0]']],
  },
  {
    name: 'does not match a line whose modifiers differ',
    input: withExisting(existing({ codes: ['99214'] })),
    expected: [],
  },
  { name: 'accepts another patient', input: withExisting(existing({ patientId: 'pat_2' })), expected: [] },
  {
    name: 'reports every earlier duplicate in one error',
    input: withExisting(existing(), existing({ claimId: 'clm_older', status: 'paid' })),
    expected: [['error', 'lines']],
  },
  {
    name: 'flags the later claim on its rescrub: a duplicate built before it',
    input: storedAt('2025-03-10T16:00:00.000Z', existing()),
    expected: [['error', 'lines']],
  },
  {
    name: 'does not flag the original on its rescrub: the duplicate was built after it',
    input: storedAt('2025-03-10T14:00:00.000Z', existing()),
    expected: [],
  },
  {
    name: 'orders claims built in the same millisecond by id',
    input: storedAt('2025-03-10T15:00:00.000Z', existing({ claimId: 'clm_a' }), existing({ claimId: 'clm_z' })),
    expected: [['error', 'lines']],
  },
  {
    name: 'compares creation times as instants, whatever their notation (PostgreSQL JSON against ISO)',
    input: storedAt(
      '2025-03-10T15:00:00.120Z',
      existing({ claimId: 'clm_a', createdAt: '2025-03-10T10:00:00.12-05:00' }),
      existing({ claimId: 'clm_z', createdAt: '2025-03-10T15:00:00.12+00:00' }),
    ),
    expected: [['error', 'lines']],
  },
  {
    name: 'leaves out a claim of the same instant with a later id, in PostgreSQL notation',
    input: storedAt(
      '2025-03-10T15:00:00.120Z',
      existing({ claimId: 'clm_z', createdAt: '2025-03-10T15:00:00.12+00:00' }),
    ),
    expected: [],
  },
]);

describe('duplicate.claim messages', () => {
  it('names every earlier claim that bills the same services', () => {
    const [issue, ...rest] = duplicateClaim(
      withExisting(existing(), existing({ claimId: 'clm_older', status: 'paid' })),
    );
    expect(rest).toEqual([]);
    expect(issue!.message).toBe(
      'Claims clm_old (submitted) and clm_older (paid) already bill the same services for this patient, provider and date of service.',
    );
    expect(issue!.hint).toMatch(/^Work with one of claims clm_old, clm_older instead/);
  });

  it('keeps the single-claim wording for one duplicate', () => {
    const [issue] = duplicateClaim(withExisting(existing()));
    expect(issue!.message).toBe(
      'Claim clm_old (submitted) already bills the same services for this patient, provider and date of service.',
    );
    expect(issue!.hint).toMatch(/^Work with claim clm_old instead/);
  });

  it('leaves out claims built after the one rescrubbed, and counts only the earlier ones', () => {
    const [issue] = duplicateClaim(
      storedAt(
        '2025-03-10T15:30:00.000Z',
        existing(),
        existing({ claimId: 'clm_newer', createdAt: '2025-03-10T16:00:00.000Z' }),
      ),
    );
    expect(issue!.message).toMatch(/^Claim clm_old \(submitted\) already bills/);
  });

  it('stays one small issue however many earlier copies there are: the earliest three named, all counted', () => {
    // 40 same-day copies, built a minute apart, listed newest first as a database might return them.
    const copies = Array.from({ length: 40 }, (_, i) =>
      existing({
        claimId: `clm_copy${String(i).padStart(2, '0')}`,
        createdAt: new Date(Date.UTC(2025, 2, 10, 15, i)).toISOString(),
      }),
    ).reverse();
    const issues = duplicateClaim(withExisting(...copies));
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue!.message).toBe(
      'Claims clm_copy00 (submitted), clm_copy01 (submitted), clm_copy02 (submitted) and 37 more (40 in all) ' +
        'already bill the same services for this patient, provider and date of service.',
    );
    expect(issue!.hint).toMatch(/^Work with one of claims clm_copy00, clm_copy01, clm_copy02 instead/);
    expect(issue!.message).not.toContain('clm_copy03');
    expect(issue!.hint).not.toContain('clm_copy03');
    expect(JSON.stringify(issue).length).toBeLessThan(600);
  });

  it('names all three when there are exactly three, without a count', () => {
    const [issue] = duplicateClaim(
      withExisting(existing({ claimId: 'clm_a' }), existing({ claimId: 'clm_b' }), existing({ claimId: 'clm_c' })),
    );
    expect(issue!.message).toMatch(
      /^Claims clm_a \(submitted\), clm_b \(submitted\), clm_c \(submitted\) already bill/,
    );
  });
});
