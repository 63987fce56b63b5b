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
