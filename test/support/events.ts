import type { NewEvent } from '../../src/domain/events.js';
import type { TestApp, TestOrg } from './app.js';

export type FeedEvent = { id: string; type: string; data: Record<string, unknown> };

/**
 * Reads the whole feed once at least `expected` events are visible. The feed shows an event only
 * after every older transaction in the cluster has finished (that is what makes it gap-free), so a
 * busy server — e.g. other test files writing in parallel — can delay visibility briefly.
 */
export async function readFeed(
  t: TestApp,
  org: TestOrg,
  expected: number,
  query: Record<string, string> = {},
): Promise<FeedEvent[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await t.http
      .get('/v1/events')
      .query({ limit: 500, ...query })
      .set('authorization', org.auth)
      .expect(200);
    const data = res.body.data as FeedEvent[];
    if (data.length >= expected || Date.now() > deadline) return data;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A claim.updated of a made-up claim (tests that need events of their own, not of a real change). */
export const claimUpdated = (n: number): NewEvent => ({
  type: 'claim.updated',
  data: {
    claimId: `clm_test${n}`,
    encounterId: `enc_test${n}`,
    patientId: 'pat_test',
    payerId: 'pyr_test',
    status: 'ready',
    totalChargeCents: 100 + n,
    errorCount: 0,
    warningCount: 0,
  },
});

/** A payment.posted of a made-up payment. */
export const paymentPosted = (n: number): NewEvent => ({
  type: 'payment.posted',
  data: {
    paymentId: `pmt_test${n}`,
    patientId: 'pat_test',
    amountCents: 100 + n,
    appliedCents: 100 + n,
    creditCents: 0,
    method: 'card',
    receivedOn: '2026-03-14',
    allocations: [],
  },
});
