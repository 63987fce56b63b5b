import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeInterchange } from '../../src/domain/x12/writer.js';
import { build277ca, build999, buildTa1 } from '../support/acks.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, type ReadyClaim, readyClaim, submit } from '../support/edi.js';
import { readFeed } from '../support/events.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Submission = Awaited<ReturnType<typeof submit>>;

/** A configured clinic with `count` claims sent in one submission. */
async function submitted(count = 2): Promise<{ c: Clinic; claims: ReadyClaim[]; sub: Submission }> {
  const c = await createClinic(t);
  await configureX12(t, c);
  const claims: ReadyClaim[] = [];
  for (let i = 0; i < count; i++) claims.push(await readyClaim(t, c));
  const sub = await submit(
    t,
    c,
    claims.map((x) => x.id),
  );
  return { c, claims, sub };
}

const post = (c: Clinic, file: string, type = 'application/edi-x12') =>
  t.http.post('/v1/acknowledgments').set('authorization', c.org.auth).set('content-type', type).send(file);

const get = async (c: Clinic, path: string) =>
  (await t.http.get(path).set('authorization', c.org.auth).expect(200)).body;

const statusOf = async (c: Clinic, claimId: string) => (await get(c, `/v1/claims/${claimId}`)).status as string;

const lastHistory = async (c: Clinic, claimId: string) =>
  (await get(c, `/v1/claims/${claimId}/history`)).data.at(-1) as {
    fromStatus: string;
    toStatus: string;
    reason: string;
    reasonCodes: string[];
  };

describe('POST /v1/acknowledgments — 999', () => {
  it('records an accepted set on the submission and leaves its claims submitted', async () => {
    const { c, claims, sub } = await submitted();
    const res = await post(
      c,
      build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code: 'A' }]),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: 'acknowledgment',
      kind: '999',
      senderId: 'CLEARHOUSE01',
      summary: { statusChanged: 0, notApplied: 0, unmatched: 0 },
      groups: [{ groupControlNumber: sub.groupControlNumber, submissionId: sub.id, submissionStatus: 'accepted' }],
    });
    expect(res.body.id).toMatch(/^ack_/);
    const [set] = res.body.sets;
    expect(set).toMatchObject({ submissionId: sub.id, outcome: 'accepted', code: 'A', codes: [] });
    expect(set.claims.map((x: { claimId: string }) => x.claimId).sort()).toEqual(claims.map((x) => x.id).sort());
    for (const effect of set.claims) {
      expect(effect).toMatchObject({ previousStatus: 'submitted', status: 'submitted', statusChanged: false });
    }
    for (const claim of claims) expect(await statusOf(c, claim.id)).toBe('submitted');
    const submission = await get(c, `/v1/submissions/${sub.id}`);
    expect(submission.status).toBe('accepted');
    expect(submission.claims.map((x: { acknowledgment: string }) => x.acknowledgment)).toEqual([
      'accepted',
      'accepted',
    ]);
  });

  it('rejects every claim of a rejected set, with the IK5/IK3/IK4 codes in history and a claim.rejected event', async () => {
    const { c, claims, sub } = await submitted();
    const [a, b] = claims as [ReadyClaim, ReadyClaim];
    const file = build999(sub.groupControlNumber, [
      {
        st02: sub.transactionControlNumbers[0]!,
        code: 'R',
        errorCodes: ['5'],
        segmentErrors: [
          {
            segmentId: 'NM1',
            position: 17,
            loop: '2010BA',
            code: '8',
            patientControlNumber: a.patientControlNumber,
            elements: [{ position: '9', reference: '67', code: '7', badValue: 'BADMEMBERVALUE' }],
          },
        ],
      },
    ]);
    const res = await post(c, file).expect(201);
    expect(JSON.stringify(res.body)).not.toContain('BADMEMBERVALUE');
    expect(res.body.summary).toEqual({ statusChanged: 2, notApplied: 0, unmatched: 0 });
    const [set] = res.body.sets;
    expect(set).toMatchObject({ outcome: 'rejected', code: 'R', codes: ['IK5:5', 'IK3:8', 'IK4:7'] });
    expect(set.segmentErrors).toEqual([
      {
        segmentId: 'NM1',
        segmentPosition: 17,
        loop: '2010BA',
        code: '8',
        patientControlNumber: a.patientControlNumber,
        elementErrors: [{ position: '9', reference: '67', code: '7' }],
      },
    ]);

    expect(await statusOf(c, a.id)).toBe('rejected');
    expect(await statusOf(c, b.id)).toBe('rejected');
    const historyA = await lastHistory(c, a.id);
    expect(historyA).toMatchObject({ fromStatus: 'submitted', toStatus: 'rejected' });
    expect(historyA.reasonCodes).toEqual(['IK5:5', 'IK3:8', 'IK4:7']);
    expect(historyA.reason).toContain('NM1 at 17 (loop 2010BA)');
    // The other claim shares the rejected set: rejected too, with the set's own code only.
    expect((await lastHistory(c, b.id)).reasonCodes).toEqual(['IK5:5']);

    const submission = await get(c, `/v1/submissions/${sub.id}`);
    expect(submission.status).toBe('rejected');
    expect(submission.claims.every((x: { acknowledgment: string }) => x.acknowledgment === 'rejected')).toBe(true);

    const feed = await readFeed(t, c.org, 1, { types: 'claim.rejected' });
    const event = feed.find((e) => e.data.claimId === a.id)!;
    expect(event.data).toMatchObject({
      claimId: a.id,
      encounterId: a.encounterId,
      acknowledgmentId: res.body.id,
      submissionId: sub.id,
      source: '999',
      codes: ['IK5:5', 'IK3:8', 'IK4:7'],
    });
  });

  it('marks a submission of two sets partially accepted when one set is rejected', async () => {
    const { c, claims, sub } = await submitted();
    const [a, b] = claims as [ReadyClaim, ReadyClaim];
    // Sets hold 5,000 claims each: a two-set submission is made here by moving claim b into a second ST02.
    const second = String(Number(sub.transactionControlNumbers[0]) + 1).padStart(4, '0');
    await t.database.db.execute(
      sql`update submissions set transaction_count = 2 where org_id = ${c.org.orgId} and id = ${sub.id}`,
    );
    await t.database.db.execute(
      sql`update submission_claims set transaction_control_number = ${second}
          where org_id = ${c.org.orgId} and claim_id = ${b.id}`,
    );
    const file = build999(sub.groupControlNumber, [
      { st02: sub.transactionControlNumbers[0]!, code: 'A' },
      { st02: second, code: 'R', errorCodes: ['5'] },
    ]);
    const res = await post(c, file).expect(201);
    expect(res.body.groups[0]).toMatchObject({ code: 'P', outcome: 'partial', submissionStatus: 'partially_accepted' });
    expect(res.body.sets.map((s: { outcome: string }) => s.outcome)).toEqual(['accepted', 'rejected']);
    expect(await statusOf(c, a.id)).toBe('submitted');
    expect(await statusOf(c, b.id)).toBe('rejected');
    expect((await get(c, `/v1/submissions/${sub.id}`)).status).toBe('partially_accepted');
  });

  it('keeps a group it cannot match as unmatched, changing nothing', async () => {
    const { c, claims } = await submitted(1);
    const res = await post(c, build999('424242', [{ st02: '0001', code: 'R' }])).expect(201);
    expect(res.body.summary).toMatchObject({ statusChanged: 0, unmatched: 1 });
    expect(res.body.groups[0]).toMatchObject({ submissionId: null, submissionStatus: null });
    expect(res.body.groups[0].note).toContain('GS06 424242');
    expect(res.body.sets[0]).toMatchObject({ submissionId: null, claims: [] });
    expect(await statusOf(c, claims[0]!.id)).toBe('submitted');
  });

  it('reads past a wrong SE01 count with a warning', async () => {
    const { c, sub } = await submitted(1);
    const file = build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code: 'A' }]);
    const res = await post(c, file.replace(/SE\*\d+\*/, 'SE*99*')).expect(201);
    expect(res.body.warnings).toEqual([expect.objectContaining({ kind: 'se_count_mismatch', segment: 'SE' })]);
  });
});

describe('POST /v1/acknowledgments — 277CA', () => {
  it('accepts a claim: accepted, with the payer claim number and its lines matched', async () => {
    const { c, claims, sub } = await submitted(1);
    const claim = claims[0]!;
    const line = (await get(c, `/v1/claims/${claim.id}`)).lines[0] as {
      lineNumber: number;
      controlNumber: string;
      code: string;
      chargeCents: number;
    };
    const file = build277ca(
      [
        {
          patientControlNumber: claim.patientControlNumber,
          stc: 'A2:20',
          payerClaimNumber: 'PAYERICN0001',
          lines: [
            {
              controlNumber: line.controlNumber,
              procedureCode: line.code,
              chargeCents: line.chargeCents,
              stc: 'A2:20',
            },
          ],
        },
      ],
      { submissionId: sub.id },
    );
    const res = await post(c, file, 'text/plain').expect(201);
    expect(res.body.kind).toBe('277CA');
    expect(res.body.claims).toEqual([
      expect.objectContaining({
        claimId: claim.id,
        submissionId: sub.id,
        outcome: 'accepted',
        codes: ['A2:20'],
        previousStatus: 'submitted',
        status: 'accepted',
        statusChanged: true,
        notApplied: null,
        payerClaimControlNumber: 'PAYERICN0001',
        lines: [
          {
            lineItemControlNumber: line.controlNumber,
            lineNumber: line.lineNumber,
            procedureCode: line.code,
            outcome: 'accepted',
            codes: ['A2:20'],
          },
        ],
      }),
    ]);
    const stored = await get(c, `/v1/claims/${claim.id}`);
    expect(stored).toMatchObject({ status: 'accepted', payerClaimNumber: 'PAYERICN0001' });
    expect((await lastHistory(c, claim.id)).reasonCodes).toEqual(['A2:20']);
    const feed = await readFeed(t, c.org, 1, { types: 'claim.accepted' });
    expect(feed[0]!.data).toMatchObject({ claimId: claim.id, source: '277CA', codes: ['A2:20'] });
    const submission = await get(c, `/v1/submissions/${sub.id}`);
    expect(submission.claims[0].acknowledgment).toBe('accepted');
  });

  it('rejects a claim with its STC codes; the claim is fixed, resubmitted, and a late answer to the old file moves nothing', async () => {
    const { c, claims, sub } = await submitted(1);
    const claim = claims[0]!;
    const rejection = build277ca(
      [{ patientControlNumber: claim.patientControlNumber, stc: 'A7:21:85', message: 'BILLING NPI INVALID' }],
      { submissionId: sub.id },
    );
    const res = await post(c, rejection).expect(201);
    expect(res.body.claims[0]).toMatchObject({
      outcome: 'rejected',
      codes: ['A7:21:85'],
      status: 'rejected',
      statusChanged: true,
      statuses: [{ outcome: 'rejected', actionCode: 'U', message: 'BILLING NPI INVALID' }],
    });
    const history = await lastHistory(c, claim.id);
    expect(history).toMatchObject({ fromStatus: 'submitted', toStatus: 'rejected', reasonCodes: ['A7:21:85'] });
    expect(history.reason).toContain('BILLING NPI INVALID');
    const feed = await readFeed(t, c.org, 1, { types: 'claim.rejected' });
    expect(feed[0]!.data).toMatchObject({ claimId: claim.id, source: '277CA', codes: ['A7:21:85'] });

    // The fix: the encounter is changed, the claim rebuilt in place and rescrubbed back to ready, then sent again.
    const encounter = await t.http
      .get(`/v1/encounters/${claim.encounterId}`)
      .set('authorization', c.org.auth)
      .expect(200);
    const patched = await t.http
      .patch(`/v1/encounters/${claim.encounterId}`)
      .set('authorization', c.org.auth)
      .set('if-match', String(encounter.headers.etag))
      .send({ placeOfService: '22' })
      .expect(200);
    expect(patched.body.claims[0]).toMatchObject({ id: claim.id, status: 'ready' });
    const again = await submit(t, c, [claim.id]);
    expect(again.id).not.toBe(sub.id);
    expect(await statusOf(c, claim.id)).toBe('submitted');

    // A second rejection of the first 837 (its 2200B trace names it) does not touch the resubmitted claim.
    const late = build277ca([{ patientControlNumber: claim.patientControlNumber, stc: 'A6:21' }], {
      submissionId: sub.id,
    });
    const stale = await post(c, late).expect(201);
    expect(stale.body.claims[0]).toMatchObject({ submissionId: sub.id, status: 'submitted', statusChanged: false });
    expect(stale.body.claims[0].notApplied).toContain(again.id);
    expect(await statusOf(c, claim.id)).toBe('submitted');

    // The payer accepts the new one.
    const accepted = build277ca([{ patientControlNumber: claim.patientControlNumber, stc: 'A2:20' }], {
      submissionId: again.id,
    });
    await post(c, accepted).expect(201);
    expect(await statusOf(c, claim.id)).toBe('accepted');
  });

  it('keeps an unknown patient control number as unmatched, records pending, and never fails on a claim that cannot move', async () => {
    const { c, claims, sub } = await submitted(3);
    const [a, b, d] = claims as [ReadyClaim, ReadyClaim, ReadyClaim];
    await post(c, build277ca([{ patientControlNumber: d.patientControlNumber, stc: 'A7:21' }])).expect(201);
    const file = build277ca(
      [
        { patientControlNumber: a.patientControlNumber, stc: 'A2:20' },
        { patientControlNumber: 'NOSUCHCLAIM01', stc: 'A7:21' },
        { patientControlNumber: b.patientControlNumber, stc: 'P1:0', action: 'WQ' },
        // Already rejected: an acceptance cannot move it back.
        { patientControlNumber: d.patientControlNumber, stc: 'A2:20' },
      ],
      { submissionId: sub.id },
    );
    const res = await post(c, file).expect(201);
    expect(res.body.summary).toEqual({ statusChanged: 1, notApplied: 1, unmatched: 1 });
    const [ra, unknown, rb, rd] = res.body.claims;
    expect(ra).toMatchObject({ claimId: a.id, status: 'accepted', statusChanged: true });
    expect(unknown).toMatchObject({ claimId: null, patientControlNumber: 'NOSUCHCLAIM01', outcome: 'rejected' });
    expect(unknown.notApplied).toBeTruthy();
    expect(rb).toMatchObject({ claimId: b.id, outcome: 'pending', status: 'submitted', notApplied: null });
    expect(rd).toMatchObject({ claimId: d.id, status: 'rejected', statusChanged: false });
    expect(rd.notApplied).toContain('rejected');
    expect(await statusOf(c, b.id)).toBe('submitted');
    expect(await statusOf(c, d.id)).toBe('rejected');
  });
});

describe('POST /v1/acknowledgments — TA1', () => {
  it('rejects the interchange’s claims on TA104 R', async () => {
    const { c, claims, sub } = await submitted(1);
    const res = await post(c, buildTa1(sub.interchangeControlNumber, 'R', '022')).expect(201);
    expect(res.body).toMatchObject({ kind: 'TA1', summary: { statusChanged: 1 } });
    expect(res.body.interchanges[0]).toMatchObject({ submissionId: sub.id, code: 'R', codes: ['TA1:R:022'] });
    expect(await statusOf(c, claims[0]!.id)).toBe('rejected');
    expect((await lastHistory(c, claims[0]!.id)).reasonCodes).toEqual(['TA1:R:022']);
    expect((await get(c, `/v1/submissions/${sub.id}`)).status).toBe('rejected');
  });
});

describe('POST /v1/acknowledgments — the same file, bad files', () => {
  it('answers the same file again with its first result (200) and changes nothing twice', async () => {
    const { c, claims, sub } = await submitted(1);
    const file = build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code: 'R' }]);
    const first = await post(c, file).expect(201);
    const second = await post(c, file).expect(200);
    expect(second.body).toEqual(first.body);
    // With an Idempotency-Key, the retry of one request is a replay of its stored response.
    const keyed = () => post(c, file).set('idempotency-key', `ack-${sub.id}`);
    await keyed().expect(200);
    const replay = await keyed().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const history = await get(c, `/v1/claims/${claims[0]!.id}/history`);
    expect(history.data.filter((h: { toStatus: string }) => h.toStatus === 'rejected')).toHaveLength(1);
  });

  it('gives two concurrent posts of one file one acknowledgment', async () => {
    const { c, claims, sub } = await submitted(1);
    const file = build277ca([{ patientControlNumber: claims[0]!.patientControlNumber, stc: 'A3:21' }], {
      submissionId: sub.id,
    });
    const [x, y] = await Promise.all([post(c, file), post(c, file)]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(x.body).toEqual(y.body);
    const list = await get(c, '/v1/acknowledgments');
    expect(list.data.map((a: { id: string }) => a.id)).toEqual([x.body.id]);
    const history = await get(c, `/v1/claims/${claims[0]!.id}/history`);
    expect(history.data.filter((h: { toStatus: string }) => h.toStatus === 'rejected')).toHaveLength(1);
  });

  it('refuses garbage, a truncated file, an 835, a 999 beside a 277CA and an empty interchange with 400, changing nothing', async () => {
    const { c, claims, sub } = await submitted(1);
    const ok = build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code: 'R' }]);
    const an835 = writeInterchange({
      senderQualifier: 'ZZ',
      senderId: 'DEMOPAYER',
      receiverQualifier: 'ZZ',
      receiverId: 'ETIN12345',
      date: '260105',
      time: '0930',
      controlNumber: 77,
      usage: 'T',
      acknowledgmentRequested: false,
      groups: [
        {
          functionalId: 'HP',
          sender: 'DEMOPAYER',
          receiver: 'ETIN12345',
          date: '20260105',
          time: '0930',
          controlNumber: 77,
          version: '005010X221A1',
          transactions: [
            {
              type: '835',
              controlNumber: 1,
              implementation: '005010X221A1',
              body: (w) => w.segment('BPR', 'I', '100', 'C', 'CHK'),
            },
          ],
        },
      ],
    });
    const mixed = ok + build277ca([{ patientControlNumber: claims[0]!.patientControlNumber, stc: 'A3:21' }]);
    const empty = buildTa1(sub.interchangeControlNumber, 'R').replace(/TA1\*[^~]*~/, '');
    const cases: [string, string][] = [
      ['not an X12 file', 'x12_invalid'],
      [ok.slice(0, Math.floor(ok.length / 2)), 'x12_invalid'],
      // SE02 that is not its ST02: a spliced set (GE02/IEA02 mismatches only warn, as real files carry them).
      [ok.replace(/SE\*(\d+)\*(\d+)~/, 'SE*$1*9999~'), 'x12_invalid'],
      [ok.replace(/IEA\*1\*(\d+)~/, ''), 'x12_invalid'],
      [an835, 'x12_ack_unreadable'],
      [mixed, 'acknowledgment_mixed'],
      [empty, 'acknowledgment_empty'],
    ];
    for (const [file, code] of cases) {
      const res = await post(c, file).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code, code).toBe(code);
    }
    const unsupported = await post(c, an835);
    expect(unsupported.body.issue).toMatchObject({ kind: 'unsupported_transaction' });
    await t.http.post('/v1/acknowledgments').set('authorization', c.org.auth).send({ file: ok }).expect(415);
    expect(await statusOf(c, claims[0]!.id)).toBe('submitted');
    expect((await get(c, '/v1/acknowledgments')).data).toEqual([]);
    expect((await get(c, `/v1/submissions/${sub.id}`)).status).toBe('created');
  });
});

describe('GET /v1/acknowledgments', () => {
  it('retrieves and lists a tenant’s acknowledgments with cursors; another tenant gets 404', async () => {
    const { c, sub } = await submitted(1);
    const ids: string[] = [];
    for (const code of ['A', 'E'] as const) {
      const file = build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code }]);
      ids.push((await post(c, file).expect(201)).body.id);
    }
    const one = await get(c, `/v1/acknowledgments/${ids[0]}`);
    expect(one).toMatchObject({ id: ids[0], object: 'acknowledgment', kind: '999' });
    const page1 = await get(c, '/v1/acknowledgments?limit=1');
    expect(page1.data.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    const page2 = await get(c, `/v1/acknowledgments?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.data.map((a: { id: string }) => a.id)).toEqual([ids[1]]);
    expect(page2.nextCursor).toBeNull();

    const other = await createClinic(t);
    const missing = await t.http.get(`/v1/acknowledgments/${ids[0]}`).set('authorization', other.org.auth).expect(404);
    expect(missing.body.code).toBe('resource_not_found');
    expect((await get(other, '/v1/acknowledgments')).data).toEqual([]);
  });

  it('needs submissions:write to post and submissions:read to read', async () => {
    const { c, sub } = await submitted(1);
    const file = build999(sub.groupControlNumber, [{ st02: sub.transactionControlNumbers[0]!, code: 'A' }]);
    const reader = `Bearer ${await c.org.tokenWith(['submissions:read'])}`;
    const writer = `Bearer ${await c.org.tokenWith(['submissions:write'])}`;
    await t.http
      .post('/v1/acknowledgments')
      .set('authorization', reader)
      .set('content-type', 'application/edi-x12')
      .send(file)
      .expect(403);
    const created = await t.http
      .post('/v1/acknowledgments')
      .set('authorization', writer)
      .set('content-type', 'application/edi-x12')
      .send(file)
      .expect(201);
    await t.http.get(`/v1/acknowledgments/${created.body.id}`).set('authorization', writer).expect(403);
    await t.http.get('/v1/acknowledgments').set('authorization', reader).expect(200);
  });
});

describe('the same interchange delivered again in other bytes', () => {
  it('answers the first result and changes nothing more, even after the claim was fixed and sent again', async () => {
    const { c, claims, sub } = await submitted(1);
    const claim = claims[0]!;
    const reject = build277ca([{ patientControlNumber: claim.patientControlNumber, stc: 'A7:21:85' }], {
      submissionId: sub.id,
    });
    const first = await post(c, reject).expect(201);
    expect(await statusOf(c, claim.id)).toBe('rejected');
    // Fixed and sent again: the claim is submitted once more.
    const enc = await t.http.get(`/v1/encounters/${claim.encounterId}`).set('authorization', c.org.auth).expect(200);
    await t.http
      .patch(`/v1/encounters/${claim.encounterId}`)
      .set('authorization', c.org.auth)
      .set('if-match', String(enc.headers.etag))
      .send({ placeOfService: '22' })
      .expect(200);
    await submit(t, c, [claim.id]);
    // The clearinghouse re-delivers the old file, re-wrapped one segment per line.
    const again = await post(c, reject.replaceAll('~', '~\r\n')).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await statusOf(c, claim.id)).toBe('submitted');
  });
});
