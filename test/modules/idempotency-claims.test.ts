import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import type { RequestContext } from '../../src/lib/context.js';
import { AppError } from '../../src/lib/problem.js';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { OWNER_LOCK_NAMESPACE } from '../../src/modules/idempotency/instance-lock.js';
import { writeTx } from '../../src/modules/idempotency/unit-of-work.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { coverageBody, patientBody } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * Another API process, alive: it holds its instance lock on a session of its own (on PGlite, the one
 * session there is; the claim check only asks whether the lock is granted).
 */
async function liveInstance(owner: number) {
  const lock = sql`select pg_advisory_lock(${OWNER_LOCK_NAMESPACE}::int, ${owner}::int)`;
  const unlock = sql`select pg_advisory_unlock(${OWNER_LOCK_NAMESPACE}::int, ${owner}::int)`;
  if (!t.database.url) {
    await t.database.db.execute(lock);
    return { stop: async () => void (await t.database.db.execute(unlock)) };
  }
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  await client.query('select pg_advisory_lock($1, $2)', [OWNER_LOCK_NAMESPACE, owner]);
  return { stop: () => client.end() };
}

/** Turns a completed key back into a claim in flight, as the process `owner` left it. */
async function inFlight(orgId: string, key: string, owner: number, lockedForSeconds: number, token = 'theirs') {
  await t.database.db.execute(sql`
    update idempotency_keys set state = 'in_flight', response_status = null, response_body = null,
      response_headers = null, owner_lock = ${owner}, claim_token = ${token},
      locked_until = now() + make_interval(secs => ${lockedForSeconds})
    where org_id = ${orgId} and key = ${key}`);
}

const post = (org: TestOrg, key: string, body: object) =>
  t.http.post('/v1/patients').set('authorization', org.auth).set('idempotency-key', key).send(body);

const patients = async (orgId: string) =>
  (
    await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from patients where org_id = ${orgId}`)
  )[0]!.n;

describe('Idempotency-Key claims', () => {
  it('takes over at once a key whose process is gone (killed mid-request), though its lease runs for minutes', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    await post(org, 'crashed', body).expect(201);
    await inFlight(org.orgId, 'crashed', 424_242, 300);
    const retry = await post(org, 'crashed', body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const replay = await post(org, 'crashed', body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(retry.body.id);
  });

  it('answers 409 while a live process holds the key, with Retry-After the seconds its lease has left', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    await post(org, 'held', body).expect(201);
    const other = await liveInstance(515_151);
    try {
      await inFlight(org.orgId, 'held', 515_151, 42);
      const res = await post(org, 'held', body).expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('idempotency_request_in_progress');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(41);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(42);
    } finally {
      await other.stop();
    }
    // That process stopped (or died): the key is free now, not in 42 s.
    await post(org, 'held', body).expect(201);
  });

  it('takes over a key a live process has held past its lease', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    await post(org, 'stuck', body).expect(201);
    const other = await liveInstance(626_262);
    try {
      await inFlight(org.orgId, 'stuck', 626_262, -1);
      const res = await post(org, 'stuck', body).expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  it('gives its own in-flight claims a Retry-After of the whole lease (2 × the statement timeout)', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    await post(org, 'mine', body).expect(201);
    await t.database.db.execute(sql`
      update idempotency_keys set state = 'in_flight', response_status = null, response_body = null,
        locked_until = now() + make_interval(secs => 60)
      where org_id = ${org.orgId} and key = 'mine'`);
    const res = await post(org, 'mine', body).expect(409);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(59);
  });

  it('rolls back a write whose key another request took over, and answers 409 with Retry-After', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    await post(org, 'taken', body).expect(201);
    const other = await liveInstance(737_373);
    try {
      await inFlight(org.orgId, 'taken', 737_373, 30, 'the-new-holder');
      const ctx: RequestContext = {
        orgId: org.orgId,
        timeZone: 'UTC',
        actor: 'test-suite',
        requestId: 'req_takeover',
        idempotency: { key: 'taken', token: 'the-old-holder', completed: false },
      };
      const write = writeTx(t.database.db, ctx, async (tx) => {
        await recordAudit(tx, ctx, 'read', 'patient', ['pat_takeover']);
        return { status: 201, body: { ok: true } };
      });
      const err = await write.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
      expect(Number((err as AppError).extra.headers?.['retry-after'])).toBeGreaterThanOrEqual(29);
      const audits = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_events where org_id = ${org.orgId} and request_id = 'req_takeover'`,
      );
      expect(audits[0]!.n).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('never answers "in progress" for a key its failed request released: concurrent failures, then a retry', async () => {
    const org = await t.newOrg();
    const body = coverageBody('pat_doesnotexist0000000000', 'pyr_doesnotexist0000000000');
    const send = () =>
      t.http.post('/v1/coverages').set('authorization', org.auth).set('idempotency-key', 'fails').send(body);
    const results = await Promise.all(Array.from({ length: 12 }, send));
    const failure = results.find((r) => r.status !== 409)!;
    expect(failure.status).toBeGreaterThanOrEqual(400);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    for (let i = 0; i < 3; i++) {
      const again = await send();
      expect(again.status).toBe(failure.status);
      expect(again.body.code).toBe(failure.body.code);
    }
    expect(await patients(org.orgId)).toBe(0);
  });
});
