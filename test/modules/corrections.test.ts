import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../../src/domain/claims/claim-status.js';
import { parseX12, transactionsOf } from '../../src/domain/x12/document.js';
import { read837p } from '../../src/domain/x12/read-837p.js';
import { snip837p } from '../../src/domain/x12/snip-837p.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, readyClaim, submit } from '../support/edi.js';
import { readFeed } from '../support/events.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type ClaimView = {
  id: string;
  status: string;
  encounterId: string;
  patientControlNumber: string;
  frequencyCode: string;
  payerClaimNumber: string | null;
  correctsClaimId: string | null;
  correctedByClaimId: string | null;
  coverageId: string;
  payerId: string;
  totalChargeCents: number;
  diagnoses: { pointer: number; code: string }[];
  lines: { code: string; chargeCents: number; diagnosisPointers: number[] }[];
  issues: { rule: string; severity: string }[];
};

const getClaim = async (c: Clinic, id: string) =>
  (await t.http.get(`/v1/claims/${id}`).set('authorization', c.org.auth).expect(200)).body as ClaimView;

const historyOf = async (c: Clinic, id: string) =>
  (await t.http.get(`/v1/claims/${id}/history`).set('authorization', c.org.auth).expect(200)).body.data as {
    fromStatus: string | null;
    toStatus: string;
    reason: string;
  }[];

/**
 * Stands in for the payer's answer until the remittance endpoint exists: moves a submitted claim through the
 * claims service as an 835 posting does, setting the payer claim control number (CLP07) when given.
 */
async function adjudicate(
  c: Clinic,
  claim: { id: string },
  steps: [ClaimStatus, ClaimStatus][],
  payerClaimNumber: string | null,
) {
  const ctx = {
    orgId: c.org.orgId,
    timeZone: 'UTC',
    actor: 'test-payer',
    requestId: 'req-test-835',
    idempotency: null,
  };
  await t.database.db.transaction(async (tx) => {
    const [locked] = await t.services.claims.byIdsLocked(tx, c.org.orgId, [claim.id]);
    await t.services.claims.applyTransitions(
      tx,
      ctx,
      steps.map(([from, to]) => ({
        claim: locked!.claim,
        from,
        to,
        reason: 'test adjudication',
        reasonCodes: [],
        payerClaimNumber,
      })),
    );
  });
}

/** A claim the payer has adjudicated: built, submitted in an 837P, then moved to `to` with the payer's number. */
async function adjudicatedClaim(
  c: Clinic,
  to: ClaimStatus = 'paid',
  payerClaimNumber: string | null = 'PCCN2025000001',
) {
  const claim = await readyClaim(t, c);
  await submit(t, c, [claim.id]);
  await adjudicate(c, claim, [['submitted', to]], payerClaimNumber);
  return getClaim(c, claim.id);
}

const correct = (c: Clinic, id: string, body: object, key?: string) => {
  const req = t.http.post(`/v1/claims/${id}/corrections`).set('authorization', c.org.auth);
  if (key) req.set('idempotency-key', key);
  return req.send(body);
};

async function patchEncounter(c: Clinic, encounterId: string, patch: object) {
  const url = `/v1/encounters/${encounterId}`;
  const current = await t.http.get(url).set('authorization', c.org.auth).expect(200);
  return (
    await t.http
      .patch(url)
      .set('authorization', c.org.auth)
      .set('if-match', String(current.headers.etag))
      .send(patch)
      .expect(200)
  ).body as { claims: ClaimView[] };
}

async function sentClaim(c: Clinic, claimId: string) {
  const sub = await submit(t, c, [claimId]);
  const file = await t.http.get(`/v1/submissions/${sub.id}/x12`).set('authorization', c.org.auth).expect(200);
  expect(snip837p(file.text)).toEqual([]);
  const [read] = transactionsOf(parseX12(file.text)).map(read837p);
  const claims = read!.groups.flatMap((g) => g.claims);
  expect(claims).toHaveLength(1);
  return claims[0]!;
}

const correctedLines = [
  { code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1, 2] },
  { code: '36415', modifiers: [], units: 1, chargeCents: 3000, diagnosisPointers: [2] },
];

describe('POST /v1/claims/{id}/corrections', () => {
  it('replaces a paid claim with a frequency 7 claim built from the fixed encounter, carrying the payer claim number', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const original = await adjudicatedClaim(c, 'paid', 'PCCN2025000001');

    // The fix goes on the encounter first; an adjudicated claim is not rebuilt in place.
    const patched = await patchEncounter(c, original.encounterId, { lines: correctedLines });
    expect(patched.claims).toHaveLength(1);
    expect(await getClaim(c, original.id)).toMatchObject({ status: 'paid', totalChargeCents: 17500 });

    const res = await correct(c, original.id, { kind: 'replace', reason: 'Corrected line 2' }, 'corr-1').expect(201);
    const replacement = res.body as ClaimView;
    expect(replacement).toMatchObject({
      status: 'ready',
      frequencyCode: '7',
      payerClaimNumber: 'PCCN2025000001',
      correctsClaimId: original.id,
      correctedByClaimId: null,
      encounterId: original.encounterId,
      coverageId: original.coverageId,
      payerId: original.payerId,
      totalChargeCents: 18000,
    });
    expect(replacement.issues.map((i) => i.rule)).not.toContain('duplicate.claim');
    expect(replacement.lines[1]).toMatchObject({ chargeCents: 3000, diagnosisPointers: [2] });
    expect(replacement.patientControlNumber).not.toBe(original.patientControlNumber);
    expect(await getClaim(c, replacement.id)).toEqual(replacement);

    const replaced = await getClaim(c, original.id);
    expect(replaced).toMatchObject({ status: 'replaced', correctedByClaimId: replacement.id, totalChargeCents: 17500 });
    expect((await historyOf(c, original.id)).at(-1)).toMatchObject({
      fromStatus: 'paid',
      toStatus: 'replaced',
      reason: `replaced by claim ${replacement.id} (frequency 7): Corrected line 2`,
    });
    expect(await historyOf(c, replacement.id)).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'ready',
        reason: `replacement (frequency 7) of claim ${original.id}: Corrected line 2; built and scrubbed clean`,
      }),
    ]);

    const feed = await readFeed(t, c.org, 1, { types: 'claim.corrected' });
    expect(feed.filter((e) => e.type === 'claim.corrected').map((e) => e.data)).toEqual([
      expect.objectContaining({
        claimId: original.id,
        correctionClaimId: replacement.id,
        kind: 'replace',
        payerClaimNumber: 'PCCN2025000001',
      }),
    ]);
    const all = await readFeed(t, c.org, 1);
    expect(all.map((e) => [e.type, e.data.claimId, e.data.status])).toEqual(
      expect.arrayContaining([
        ['claim.created', replacement.id, 'ready'],
        ['claim.status_changed', original.id, 'replaced'],
      ]),
    );

    // A retry with the same key replays the first answer and builds nothing more.
    const replay = await correct(c, original.id, { kind: 'replace', reason: 'Corrected line 2' }, 'corr-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(replacement.id);
    const encounter = await t.http.get(`/v1/encounters/${original.encounterId}`).set('authorization', c.org.auth);
    expect(encounter.body.claims.map((x: ClaimView) => x.id)).toEqual([original.id, replacement.id]);

    // Until it is sent, the replacement follows the encounter (same payer, same claim number); the original does not.
    const refixed = await patchEncounter(c, original.encounterId, {
      lines: [correctedLines[0], { ...correctedLines[1], chargeCents: 3200 }],
    });
    expect(refixed.claims.find((x) => x.id === replacement.id)).toMatchObject({
      status: 'ready',
      frequencyCode: '7',
      payerClaimNumber: 'PCCN2025000001',
      correctsClaimId: original.id,
      totalChargeCents: 18200,
      issues: [],
    });
    expect(await getClaim(c, original.id)).toMatchObject({ status: 'replaced', totalChargeCents: 17500 });

    // It goes out through the normal submission: CLM05-3 = 7 with REF*F8.
    const sent = await sentClaim(c, replacement.id);
    expect(sent).toMatchObject({
      patientControlNumber: replacement.patientControlNumber,
      frequencyCode: '7',
      payerClaimNumber: 'PCCN2025000001',
    });
  });

  it('voids a paid claim with a frequency 8 copy of what the payer has on file', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const original = await adjudicatedClaim(c, 'paid', 'PCCN2025000002');
    await patchEncounter(c, original.encounterId, { lines: correctedLines });

    const res = await correct(c, original.id, { kind: 'void' }).expect(201);
    const voiding = res.body as ClaimView;
    expect(voiding).toMatchObject({
      status: 'ready',
      frequencyCode: '8',
      payerClaimNumber: 'PCCN2025000002',
      correctsClaimId: original.id,
      totalChargeCents: original.totalChargeCents,
      diagnoses: original.diagnoses,
    });
    // The original's lines, not the encounter's since.
    expect(voiding.lines.map((l) => [l.code, l.chargeCents, l.diagnosisPointers])).toEqual(
      original.lines.map((l) => [l.code, l.chargeCents, l.diagnosisPointers]),
    );
    expect(await getClaim(c, original.id)).toMatchObject({ status: 'void', correctedByClaimId: voiding.id });
    expect((await historyOf(c, original.id)).at(-1)).toMatchObject({
      fromStatus: 'paid',
      toStatus: 'void',
      reason: `voided by claim ${voiding.id} (frequency 8)`,
    });
    expect((await historyOf(c, voiding.id))[0]!.reason).toContain(`void (frequency 8) of claim ${original.id}`);

    // Changing the encounter again leaves the void alone: it repeats the payer's claim.
    await patchEncounter(c, original.encounterId, { placeOfService: '22' });
    expect(await getClaim(c, voiding.id)).toMatchObject({ totalChargeCents: original.totalChargeCents });

    const sent = await sentClaim(c, voiding.id);
    expect(sent).toMatchObject({ frequencyCode: '8', payerClaimNumber: 'PCCN2025000002' });

    // A void is the end of the line: once the payer processes it, there is nothing left to correct.
    await adjudicate(c, voiding, [['submitted', 'paid']], 'PCCN2025000002');
    const endOfLine = await correct(c, voiding.id, { kind: 'replace' }).expect(409);
    expect(endOfLine.body).toMatchObject({ code: 'claim_not_correctable', currentStatus: 'paid' });
  });

  it('corrects a replacement with the payer claim number of its own, latest adjudication', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const original = await adjudicatedClaim(c, 'denied', 'PCCN2025000003');
    await patchEncounter(c, original.encounterId, { lines: correctedLines });
    const first = (await correct(c, original.id, { kind: 'replace' }).expect(201)).body as ClaimView;
    await submit(t, c, [first.id]);
    await adjudicate(c, first, [['submitted', 'partially_paid']], 'PCCN2025000004');

    const second = (await correct(c, first.id, { kind: 'replace' }).expect(201)).body as ClaimView;
    expect(second).toMatchObject({
      status: 'ready',
      frequencyCode: '7',
      payerClaimNumber: 'PCCN2025000004',
      correctsClaimId: first.id,
    });
    expect(second.issues.map((i) => i.rule)).not.toContain('duplicate.claim');
    expect(await getClaim(c, first.id)).toMatchObject({ status: 'replaced', correctedByClaimId: second.id });
    expect(await getClaim(c, original.id)).toMatchObject({ status: 'replaced', correctedByClaimId: first.id });
  });

  it('refuses a claim the payer does not have on file, or has not numbered, and changes nothing', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const ready = await readyClaim(t, c);
    const notSent = await correct(c, ready.id, { kind: 'replace' }).expect(409);
    expect(notSent.headers['content-type']).toContain('application/problem+json');
    expect(notSent.body).toMatchObject({
      code: 'claim_not_correctable',
      currentStatus: 'ready',
      correctableStatuses: ['accepted', 'paid', 'partially_paid', 'denied', 'reversed', 'closed'],
    });
    expect((await correct(c, ready.id, { kind: 'void' }).expect(409)).body.code).toBe('claim_not_correctable');

    await submit(t, c, [ready.id]);
    const pending = await correct(c, ready.id, { kind: 'void' }).expect(409);
    expect(pending.body).toMatchObject({ code: 'claim_not_correctable', currentStatus: 'submitted' });

    // Accepted by the payer but not yet adjudicated: no claim number to send.
    await adjudicate(c, { id: ready.id }, [['submitted', 'accepted']], null);
    const unnumbered = await correct(c, ready.id, { kind: 'replace' }).expect(422);
    expect(unnumbered.body.code).toBe('payer_claim_number_missing');

    const paidWithout = await adjudicatedClaim(c, 'paid', null);
    expect((await correct(c, paidWithout.id, { kind: 'void' }).expect(422)).body.code).toBe(
      'payer_claim_number_missing',
    );

    for (const id of [ready.id, paidWithout.id]) {
      const claim = await getClaim(c, id);
      expect(claim.correctedByClaimId).toBeNull();
      const encounter = await t.http.get(`/v1/encounters/${claim.encounterId}`).set('authorization', c.org.auth);
      expect(encounter.body.claims).toHaveLength(1);
    }
    expect(await getClaim(c, ready.id)).toMatchObject({ status: 'accepted' });
    const feed = await readFeed(t, c.org, 1);
    expect(feed.filter((e) => e.type === 'claim.corrected')).toEqual([]);
  });

  it('refuses a claim already corrected, another tenant’s claim and a malformed body', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const original = await adjudicatedClaim(c, 'paid', 'PCCN2025000005');
    const replacement = (await correct(c, original.id, { kind: 'replace' }).expect(201)).body as ClaimView;

    for (const kind of ['replace', 'void']) {
      const again = await correct(c, original.id, { kind }).expect(409);
      expect(again.body).toMatchObject({ code: 'claim_already_corrected', correctedByClaimId: replacement.id });
    }
    const encounter = await t.http.get(`/v1/encounters/${original.encounterId}`).set('authorization', c.org.auth);
    expect(encounter.body.claims).toHaveLength(2);

    const other = await createClinic(t);
    const theirs = await correct(other, original.id, { kind: 'replace' }).expect(404);
    expect(theirs.body.code).toBe('resource_not_found');
    expect(await getClaim(c, replacement.id)).toMatchObject({ status: 'ready', correctedByClaimId: null });

    const bad = await correct(c, replacement.id, { kind: 'adjust' }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    await correct(c, replacement.id, {}).expect(400);
  });
});
