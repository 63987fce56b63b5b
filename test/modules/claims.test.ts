import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { readFeed } from '../support/events.js';
import { createClinic, encounterBody, RECENT_DOS, type Clinic } from '../support/clinic.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function postClaim(c: Clinic, over: Record<string, unknown> = {}) {
  const res = await t.http
    .post('/v1/encounters')
    .set('authorization', c.org.auth)
    .send(encounterBody(c, over))
    .expect(201);
  return res.body.claims[0] as {
    id: string;
    status: string;
    issues: { rule: string; severity: string; path: string }[];
  };
}

describe('claims', () => {
  it('lists claims with filters and retrieves one with lines, diagnoses, issues and totals', async () => {
    const c = await createClinic(t);
    const ready = await postClaim(c);
    const broken = await postClaim(c, {
      diagnoses: [{ code: 'E11' }],
      lines: [{ code: '99214', units: 1, chargeCents: 20000, diagnosisPointers: [1] }],
    });
    const byStatus = await t.http
      .get('/v1/claims')
      .query({ status: 'needs_attention' })
      .set('authorization', c.org.auth)
      .expect(200);
    expect(byStatus.body.data.map((x: { id: string }) => x.id)).toEqual([broken.id]);
    const both = await t.http
      .get('/v1/claims')
      .query({
        status: 'ready,needs_attention',
        patientId: c.patientId,
        payerId: c.payerId,
        dateOfServiceFrom: RECENT_DOS,
        dateOfServiceTo: RECENT_DOS,
      })
      .set('authorization', c.org.auth)
      .expect(200);
    expect(both.body.data).toHaveLength(2);
    const none = await t.http
      .get('/v1/claims')
      .query({ dateOfServiceTo: '2000-01-01' })
      .set('authorization', c.org.auth)
      .expect(200);
    expect(none.body.data).toEqual([]);
    const one = await t.http.get(`/v1/claims/${ready.id}`).set('authorization', c.org.auth).expect(200);
    expect(one.body).toMatchObject({ id: ready.id, status: 'ready', totalChargeCents: 17500, placeOfService: '11' });
    expect(one.body.lines).toHaveLength(2);
    expect(one.headers.etag).toMatch(/^"v\d+"$/);
    await t.http.get('/v1/claims').query({ status: 'bogus' }).set('authorization', c.org.auth).expect(400);
  });

  it('scrubs as a dry run: returns issues and changes nothing', async () => {
    const c = await createClinic(t);
    const claim = await postClaim(c);
    // The payer loses its EDI id: the dry run sees it; the stored claim does not change.
    const payer = await t.http.get(`/v1/payers/${c.payerId}`).set('authorization', c.org.auth).expect(200);
    await t.http
      .patch(`/v1/payers/${c.payerId}`)
      .set('authorization', c.org.auth)
      .set('if-match', payer.headers.etag!)
      .send({ ediPayerId: null })
      .expect(200);
    const before = await t.http.get(`/v1/claims/${claim.id}`).set('authorization', c.org.auth).expect(200);
    const dry = await t.http.post(`/v1/claims/${claim.id}/scrub`).set('authorization', c.org.auth).expect(200);
    expect(dry.body).toMatchObject({ object: 'scrub_result', claimId: claim.id, currentStatus: 'ready', clean: false });
    expect(dry.body.issues.map((i: { rule: string }) => i.rule)).toContain('payer.edi_id_missing');
    const after = await t.http.get(`/v1/claims/${claim.id}`).set('authorization', c.org.auth).expect(200);
    expect(after.body).toEqual(before.body);
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('holds and releases a claim; release rescrubs against current data', async () => {
    const c = await createClinic(t);
    const claim = await postClaim(c);
    const held = await t.http
      .post(`/v1/claims/${claim.id}/hold`)
      .set('authorization', c.org.auth)
      .send({ reason: 'waiting for notes' })
      .expect(200);
    expect(held.body.status).toBe('on_hold');
    const payer = await t.http.get(`/v1/payers/${c.payerId}`).set('authorization', c.org.auth).expect(200);
    await t.http
      .patch(`/v1/payers/${c.payerId}`)
      .set('authorization', c.org.auth)
      .set('if-match', payer.headers.etag!)
      .send({ ediPayerId: null })
      .expect(200);
    const released = await t.http.post(`/v1/claims/${claim.id}/release`).set('authorization', c.org.auth).expect(200);
    expect(released.body.status).toBe('needs_attention');
    expect(released.body.issues.map((i: { rule: string }) => i.rule)).toContain('payer.edi_id_missing');
    const history = await t.http.get(`/v1/claims/${claim.id}/history`).set('authorization', c.org.auth).expect(200);
    expect(history.body.data.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'ready',
      'on_hold',
      'needs_attention',
    ]);
    expect(history.body.data[1].reason).toBe('waiting for notes');
  });

  it.each([
    ['release a claim that is not on hold', 'release', 'ready'],
    ['hold a claim twice', 'hold', 'on_hold'],
  ])('refuses to %s with 409 and the current status', async (_label, action, currentStatus) => {
    const c = await createClinic(t);
    const claim = await postClaim(c);
    if (action === 'hold')
      await t.http.post(`/v1/claims/${claim.id}/hold`).set('authorization', c.org.auth).send({}).expect(200);
    const res = await t.http
      .post(`/v1/claims/${claim.id}/${action}`)
      .set('authorization', c.org.auth)
      .send({})
      .expect(409);
    expect(res.body).toMatchObject({ code: 'invalid_claim_transition', currentStatus });
  });

  it('refuses a hold on a submitted claim (409) and records nothing', async () => {
    const c = await createClinic(t);
    const claim = await postClaim(c);
    await t.database.db.execute(sql`update claims set status = 'submitted' where id = ${claim.id}`);
    const res = await t.http.post(`/v1/claims/${claim.id}/hold`).set('authorization', c.org.auth).send({}).expect(409);
    expect(res.body.currentStatus).toBe('submitted');
    const rows = await queryRows(t.database.db, sql`select 1 from claim_history where claim_id = ${claim.id}`);
    expect(rows).toHaveLength(1);
  });

  it('does not rebuild a submitted claim when its encounter changes', async () => {
    const c = await createClinic(t);
    const enc = await t.http.post('/v1/encounters').set('authorization', c.org.auth).send(encounterBody(c)).expect(201);
    await t.database.db.execute(sql`update claims set status = 'submitted' where id = ${enc.body.claims[0].id}`);
    const patched = await t.http
      .patch(`/v1/encounters/${enc.body.id}`)
      .set('authorization', c.org.auth)
      .set('if-match', enc.headers.etag!)
      .send({ diagnoses: [{ code: 'E11' }] })
      .expect(200);
    expect(patched.body.claims[0]).toMatchObject({ status: 'submitted', issues: [] });
    expect(patched.body.claims[0].diagnoses[0].code).toBe('E11.9');
  });

  it('flags NCCI pairs and MUE limits from the loaded edit tables', async () => {
    const c = await createClinic(t);
    await t.database.db.execute(sql`insert into ncci_ptp_edits (column1, column2, effective_from, modifier_indicator, rationale, release)
      values ('99214', '96372', '2020-01-01', '1', 'Test pair', 'test') on conflict do nothing`);
    await t.database.db.execute(sql`insert into mue_limits (code, max_units, adjudication_indicator, adjudication_text, rationale, effective_from, release)
      values ('96372', 1, 3, 'Date of Service Edit: Clinical', 'Test', '2020-01-01', 'test') on conflict do nothing`);
    const claim = await postClaim(c, {
      lines: [
        { code: '99214', units: 1, chargeCents: 15000, diagnosisPointers: [1] },
        { code: '96372', units: 2, chargeCents: 2500, diagnosisPointers: [1] },
      ],
    });
    const rules = claim.issues.map((i) => `${i.rule}@${i.path}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ncci\.ptp_bypass_missing@lines\[1\]/),
        expect.stringMatching(/^mue\.units_exceeded@lines\[1\]/),
      ]),
    );
    const bypassed = await postClaim(c, {
      placeOfService: '22',
      lines: [
        { code: '99214', units: 1, chargeCents: 15000, diagnosisPointers: [1] },
        { code: '96372', modifiers: ['XU'], units: 1, chargeCents: 2500, diagnosisPointers: [1] },
      ],
    });
    expect(bypassed.issues.filter((i) => i.rule.startsWith('ncci') || i.rule.startsWith('mue'))).toEqual([]);
  });

  it('flags a duplicate of an existing claim', async () => {
    const c = await createClinic(t);
    await postClaim(c);
    const dup = await postClaim(c);
    expect(dup.status).toBe('needs_attention');
    expect(dup.issues.map((i) => i.rule)).toContain('duplicate.claim');
  });

  it('keeps one small duplicate issue for a patient with 40 same-day copies, on the claim and in the list', async () => {
    const c = await createClinic(t);
    const first = await postClaim(c);
    const copies = [];
    for (let i = 1; i < 40; i++) copies.push(await postClaim(c));
    const last = copies.at(-1)!;
    const read = await t.http.get(`/v1/claims/${last.id}`).set('authorization', c.org.auth).expect(200);
    const duplicates = read.body.issues.filter((i: { rule: string }) => i.rule === 'duplicate.claim');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0].message).toMatch(new RegExp(`^Claims ${first.id} \\(\\w+\\), .* and 36 more \\(39 in all\\)`));
    expect(JSON.stringify(duplicates[0]).length).toBeLessThan(800);
    expect(read.text.length).toBeLessThan(8_000);
    const list = await t.http.get('/v1/claims').query({ limit: 100 }).set('authorization', c.org.auth).expect(200);
    expect(list.body.data).toHaveLength(40);
    expect(list.text.length).toBeLessThan(40 * 8_000);
  });
});

describe("another organization's claims and encounters", () => {
  it('are 404 on every route and absent from lists and the event feed', async () => {
    const owner = await createClinic(t);
    const enc = await t.http
      .post('/v1/encounters')
      .set('authorization', owner.org.auth)
      .send(encounterBody(owner))
      .expect(201);
    const claimId = enc.body.claims[0].id;
    const other = await t.newOrg();
    const a = other.auth;
    await t.http.get(`/v1/encounters/${enc.body.id}`).set('authorization', a).expect(404);
    await t.http
      .patch(`/v1/encounters/${enc.body.id}`)
      .set('authorization', a)
      .set('if-match', '"v1"')
      .send({ placeOfService: '22' })
      .expect(404);
    await t.http.get(`/v1/claims/${claimId}`).set('authorization', a).expect(404);
    await t.http.get(`/v1/claims/${claimId}/history`).set('authorization', a).expect(404);
    await t.http.post(`/v1/claims/${claimId}/scrub`).set('authorization', a).expect(404);
    await t.http.post(`/v1/claims/${claimId}/hold`).set('authorization', a).send({}).expect(404);
    await t.http.post(`/v1/claims/${claimId}/release`).set('authorization', a).expect(404);
    expect((await t.http.get('/v1/claims').set('authorization', a).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/v1/encounters').set('authorization', a).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/v1/events').set('authorization', a).expect(200)).body.data).toEqual([]);
    expect(await readFeed(t, owner.org, 2)).toHaveLength(2);
    const foreignPatient = await t.http
      .post('/v1/encounters')
      .set('authorization', a)
      .send(encounterBody(owner))
      .expect(404);
    expect(foreignPatient.body.errors[0].path).toBe('patientId');
    const still = await t.http.get(`/v1/claims/${claimId}`).set('authorization', owner.org.auth).expect(200);
    expect(still.body.status).toBe('ready');
  });
});
