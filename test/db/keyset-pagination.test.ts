import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { patientBody } from '../support/factories.js';

// Keyset pages (src/lib/pagination.ts) continue from the cursor with a (updatedAt, id) row comparison; rows that
// share an updatedAt are the case the id tie-break exists for, and the API cannot produce them on demand.
let t: TestApp;
let auth: string;
let ids: string[];
beforeAll(async () => {
  t = await createTestApp();
  const org = await t.newOrg();
  auth = org.auth;
  ids = [];
  for (let i = 0; i < 7; i++) {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', auth)
      .send(patientBody({ externalId: `keyset-${i}`, lastName: `Keyset${String.fromCharCode(65 + i)}` }))
      .expect(201);
    ids.push(res.body.id);
  }
  // Five of the seven at one instant, two a second later: pages of two straddle the ties.
  const tied = sql.join(
    ids.slice(0, 5).map((id) => sql`${id}`),
    sql`, `,
  );
  await t.database.db.execute(sql`update patients set updated_at = case when id in (${tied})
    then timestamptz '2026-01-01T00:00:00.123Z' else timestamptz '2026-01-01T00:00:01.123Z' end
    where org_id = ${org.orgId}`);
});
afterAll(() => t.close());

async function walk(query: string) {
  const seen: { id: string; updatedAt: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { body: { data: { id: string; updatedAt: string }[]; nextCursor: string | null } } = await t.http
      .get(`/v1/patients?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      .set('authorization', auth)
      .expect(200);
    seen.push(...res.body.data.map((p) => ({ id: p.id, updatedAt: p.updatedAt })));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return seen;
}

const inKeyOrder = (rows: { id: string; updatedAt: string }[]) =>
  [...rows].sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? -1 : 1));

describe('keyset pagination over rows that share an updatedAt', () => {
  it('returns every row once, in (updatedAt, id) order, across pages that split the ties', async () => {
    const seen = await walk('');
    expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(seen).toEqual(inKeyOrder(seen));
    expect(new Set(seen.slice(0, 5).map((r) => r.updatedAt))).toEqual(new Set(['2026-01-01T00:00:00.123Z']));
  });

  it('keeps updatedSince and the cursor together: only the later instant, every row of it once', async () => {
    const seen = await walk(`&updatedSince=${encodeURIComponent('2026-01-01T00:00:01.123Z')}`);
    expect(seen.map((r) => r.id).sort()).toEqual(ids.slice(5).sort());
  });
});
