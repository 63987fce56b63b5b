import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, type ReadyClaim, readyClaim, submittedClaims } from '../support/edi.js';
import { type Clp835, x835 } from '../support/x835.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Two submitted claims of a configured clinic (99213 $150 + 36415 $25 each). */
const submitted = (c: Clinic, n = 2) => submittedClaims(t, c, n);

/** Paid in full but the contractual reduction: 99213 allowed $100 (CO-45 $50), 36415 allowed $20 with $5 PR-2. */
function paidClp(claim: ReadyClaim, over: Partial<Clp835> = {}): Clp835 {
  const [a, b] = claim.lines;
  return {
    pcn: claim.patientControlNumber,
    status: '1',
    chargeCents: 17500,
    paidCents: 11500,
    patientCents: 500,
    lines: [
      {
        code: '99213',
        chargeCents: 15000,
        paidCents: 10000,
        controlNumber: a!.controlNumber,
        allowedCents: 10000,
        adjustments: [{ group: 'CO', reason: '45', cents: 5000 }],
      },
      {
        code: '36415',
        chargeCents: 2500,
        paidCents: 1500,
        date: b!.dateOfService,
        allowedCents: 2000,
        adjustments: [
          { group: 'CO', reason: '45', cents: 500 },
          { group: 'PR', reason: '2', cents: 500 },
        ],
      },
    ],
    ...over,
  };
}

function deniedClp(claim: ReadyClaim): Clp835 {
  return {
    pcn: claim.patientControlNumber,
    status: '4',
    chargeCents: 17500,
    paidCents: 0,
    adjustments: [{ group: 'CO', reason: '50', cents: 17500 }],
  };
}

const post = (c: Clinic, file: string, key?: string) => {
  const req = t.http
    .post('/v1/remittances')
    .set('authorization', c.org.auth)
    .set('content-type', 'application/edi-x12');
  if (key) req.set('idempotency-key', key);
  return req.send(file);
};

const claimOf = async (c: Clinic, id: string) =>
  (await t.http.get(`/v1/claims/${id}`).set('authorization', c.org.auth).expect(200)).body;

describe('POST /v1/remittances', () => {
  it('posts an 835: adjudications per CLP, lines matched, claims paid / denied, events, unmatched kept', async () => {
    const c = await createClinic(t);
    const [a, b] = await submitted(c);
    const file = x835({
      trace: 'EFT-1001',
      claims: [
        paidClp(a!),
        deniedClp(b!),
        {
          pcn: 'NOT-OURS-1',
          status: '1',
          chargeCents: 5000,
          paidCents: 4000,
          adjustments: [{ group: 'CO', reason: '45', cents: 1000 }],
        },
      ],
      plb: [{ reason: 'L6', reference: 'INTEREST', cents: -125 }],
    });
    const res = await post(c, file).expect(201);
    expect(res.body.data).toHaveLength(1);
    const remittance = res.body.data[0];
    expect(remittance).toMatchObject({
      object: 'remittance',
      traceNumber: 'EFT-1001',
      paymentCents: 11500 + 4000 + 125,
      paymentMethod: 'ACH',
      paymentDate: '2026-12-01',
      claimCount: 3,
      unmatchedCount: 1,
      payerId: c.payerId,
      providerAdjustments: [{ reasonCode: 'L6', reference: 'INTEREST', amountCents: -125 }],
    });
    expect(remittance.unmatched).toHaveLength(1);
    expect(remittance.unmatched[0]).toMatchObject({
      claimId: null,
      patientControlNumber: 'NOT-OURS-1',
      paidCents: 4000,
    });

    const paid = await claimOf(c, a!.id);
    expect(paid.status).toBe('paid');
    expect(paid.payerClaimNumber).toBe(`PCCN${a!.patientControlNumber}`);
    expect((await claimOf(c, b!.id)).status).toBe('denied');

    const adj = await t.http.get(`/v1/claims/${a!.id}/adjudications`).set('authorization', c.org.auth).expect(200);
    expect(adj.body.data).toHaveLength(1);
    expect(adj.body.data[0]).toMatchObject({
      remittanceId: remittance.id,
      statusCode: '1',
      chargeCents: 17500,
      paidCents: 11500,
      patientResponsibilityCents: 500,
      allowedCents: 12000,
      claimStatus: 'paid',
      statusApplied: true,
    });
    // The first line matched by REF*6R, the second by code + date + charge.
    expect(adj.body.data[0].lines.map((l: { claimLineNumber: number }) => l.claimLineNumber)).toEqual([1, 2]);

    const history = await t.http.get(`/v1/claims/${b!.id}/history`).set('authorization', c.org.auth).expect(200);
    const last = history.body.data.at(-1);
    expect(last).toMatchObject({ fromStatus: 'submitted', toStatus: 'denied' });
    expect(last.reasonCodes).toContain('CO-50');

    const unmatched = await t.http.get('/v1/adjudications?matched=false').set('authorization', c.org.auth).expect(200);
    expect(unmatched.body.data.map((x: { patientControlNumber: string }) => x.patientControlNumber)).toEqual([
      'NOT-OURS-1',
    ]);

    const events = await t.http.get('/v1/events?limit=100').set('authorization', c.org.auth).expect(200);
    const types = events.body.data.map((e: { type: string }) => e.type);
    for (const type of ['claim.adjudicated', 'claim.denied', 'remittance.posted', 'remittance.unmatched_claim']) {
      expect(types).toContain(type);
    }
    const denied = events.body.data.find((e: { type: string }) => e.type === 'claim.denied');
    expect(denied.data).toMatchObject({ claimId: b!.id, carcs: ['CO-50'] });

    const got = await t.http.get(`/v1/remittances/${remittance.id}`).set('authorization', c.org.auth).expect(200);
    expect(got.body).toEqual(remittance);
  });

  it('posts the same payment once: a repeat, and two racing posts, give the first result and change nothing', async () => {
    const c = await createClinic(t);
    const [a, b] = await submitted(c);
    const file = x835({ trace: 'CHK-777', claims: [paidClp(a!)] });
    const first = await post(c, file).expect(201);
    const again = await post(c, file).expect(200);
    expect(again.body).toEqual(first.body);

    const racing = x835({ trace: 'CHK-778', claims: [paidClp(b!)] });
    const [r1, r2] = await Promise.all([post(c, racing), post(c, racing)]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    expect(r1.body.data[0].id).toBe(r2.body.data[0].id);
    const adj = await t.http.get(`/v1/claims/${b!.id}/adjudications`).set('authorization', c.org.auth).expect(200);
    expect(adj.body.data).toHaveLength(1);
    const list = await t.http.get('/v1/remittances').set('authorization', c.org.auth).expect(200);
    expect(list.body.data).toHaveLength(2);
  });

  it('refuses an unbalanced file naming the claim and the difference, posting nothing', async () => {
    const c = await createClinic(t);
    const [a, b] = await submitted(c);
    const good = paidClp(a!);
    const bad = paidClp(b!, { paidCents: 11400 });
    const res = await post(c, x835({ trace: 'EFT-BAD', claims: [good, bad] })).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('remittance_unbalanced');
    expect(res.body.imbalances[0]).toMatchObject({ level: 'claim', patientControlNumber: b!.patientControlNumber });
    expect(res.body.imbalances[0].differenceCents).toBe(100);
    expect((await claimOf(c, a!.id)).status).toBe('submitted');
    const list = await t.http.get('/v1/remittances').set('authorization', c.org.auth).expect(200);
    expect(list.body.data).toHaveLength(0);

    // The file level: BPR02 that is not Σ CLP04 − Σ PLB.
    const off = await post(c, x835({ trace: 'EFT-OFF', claims: [good], paymentCents: 11501 })).expect(422);
    expect(off.body.imbalances[0]).toMatchObject({ level: 'file', differenceCents: -1 });
  });

  it('refuses garbage, a truncated file and an acknowledgment with 400 problem+json', async () => {
    const c = await createClinic(t);
    const [a] = await submitted(c, 1);
    const file = x835({ trace: 'EFT-T', claims: [paidClp(a!)] });
    const garbage = await post(c, 'hello, this is not X12').expect(400);
    expect(garbage.body.code).toBe('x12_invalid');
    const truncated = await post(c, file.slice(0, Math.floor(file.length * 0.7))).expect(400);
    expect(['x12_invalid', 'x12_835_unreadable']).toContain(truncated.body.code);
    const ack = file.replace('ST*835*', 'ST*999*');
    const wrong = await post(c, ack).expect(400);
    expect(wrong.body.code).toBe('x12_835_unreadable');
    expect((await claimOf(c, a!.id)).status).toBe('submitted');
  });

  it('applies a reversal and its re-adjudication in one file, and keeps a decision a claim cannot take', async () => {
    const c = await createClinic(t);
    const [a] = await submitted(c, 1);
    await post(c, x835({ trace: 'EFT-R1', claims: [paidClp(a!)] })).expect(201);
    const reversal: Clp835 = {
      pcn: a!.patientControlNumber,
      status: '22',
      chargeCents: -17500,
      paidCents: -11500,
      patientCents: -500,
      adjustments: [
        { group: 'CO', reason: '45', cents: -5500 },
        { group: 'PR', reason: '2', cents: -500 },
      ],
    };
    const again = paidClp(a!, {
      paidCents: 11000,
      lines: undefined,
      adjustments: [
        { group: 'CO', reason: '45', cents: 6000 },
        { group: 'PR', reason: '2', cents: 500 },
      ],
    });
    await post(c, x835({ trace: 'EFT-R2', claims: [reversal, again] })).expect(201);
    const claim = await claimOf(c, a!.id);
    expect(claim.status).toBe('paid');
    const history = await t.http.get(`/v1/claims/${a!.id}/history`).set('authorization', c.org.auth).expect(200);
    expect(history.body.data.slice(-3).map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'paid',
      'reversed',
      'paid',
    ]);
  });

  it('another organization sees none of it', async () => {
    const c = await createClinic(t);
    const other = await createClinic(t);
    const [a] = await submitted(c, 1);
    const res = await post(c, x835({ trace: 'EFT-X', claims: [paidClp(a!)] })).expect(201);
    const id = res.body.data[0].id;
    await t.http.get(`/v1/remittances/${id}`).set('authorization', other.org.auth).expect(404);
    await t.http.get(`/v1/claims/${a!.id}/adjudications`).set('authorization', other.org.auth).expect(404);
    // The same payment posted by another organization is its own.
    await configureX12(t, other);
    await post(other, x835({ trace: 'EFT-X', claims: [paidClp(a!)] })).expect(201);
    const theirs = await t.http.get('/v1/adjudications?matched=false').set('authorization', other.org.auth).expect(200);
    expect(theirs.body.data).toHaveLength(1);
  });
});

describe('POST /v1/claims/{id}/adjudications', () => {
  it('posts a JSON decision with the same checks as a CLP', async () => {
    const c = await createClinic(t);
    const [a] = await submitted(c, 1);
    const body = {
      statusCode: '1',
      payerClaimControlNumber: 'PAPER-1',
      chargeCents: 17500,
      paidCents: 12000,
      patientResponsibilityCents: 0,
      lines: [
        {
          lineNumber: 1,
          chargeCents: 15000,
          paidCents: 10000,
          allowedCents: 10000,
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 5000 }],
        },
        {
          lineNumber: 2,
          chargeCents: 2500,
          paidCents: 2000,
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 500 }],
        },
      ],
    };
    const unbalanced = await t.http
      .post(`/v1/claims/${a!.id}/adjudications`)
      .set('authorization', c.org.auth)
      .send({ ...body, paidCents: 12001 })
      .expect(422);
    expect(unbalanced.body.code).toBe('adjudication_unbalanced');
    const unknown = await t.http
      .post(`/v1/claims/${a!.id}/adjudications`)
      .set('authorization', c.org.auth)
      .send({ ...body, lines: [{ ...body.lines[0], lineNumber: 9 }, body.lines[1]] })
      .expect(422);
    expect(unknown.body.code).toBe('adjudication_line_unknown');
    expect((await claimOf(c, a!.id)).status).toBe('submitted');

    const res = await t.http
      .post(`/v1/claims/${a!.id}/adjudications`)
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'adj-1')
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({ source: 'api', remittanceId: null, claimStatus: 'paid', statusApplied: true });
    const replay = await t.http
      .post(`/v1/claims/${a!.id}/adjudications`)
      .set('authorization', c.org.auth)
      .set('idempotency-key', 'adj-1')
      .send(body)
      .expect(201);
    expect(replay.body.id).toBe(res.body.id);
    const claim = await claimOf(c, a!.id);
    // Paid in full with nothing left to the patient: settled, so closed (the ledger's rule).
    expect(claim).toMatchObject({ status: 'closed', payerClaimNumber: 'PAPER-1' });
    const other = await createClinic(t);
    await t.http.post(`/v1/claims/${a!.id}/adjudications`).set('authorization', other.org.auth).send(body).expect(404);
  });
});

describe('what a demanding tester tried (regressions)', () => {
  it('refuses a CARC or RARC that is not one, and an element longer than X12 allows, storing nothing', async () => {
    const c = await createClinic(t);
    const [a] = await submitted(c, 1);
    const bad = paidClp(a!);
    bad.lines![0]!.adjustments = [{ group: 'CO', reason: 'ZZZZZZZ', cents: 5000 }];
    const res = await post(c, x835({ trace: 'EFT-CARC', claims: [bad] })).expect(400);
    expect(res.body.code).toBe('x12_835_unreadable');
    expect(res.body.issue).toMatchObject({ kind: 'invalid_code', element: 'CAS02' });
    const remark = paidClp(a!);
    remark.lines![0]!.remarks = ['N 130'];
    expect((await post(c, x835({ trace: 'EFT-RARC', claims: [remark] })).expect(400)).body.issue.kind).toBe(
      'invalid_code',
    );
    const long = x835({ trace: 'EFT-LONG', claims: [paidClp(a!)] }).replace('DEMO HEALTH PLAN', 'X'.repeat(5000));
    const refused = await post(c, long).expect(400);
    expect(refused.body.issues[0]).toMatchObject({ kind: 'element_too_long', segment: 'N1' });
    const list = await t.http.get('/v1/remittances').set('authorization', c.org.auth).expect(200);
    expect(list.body.data).toEqual([]);
    expect((await claimOf(c, a!.id)).status).toBe('submitted');
  });

  it('a CAS with a seventh triplet is refused, not silently cut', async () => {
    const c = await createClinic(t);
    const [a] = await submitted(c, 1);
    const file = x835({ trace: 'EFT-CAS7', claims: [paidClp(a!)] }).replace(
      'CAS*CO*45*50~',
      'CAS*CO*45*40*1*45*1*1*45*1*1*45*1*1*45*1*1*45*1*1*45*5~',
    );
    const res = await post(c, file).expect(400);
    expect(res.body.issue).toMatchObject({ kind: 'unexpected_segment', segment: 'CAS' });
  });

  it('a decision a claim cannot take keeps its payer claim number off the claim', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const ready = await readyClaim(t, c);
    await post(c, x835({ trace: 'EFT-READY', claims: [paidClp(ready, { payerClaimNumber: 'NEWNUMBER1' })] })).expect(
      201,
    );
    const claim = await claimOf(c, ready.id);
    expect(claim).toMatchObject({ status: 'ready', payerClaimNumber: null });
    const [adj] = (await t.http.get(`/v1/claims/${ready.id}/adjudications`).set('authorization', c.org.auth)).body.data;
    expect(adj).toMatchObject({ statusApplied: false, claimStatus: 'ready' });
  });

  it('refuses X12 uploads sent as JSON or a form with 415', async () => {
    const c = await createClinic(t);
    for (const route of ['/v1/remittances', '/v1/acknowledgments']) {
      const json = await t.http.post(route).set('authorization', c.org.auth).send({ file: 'ISA*' }).expect(415);
      expect(json.body.code).toBe('unsupported_media_type');
      await t.http
        .post(route)
        .set('authorization', c.org.auth)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('ISA*00')
        .expect(415);
    }
  });
});

describe('JSON adjudications refuse what an 835 would only record', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    statusCode: '1',
    chargeCents: 17500,
    paidCents: 17500,
    patientResponsibilityCents: 0,
    ...over,
  });

  it('a claim never sent, a charge that is not the claim’s, a wrong sign, a reversal of what was never paid', async () => {
    const c = await createClinic(t);
    await configureX12(t, c);
    const ready = await readyClaim(t, c);
    const notSent = await t.http
      .post(`/v1/claims/${ready.id}/adjudications`)
      .set('authorization', c.org.auth)
      .send(body({ payerClaimControlNumber: 'JSONPCLM' }))
      .expect(409);
    expect(notSent.body).toMatchObject({ code: 'adjudication_not_applicable', currentStatus: 'ready' });
    expect((await claimOf(c, ready.id)).payerClaimNumber).toBeNull();

    const [a] = await submitted(c, 1);
    const url = `/v1/claims/${a!.id}/adjudications`;
    const charge = await t.http
      .post(url)
      .set('authorization', c.org.auth)
      .send(body({ chargeCents: 999999, paidCents: 999999 }))
      .expect(422);
    expect(charge.body).toMatchObject({ code: 'adjudication_amounts_invalid', expectedChargeCents: 17500 });
    const sign = await t.http
      .post(url)
      .set('authorization', c.org.auth)
      .send(body({ paidCents: -5000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 22500 }] }))
      .expect(422);
    expect(sign.body.code).toBe('adjudication_amounts_invalid');
    const reversal = await t.http
      .post(url)
      .set('authorization', c.org.auth)
      .send(body({ statusCode: '22', chargeCents: -17500, paidCents: -17500 }))
      .expect(409);
    expect(reversal.body).toMatchObject({ code: 'adjudication_not_applicable', resultingStatus: 'reversed' });

    // Paid once; the same decision again (a retry without an Idempotency-Key) is refused, not posted twice.
    await t.http.post(url).set('authorization', c.org.auth).send(body()).expect(201);
    await t.http.post(url).set('authorization', c.org.auth).send(body()).expect(409);
    const adj = await t.http.get(url).set('authorization', c.org.auth).expect(200);
    expect(adj.body.data).toHaveLength(1);
    expect((await claimOf(c, a!.id)).status).toBe('closed');
  });
});
