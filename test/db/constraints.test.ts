import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { CLAIM_STATUSES } from '../../src/domain/claims/claim-status.js';
import { sqlState } from '../../src/lib/problem.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createClinic, encounterBody } from '../support/clinic.js';

let t: TestApp;
let claimId: string;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  const c = await createClinic(t);
  orgId = c.org.orgId;
  const res = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
  claimId = res.body.claims[0].id;
});
afterAll(() => t.close());

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (err) {
    return sqlState(err);
  }
  return 'no error';
};

describe('the database guards the claim statuses the code knows', () => {
  it('refuses a claim status outside CLAIM_STATUSES (check_violation)', async () => {
    const state = await failure(
      t.database.db.execute(sql`update claims set status = 'paid_in_full' where org_id = ${orgId} and id = ${claimId}`),
    );
    expect(state).toBe('23514');
  });

  it('refuses an unknown status in the claim history, and an unknown frequency code', async () => {
    expect(
      await failure(
        t.database.db.execute(sql`insert into claim_history (org_id, claim_id, from_status, to_status, reason, actor)
          values (${orgId}, ${claimId}, 'ready', 'lost', 'test', 'test')`),
      ),
    ).toBe('23514');
    expect(
      await failure(
        t.database.db.execute(sql`update claims set frequency_code = '9' where org_id = ${orgId} and id = ${claimId}`),
      ),
    ).toBe('23514');
  });

  it('holds exactly the statuses of claim-status.ts in its constraint', async () => {
    const [row] = await queryRows<{ def: string }>(
      t.database.db,
      sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'claims_status_known'`,
    );
    const listed = [...row!.def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(listed).toEqual([...CLAIM_STATUSES]);
  });

  it('accepts every known status', async () => {
    for (const status of CLAIM_STATUSES) {
      await t.database.db.execute(
        sql`update claims set status = ${status} where org_id = ${orgId} and id = ${claimId}`,
      );
    }
  });
});
