import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { patientBody, payerBody } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'patients' | 'payers', orgId: string) => {
  const rows = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId}`,
  );
  return rows[0]!.n;
};

describe('Idempotency-Key', () => {
  it('replays the first response for a retried POST and creates one row', async () => {
    const org = await t.newOrg();
    const first = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'retry-1')
      .send(patientBody())
      .expect(201);
    const retry = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'retry-1')
      .send(patientBody())
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await count('patients', org.orgId)).toBe(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'order')
      .send(body)
      .expect(201);
    const again = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'order')
      .send(reordered)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const org = await t.newOrg();
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'mismatch')
      .send(patientBody())
      .expect(201);
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'mismatch')
      .send(patientBody({ firstName: 'Other' }))
      .expect(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await count('patients', org.orgId)).toBe(1);
  });

  it('answers 409 while a request with the same key is still in flight', async () => {
    const org = await t.newOrg();
    const body = patientBody();
    // Simulate a concurrent request: claim the key exactly as the plugin does, then retry.
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'inflight')
      .send(body)
      .expect(201);
    await t.database.db.execute(
      sql`update idempotency_keys set state = 'in_flight', response_status = null, response_body = null where org_id = ${org.orgId}`,
    );
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'inflight')
      .send(body)
      .expect(409);
    expect(res.body.code).toBe('idempotency_request_in_progress');
    expect(await count('patients', org.orgId)).toBe(1);
  });

  it('keys are per organization: the same key in two orgs creates two rows', async () => {
    const a = await t.newOrg();
    const b = await t.newOrg();
    await t.http
      .post('/v1/payers')
      .set('authorization', a.auth)
      .set('idempotency-key', 'shared')
      .send(payerBody())
      .expect(201);
    const res = await t.http
      .post('/v1/payers')
      .set('authorization', b.auth)
      .set('idempotency-key', 'shared')
      .send(payerBody())
      .expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('releases the key when the request fails, so a corrected retry can succeed', async () => {
    const org = await t.newOrg();
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'fix-me')
      .send(patientBody({ externalId: 'x1' }))
      .expect(201);
    const dup = patientBody({ externalId: 'x1', firstName: 'Again' });
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'fix-2')
      .send(dup)
      .expect(409);
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'fix-2')
      .send(dup)
      .expect(409);
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('idempotency-key', 'fix-2')
      .send({ ...dup, externalId: 'x2' })
      .expect(201);
  });

  it('refuses a malformed key', async () => {
    const org = await t.newOrg();
    const res = await t.http
      .post('/v1/payers')
      .set('authorization', org.auth)
      .set('idempotency-key', 'x'.repeat(300))
      .send(payerBody())
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].path).toBe('idempotency-key');
  });

  it('survives a storm: 200 concurrent POSTs over 20 keys create exactly 20 rows with one response per key', async () => {
    const org = await t.newOrg();
    const keys = Array.from({ length: 20 }, (_, i) => `storm-${i}`);
    // A well-behaved client retries 409 "in progress" after a moment, as Retry-After says.
    async function post(key: string) {
      const body = patientBody({ externalId: `ehr-${key}` });
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await t.http
          .post('/v1/patients')
          .set('authorization', org.auth)
          .set('idempotency-key', key)
          .send(body);
        if (res.status !== 409) return { key, status: res.status, body: res.body };
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
      }
      throw new Error(`key ${key} stayed in flight`);
    }
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(keys[i % 20]!)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    for (const key of keys) {
      const bodies = results.filter((r) => r.key === key).map((r) => JSON.stringify(r.body));
      expect(bodies).toHaveLength(10);
      expect(new Set(bodies).size).toBe(1);
    }
    expect(await count('patients', org.orgId)).toBe(20);
  });
});

describe('ETag concurrency', () => {
  it('lets exactly one of 20 concurrent PATCHes with the same If-Match win', async () => {
    const org = await t.newOrg();
    const created = await t.http.post('/v1/payers').set('authorization', org.auth).send(payerBody()).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .patch(`/v1/payers/${created.body.id}`)
          .set('authorization', org.auth)
          .set('if-match', created.headers.etag!)
          .send({ timelyFilingDays: 100 + i }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = results.find((r) => r.status === 200)!;
    const now = await t.http.get(`/v1/payers/${created.body.id}`).set('authorization', org.auth).expect(200);
    expect(now.body.timelyFilingDays).toBe(winner.body.timelyFilingDays);
    expect(now.headers.etag).toBe('"v2"');
  });
});
