import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  CLAIM_STATUSES,
  InvalidTransitionError,
  isClaimStatus,
  isEditable,
  isSubmittable,
  isTerminal,
  type ClaimStatus,
} from '../../../src/domain/claims/claim-status.js';

// The lifecycle restated independently of the implementation's table: every allowed move, and only those.
const ALLOWED: [ClaimStatus, ClaimStatus][] = [
  ['needs_attention', 'ready'],
  ['needs_attention', 'on_hold'],
  ['needs_attention', 'void'],
  ['ready', 'needs_attention'],
  ['ready', 'submitted'],
  ['ready', 'on_hold'],
  ['ready', 'void'],
  ['on_hold', 'ready'],
  ['on_hold', 'needs_attention'],
  ['on_hold', 'void'],
  ['submitted', 'accepted'],
  ['submitted', 'rejected'],
  ['submitted', 'paid'],
  ['submitted', 'partially_paid'],
  ['submitted', 'denied'],
  ['accepted', 'rejected'],
  ['accepted', 'paid'],
  ['accepted', 'partially_paid'],
  ['accepted', 'denied'],
  ['accepted', 'replaced'],
  ['accepted', 'void'],
  ['rejected', 'ready'],
  ['rejected', 'needs_attention'],
  ['rejected', 'on_hold'],
  ['rejected', 'void'],
  ['paid', 'closed'],
  ['paid', 'reversed'],
  ['paid', 'replaced'],
  ['paid', 'void'],
  ['paid', 'appealed'],
  ['partially_paid', 'paid'],
  ['partially_paid', 'closed'],
  ['partially_paid', 'reversed'],
  ['partially_paid', 'replaced'],
  ['partially_paid', 'void'],
  ['partially_paid', 'appealed'],
  ['denied', 'appealed'],
  ['denied', 'paid'],
  ['denied', 'partially_paid'],
  ['denied', 'replaced'],
  ['denied', 'void'],
  ['denied', 'closed'],
  ['appealed', 'paid'],
  ['appealed', 'partially_paid'],
  ['appealed', 'denied'],
  ['reversed', 'paid'],
  ['reversed', 'partially_paid'],
  ['reversed', 'denied'],
  ['reversed', 'appealed'],
  ['reversed', 'replaced'],
  ['reversed', 'void'],
  ['reversed', 'closed'],
  ['closed', 'reversed'],
  ['closed', 'replaced'],
  ['closed', 'void'],
  ['closed', 'paid'],
  ['closed', 'partially_paid'],
  ['closed', 'denied'],
];

// Moves a billing system must refuse, with the reason.
const FORBIDDEN: [ClaimStatus, ClaimStatus, string][] = [
  ['needs_attention', 'submitted', 'a claim with scrub errors is never sent'],
  ['on_hold', 'submitted', 'a held claim is rescrubbed before it is sent'],
  ['rejected', 'submitted', 'a rejection is fixed and rescrubbed first'],
  ['rejected', 'denied', 'a rejection is never a denial'],
  ['rejected', 'replaced', 'a rejected claim was never adjudicated, so it is not replaced'],
  ['rejected', 'appealed', 'there is no decision to appeal'],
  ['denied', 'rejected', 'an adjudicated claim is past the front end'],
  ['submitted', 'void', 'a claim in flight cannot be voided'],
  ['submitted', 'on_hold', 'a claim in flight cannot be held'],
  ['submitted', 'ready', 'a sent claim is not sent again'],
  ['paid', 'partially_paid', 'money taken back is a reversal'],
  ['paid', 'denied', 'a paid claim is reversed before it is re-adjudicated'],
  ['closed', 'submitted', 'a settled claim is not sent again'],
  ['appealed', 'closed', 'an appeal ends in a decision'],
  ['void', 'ready', 'void is terminal'],
  ['replaced', 'paid', 'replaced is terminal'],
  ['ready', 'ready', 'staying put is not a transition'],
];

const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));

describe('claim status transitions', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(FORBIDDEN)('forbids %s -> %s: %s', (from, to) => {
    expect(allowed.has(`${from}>${to}`)).toBe(false);
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTransitionError);
    expect(thrown).toMatchObject({ from, to, code: 'invalid_claim_transition' });
  });

  it('allows nothing outside the lifecycle', () => {
    for (const from of CLAIM_STATUSES) {
      for (const to of CLAIM_STATUSES) {
        expect({ from, to, allowed: canTransition(from, to) }).toEqual({
          from,
          to,
          allowed: allowed.has(`${from}>${to}`),
        });
      }
    }
  });
});

describe('claim status predicates', () => {
  it.each(CLAIM_STATUSES.map((status) => [status] as const))('classifies %s', (status) => {
    expect({
      submittable: isSubmittable(status),
      editable: isEditable(status),
      terminal: isTerminal(status),
    }).toEqual({
      submittable: status === 'ready',
      editable: ['needs_attention', 'ready', 'on_hold', 'rejected'].includes(status),
      terminal: status === 'replaced' || status === 'void',
    });
  });

  it('recognises status strings', () => {
    expect(isClaimStatus('partially_paid')).toBe(true);
    expect(isClaimStatus('pending')).toBe(false);
  });
});
