import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { readFeed } from '../support/events.js';
import { createClinic, encounterBody, type Clinic } from '../support/clinic.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Ev = { id: string; type: string; data: Record<string, unknown> };

async function poll(c: Clinic, after: string | null, limit = 100, types?: string) {
  const res = await t.http
    .get('/v1/events')
    .query({ limit, ...(after ? { after } : {}), ...(types ? { types } : {}) })
    .set('authorization', c.org.auth)
    .expect(200);
  return res.body as { data: Ev[]; nextCursor: string | null };
}

describe('GET /v1/events', () => {
  it('lists changes oldest first, filters by type, and continues after a given event', async () => {
    const c = await createClinic(t);
    const enc = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
    const claimId = enc.body.claims[0].id;
    await t.http.post(`/v1/claims/${claimId}/hold`).set('authorization', c.org.auth).send({}).expect(200);
    const all = { data: await readFeed(t, c.org, 3) };
    expect(all.data.map((e) => e.type)).toEqual(['encounter.created', 'claim.created', 'claim.status_changed']);
    expect(all.data[2]!.data).toMatchObject({
      claimId,
      previousStatus: 'ready',
      status: 'on_hold',
      actor: 'test-suite',
    });
    const onlyStatus = await poll(c, null, 100, 'claim.status_changed');
    expect(onlyStatus.data).toHaveLength(1);
    const rest = await poll(c, all.data[0]!.id);
    expect(rest.data.map((e) => e.id)).toEqual(all.data.slice(1).map((e) => e.id));
    const page = await poll(c, null, 2);
    expect(page.nextCursor).toBe(page.data[1]!.id);
  });

  it('refuses an unknown cursor or type with 400', async () => {
    const c = await createClinic(t);
    expect(
      (
        await t.http
          .get('/v1/events')
          .query({ after: 'evt_00000000000000000000000000' })
          .set('authorization', c.org.auth)
          .expect(400)
      ).body.code,
    ).toBe('invalid_cursor');
    await t.http.get('/v1/events').query({ types: 'claim.exploded' }).set('authorization', c.org.auth).expect(400);
  });

  it('needs the events:read scope', async () => {
    const c = await createClinic(t);
    const token = await c.org.tokenWith(['claims:read']);
    await t.http.get('/v1/events').set('authorization', `Bearer ${token}`).expect(403);
  });

  it('gives a poller every event exactly once while writers commit concurrently', async () => {
    const c = await createClinic(t);
    const writers = 40;
    let writing = true;
    const seen: string[] = [];
    let cursor: string | null = null;
    const poller = (async () => {
      for (let idle = 0; writing || idle < 3; ) {
        const page = await poll(c, cursor, 7);
        seen.push(...page.data.map((e) => e.id));
        if (page.data.length) cursor = page.data[page.data.length - 1]!.id;
        idle = page.data.length === 0 && !writing ? idle + 1 : 0;
        if (page.data.length < 7) await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const enc = await t.http
          .post('/v1/encounters')
          .set('authorization', c.org.auth)
          .send(encounterBody(c, { externalId: `feed-${i}`, placeOfService: i % 2 ? '11' : '22' }))
          .expect(201);
        if (i % 4 === 0)
          await t.http
            .post(`/v1/claims/${enc.body.claims[0].id}/hold`)
            .set('authorization', c.org.auth)
            .send({})
            .expect(200);
      }),
    );
    writing = false;
    await poller;
    const stored = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from events where org_id = ${c.org.orgId}`,
    );
    expect(stored).toHaveLength(writers * 2 + writers / 4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(stored.map((r) => r.id).sort());
    // Ids sort in the order the feed returned them, across transactions and within one (encounter.created, then
    // claim.created, in one statement).
    expect(seen).toEqual([...seen].sort());
  });

  it('reads events written before typed events once migration 0017 has given them their shapes', async () => {
    const c = await createClinic(t);
    const enc = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
    const claimId = enc.body.claims[0].id as string;
    const legacy = [
      [
        'claim.status_changed',
        {
          claimId,
          encounterId: enc.body.id,
          previousStatus: 'ready',
          status: 'submitted',
          reason: 'x',
          reasonCodes: [],
          actor: 'a',
        },
      ],
      ['claim.submitted', { claimId, submissionId: 'sub_legacy', payerId: c.payerId }],
      [
        'claim.rejected',
        {
          claimId,
          encounterId: enc.body.id,
          acknowledgmentId: 'ack_l',
          submissionId: null,
          source: '999',
          codes: ['IK5:R'],
          reason: '999 rejected',
        },
      ],
      ['claim.closed', { claimId, encounterId: enc.body.id, patientId: c.patientId, previousStatus: 'paid' }],
      ['claim.reopened', { claimId, encounterId: enc.body.id, patientId: c.patientId, status: 'paid' }],
      [
        'refund.posted',
        {
          id: 'rfd_legacy',
          patientId: c.patientId,
          recipient: 'patient',
          amountCents: 5,
          method: 'cash',
          refundedOn: '2026-01-02',
          claimId: null,
          coverageId: null,
          payerId: null,
          object: 'refund',
        },
      ],
    ] as const;
    for (const [type, data] of legacy) {
      await t.database.exec(
        `insert into events (org_id, type, data) values ('${c.org.orgId}', '${type}', '${JSON.stringify(data)}'::jsonb)`,
      );
    }
    const migration = readdirSync('migrations').find((f) => f.startsWith('0017_'))!;
    const backfill = readFileSync(`migrations/${migration}`, 'utf8')
      .split('--> statement-breakpoint')
      .filter((s) => /UPDATE events (e )?SET data/.test(s));
    expect(backfill.length).toBeGreaterThan(5);
    for (const statement of backfill) await t.database.exec(statement);
    const feed = await readFeed(t, c.org, 2 + legacy.length);
    expect(feed.find((e) => e.type === 'claim.submitted')!.data).toMatchObject({
      claimId,
      patientId: c.patientId,
      previousStatus: 'ready',
      status: 'submitted',
    });
    expect(feed.find((e) => e.type === 'refund.posted')!.data).toMatchObject({ refundId: 'rfd_legacy' });
  });

  it('gives every claim event the claim, its encounter and patient, and both statuses of a change', async () => {
    const c = await createClinic(t);
    const enc = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
    const claimId = enc.body.claims[0].id;
    await t.http.post(`/v1/claims/${claimId}/hold`).set('authorization', c.org.auth).send({ reason: 'chart review' });
    const feed = await readFeed(t, c.org, 3);
    const ref = { claimId, encounterId: enc.body.id, patientId: c.patientId };
    expect(feed[1]).toMatchObject({ type: 'claim.created', data: { ...ref, status: 'ready', payerId: c.payerId } });
    expect(feed[2]).toMatchObject({
      type: 'claim.status_changed',
      data: { ...ref, previousStatus: 'ready', status: 'on_hold', reason: 'chart review', reasonCodes: [] },
    });
    expect(feed.map((e) => e.id)).toEqual(feed.map((e) => e.id).sort());
  });
});
