import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { readyClaim, submit, submittedClaims } from '../support/edi.js';
import { coverageBody, payerBody } from '../support/factories.js';
import { expectSoundLedger } from '../support/ledger.js';
import { type Clp835, copayDeductibleClp, x835 } from '../support/x835.js';

/**
 * The ledger through the API (issue 10): charges posted with the claim, payer decisions posted with the 835, the
 * balances, itemization, journal and statement read back, hand-computed to the cent. After every test the
 * journal's invariants hold in the database.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => expectSoundLedger(t));
afterAll(async () => t?.close());

const get = async (c: Clinic, path: string) =>
  (await t.http.get(path).set('authorization', c.org.auth).expect(200)).body;

const post835 = (c: Clinic, file: string) =>
  t.http.post('/v1/remittances').set('authorization', c.org.auth).set('content-type', 'application/edi-x12').send(file);

const submitted = (c: Clinic, n = 1) => submittedClaims(t, c, n);

const paidClp = copayDeductibleClp;

describe('the ledger', () => {
  it('posts a claim’s charges with the claim, billed to its coverage', async () => {
    const c = await createClinic(t);
    const claim = await readyClaim(t, c);
    const balance = await get(c, `/v1/claims/${claim.id}/balance`);
    expect(balance).toMatchObject({
      object: 'claim_balance',
      claimId: claim.id,
      patientId: c.patientId,
      parties: [{ party: 'coverage', coverageId: c.coverageId, payerId: c.payerId, balanceCents: 17500 }],
      total: { chargeCents: 17500, allowedCents: 17500, insuranceBalanceCents: 17500, patientBalanceCents: 0 },
    });
    expect(
      balance.lines.map((l: { lineNumber: number; code: string; chargeCents: number }) => [
        l.lineNumber,
        l.code,
        l.chargeCents,
      ]),
    ).toEqual([
      [1, '99213', 15000],
      [2, '36415', 2500],
    ]);
    const patient = await get(c, `/v1/patients/${c.patientId}/balance`);
    expect(patient).toMatchObject({ patientBalanceCents: 0, insuranceBalanceCents: 17500, unappliedCreditCents: 0 });
    expect(patient.aging.insurance.fromServiceDate.totalCents).toBe(17500);
    const ledger = await get(c, `/v1/patients/${c.patientId}/ledger`);
    expect(ledger.data).toHaveLength(4);
    expect(
      ledger.data.every(
        (e: { kind: string; sourceId: string }) => e.kind === 'claim_charge' && e.sourceId === claim.id,
      ),
    ).toBe(true);
    expect(ledger.data.reduce((s: number, e: { amountCents: number }) => s + e.amountCents, 0)).toBe(0);
  });

  it('posts an 835: payer paid, contractual and patient responsibility itemized per line', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c);
    await post835(c, x835({ trace: 'LEDGER-1', claims: [paidClp(claim!)] })).expect(201);
    const balance = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(balance.status).toBe('paid');
    expect(balance.parties).toEqual([{ party: 'patient', coverageId: null, payerId: null, balanceCents: 3500 }]);
    expect(balance.total).toMatchObject({
      chargeCents: 17500,
      contractualCents: 5500,
      allowedCents: 12000,
      payerPaidCents: 8500,
      payerPaid: [{ coverageId: c.coverageId, payerId: c.payerId, paidCents: 8500 }],
      deductibleCents: 1500,
      copayCents: 2000,
      coinsuranceCents: 0,
      patientResponsibilityCents: 3500,
      insuranceBalanceCents: 0,
      patientBalanceCents: 3500,
      balanceCents: 3500,
    });
    const [l1, l2] = balance.lines;
    expect(l1).toMatchObject({
      lineNumber: 1,
      allowedCents: 10000,
      payerPaidCents: 8000,
      copayCents: 2000,
      balanceCents: 2000,
    });
    expect(l2).toMatchObject({
      lineNumber: 2,
      allowedCents: 2000,
      payerPaidCents: 500,
      deductibleCents: 1500,
      balanceCents: 1500,
    });

    const patient = await get(c, `/v1/patients/${c.patientId}/balance`);
    expect(patient).toMatchObject({
      patientBalanceCents: 3500,
      insuranceBalanceCents: 0,
      netPatientBalanceCents: 3500,
    });
    expect(patient.aging.patient.fromFirstStatementDate.buckets[0]).toMatchObject({
      bucket: '0-30',
      amountCents: 3500,
      count: 1,
    });

    const statement = await get(c, `/v1/patients/${c.patientId}/statement`);
    expect(statement).toMatchObject({ object: 'patient_statement', amountDueCents: 3500, insurancePendingCents: 0 });
    expect(statement.visits).toHaveLength(1);
    expect(statement.visits[0]).toMatchObject({
      claimId: claim!.id,
      chargeCents: 17500,
      payerPaidCents: 8500,
      adjustmentCents: 5500,
      deductibleCents: 1500,
      copayCents: 2000,
      patientBalanceCents: 3500,
    });
    expect(
      statement.visits[0].lines.map((l: { code: string; patientBalanceCents: number }) => [
        l.code,
        l.patientBalanceCents,
      ]),
    ).toEqual([
      ['99213', 2000],
      ['36415', 1500],
    ]);

    const events = await get(c, '/v1/events?limit=100');
    const changed = events.data.filter((e: { type: string }) => e.type === 'balance.changed');
    expect(changed.at(-1).data).toMatchObject({
      patientId: c.patientId,
      patientBalanceCents: 3500,
      insuranceBalanceCents: 0,
    });
  });

  it('closes a claim the payer paid with nothing left to anyone', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c);
    const [a, b] = claim!.lines;
    const clp: Clp835 = {
      pcn: claim!.patientControlNumber,
      status: '1',
      chargeCents: 17500,
      paidCents: 12000,
      lines: [
        {
          code: '99213',
          chargeCents: 15000,
          paidCents: 10000,
          controlNumber: a!.controlNumber,
          adjustments: [{ group: 'CO', reason: '45', cents: 5000 }],
        },
        {
          code: '36415',
          chargeCents: 2500,
          paidCents: 2000,
          controlNumber: b!.controlNumber,
          adjustments: [{ group: 'CO', reason: '45', cents: 500 }],
        },
      ],
    };
    await post835(c, x835({ trace: 'LEDGER-CLOSE', claims: [clp] })).expect(201);
    const stored = await get(c, `/v1/claims/${claim!.id}`);
    expect(stored.status).toBe('closed');
    const history = await get(c, `/v1/claims/${claim!.id}/history`);
    expect(history.data.map((h: { toStatus: string }) => h.toStatus).slice(-2)).toEqual(['paid', 'closed']);
    const events = await get(c, '/v1/events?limit=100');
    expect(
      events.data.some(
        (e: { type: string; data: { claimId: string } }) => e.type === 'claim.closed' && e.data.claimId === claim!.id,
      ),
    ).toBe(true);
    expect((await get(c, `/v1/claims/${claim!.id}/balance`)).parties).toEqual([]);
  });

  it('posts a reversal as the exact opposite of what it reverses, then the re-adjudication', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c);
    await post835(c, x835({ trace: 'LEDGER-R1', claims: [paidClp(claim!)] })).expect(201);
    const first = await get(c, `/v1/claims/${claim!.id}/balance`);
    // The payer takes it all back and pays again: 99213 now with $30 coinsurance instead of the $20 copay.
    const reversal: Clp835 = {
      ...paidClp(claim!),
      status: '22',
      chargeCents: -17500,
      paidCents: -8500,
      patientCents: -3500,
      lines: paidClp(claim!).lines!.map((l) => ({
        ...l,
        chargeCents: -l.chargeCents,
        paidCents: -l.paidCents,
        adjustments: l.adjustments!.map((a) => ({ ...a, cents: -a.cents })),
      })),
    };
    const again = paidClp(claim!, { paidCents: 7500, patientCents: 4500 });
    again.lines![0] = {
      ...again.lines![0]!,
      paidCents: 7000,
      adjustments: [
        { group: 'CO', reason: '45', cents: 5000 },
        { group: 'PR', reason: '2', cents: 3000 },
      ],
    };
    await post835(c, x835({ trace: 'LEDGER-R2', claims: [reversal, again] })).expect(201);
    const after = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(first.total.payerPaidCents).toBe(8500);
    expect(after.total).toMatchObject({
      chargeCents: 17500,
      contractualCents: 5500,
      payerPaidCents: 7500,
      copayCents: 0,
      coinsuranceCents: 3000,
      deductibleCents: 1500,
      patientBalanceCents: 4500,
      insuranceBalanceCents: 0,
    });
    const ledger = await get(c, `/v1/patients/${c.patientId}/ledger?limit=500`);
    const reversed = ledger.data.filter(
      (e: { reversal: boolean; kind: string }) => e.reversal && e.kind === 'adjudication',
    );
    const original = ledger.data.filter((e: { sourceId: string }) => e.sourceId === reversed[0].sourceId);
    expect(reversed.length).toBeGreaterThan(0);
    expect(original.length).toBe(reversed.length);
    expect((await get(c, `/v1/claims/${claim!.id}`)).status).toBe('paid');
  });

  it('keeps a denial on the payer’s balance and PLB off every patient’s', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c);
    const denied: Clp835 = {
      pcn: claim!.patientControlNumber,
      status: '4',
      chargeCents: 17500,
      paidCents: 0,
      adjustments: [{ group: 'CO', reason: '50', cents: 17500 }],
    };
    await post835(
      c,
      x835({ trace: 'LEDGER-D', claims: [denied], plb: [{ reason: 'L6', reference: 'INT', cents: -250 }] }),
    ).expect(201);
    const balance = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(balance.status).toBe('denied');
    expect(balance.total).toMatchObject({ insuranceBalanceCents: 17500, contractualCents: 0, payerPaidCents: 0 });
    const patient = await get(c, `/v1/patients/${c.patientId}/balance`);
    expect(patient).toMatchObject({ insuranceBalanceCents: 17500, patientBalanceCents: 0 });
    const ledger = await get(c, `/v1/patients/${c.patientId}/ledger?limit=500`);
    expect(ledger.data.some((e: { category: string }) => e.category === 'plb')).toBe(false);
  });

  it('moves a claim’s charges when the encounter changes before submission, and reverses them when replaced', async () => {
    const c = await createClinic(t);
    const claim = await readyClaim(t, c);
    const enc = await t.http.get(`/v1/encounters/${claim.encounterId}`).set('authorization', c.org.auth).expect(200);
    const lines = enc.body.lines.map((l: Record<string, unknown>, i: number) => ({
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: i === 0 ? 16000 : l.chargeCents,
      diagnosisPointers: l.diagnosisPointers,
    }));
    await t.http
      .patch(`/v1/encounters/${claim.encounterId}`)
      .set('authorization', c.org.auth)
      .set('if-match', String(enc.headers.etag))
      .send({ lines })
      .expect(200);
    const balance = await get(c, `/v1/claims/${claim.id}/balance`);
    expect(balance.total.chargeCents).toBe(18500);
    expect(balance.lines[0]).toMatchObject({ lineNumber: 1, chargeCents: 16000 });
  });

  it('bills the primary’s patient responsibility to the secondary, then what the secondary leaves to the patient', async () => {
    const c = await createClinic(t);
    const auth = c.org.auth;
    const secondPayer = (
      await t.http
        .post('/v1/payers')
        .set('authorization', auth)
        .send(payerBody({ name: 'Second Health', ediPayerId: '77777' }))
        .expect(201)
    ).body;
    const payerRead = await t.http.get(`/v1/payers/${secondPayer.id}`).set('authorization', auth).expect(200);
    await t.http
      .patch(`/v1/payers/${secondPayer.id}`)
      .set('authorization', auth)
      .set('if-match', String(payerRead.headers.etag))
      .send({ x12Receiver: { receiverId: 'CLEARHOUSE01', name: 'DEMO CLEARINGHOUSE', usage: 'T' } })
      .expect(200);
    const secondary = (
      await t.http
        .post('/v1/coverages')
        .set('authorization', auth)
        .send(
          coverageBody(c.patientId, secondPayer.id, {
            priority: 'secondary',
            memberId: 'SEC99887766',
            effectiveFrom: '2024-01-01',
          }),
        )
        .expect(201)
    ).body;
    const [primary] = await submitted(c);
    await post835(c, x835({ trace: 'COB-P', claims: [paidClp(primary!)] })).expect(201);

    // The primary's $35 patient responsibility waits on a secondary claim, built ready, instead of the patient.
    expect((await get(c, `/v1/claims/${primary!.id}`)).status).toBe('closed');
    const claims = await get(c, `/v1/claims?patientId=${c.patientId}&limit=100`);
    const cob = claims.data.find((x: { payerId: string }) => x.payerId === secondPayer.id);
    expect(cob).toMatchObject({ status: 'ready', coverageId: secondary.id, totalChargeCents: 17500 });
    const waiting = await get(c, `/v1/claims/${cob.id}/balance`);
    expect(waiting.parties).toEqual([
      { party: 'coverage', coverageId: secondary.id, payerId: secondPayer.id, balanceCents: 3500 },
    ]);
    expect(waiting.total).toMatchObject({ chargeCents: 0, transferredCents: 3500, insuranceBalanceCents: 3500 });
    expect(await get(c, `/v1/patients/${c.patientId}/balance`)).toMatchObject({
      patientBalanceCents: 0,
      insuranceBalanceCents: 3500,
    });

    // Its 837P reports the primary's decision: 2320 (AMT*D $85), 2330B, and a 2430 per line.
    const sub = await submit(t, c, [cob.id]);
    const file = (await t.http.get(`/v1/submissions/${sub.id}/x12`).set('authorization', auth).expect(200)).text;
    expect(file).toContain('SBR*S*');
    expect(file).toContain('AMT*D*85~');
    expect(file).toMatch(/SVD\*60054\*80\*HC:99213/);

    // The secondary pays $30 of the $35 (line 1's copay $20 less $5 it leaves to the patient, line 2's $15 in full).
    const [a, b] = cob.lines;
    const secondaryClp: Clp835 = {
      pcn: cob.patientControlNumber,
      status: '2',
      chargeCents: 17500,
      paidCents: 3000,
      patientCents: 500,
      lines: [
        {
          code: '99213',
          chargeCents: 15000,
          paidCents: 1500,
          controlNumber: a.controlNumber,
          adjustments: [
            { group: 'OA', reason: '23', cents: 13000 },
            { group: 'PR', reason: '3', cents: 500 },
          ],
        },
        {
          code: '36415',
          chargeCents: 2500,
          paidCents: 1500,
          controlNumber: b.controlNumber,
          adjustments: [{ group: 'OA', reason: '23', cents: 1000 }],
        },
      ],
    };
    await post835(c, x835({ trace: 'COB-S', claims: [secondaryClp] })).expect(201);
    const after = await get(c, `/v1/claims/${cob.id}/balance`);
    expect(after.total).toMatchObject({
      payerPaidCents: 3000,
      copayCents: 500,
      insuranceBalanceCents: 0,
      patientBalanceCents: 500,
    });
    expect(await get(c, `/v1/patients/${c.patientId}/balance`)).toMatchObject({
      patientBalanceCents: 500,
      insuranceBalanceCents: 0,
    });
    const primaryBalance = await get(c, `/v1/claims/${primary!.id}/balance`);
    expect(primaryBalance.total).toMatchObject({ payerPaidCents: 8500, transferredCents: -3500, balanceCents: 0 });
  });

  it('applies both a payment and an 835 that race on the same claim', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c);
    const [remit, pay] = await Promise.all([
      post835(c, x835({ trace: 'RACE-1', claims: [paidClp(claim!)] })),
      t.http
        .post(`/v1/patients/${c.patientId}/payments`)
        .set('authorization', c.org.auth)
        .send({ amountCents: 1000, method: 'card', allowCredit: true }),
    ]);
    expect(remit.status).toBe(201);
    expect(pay.status).toBe(201);
    // Whichever came first, the $35 responsibility less the $10 paid is what the patient owes, net of credit.
    const balance = await get(c, `/v1/patients/${c.patientId}/balance`);
    expect(balance.netPatientBalanceCents).toBe(2500);
    expect(balance.insuranceBalanceCents).toBe(0);
  });

  it('hides another organization’s patient and claim balances (404)', async () => {
    const c = await createClinic(t);
    const other = await createClinic(t);
    const claim = await readyClaim(t, c);
    for (const path of [
      `/v1/claims/${claim.id}/balance`,
      `/v1/patients/${c.patientId}/balance`,
      `/v1/patients/${c.patientId}/ledger`,
      `/v1/patients/${c.patientId}/statement`,
    ]) {
      const res = await t.http.get(path).set('authorization', other.org.auth);
      expect(res.status, path).toBe(404);
    }
  });

  it('audits each balance and statement read in the same statement, and nothing for another organization', async () => {
    const c = await createClinic(t);
    const other = await createClinic(t);
    await readyClaim(t, c);
    const read = (path: string, auth: string, requestId: string) =>
      t.http.get(path).set('authorization', auth).set('x-request-id', requestId);
    expect((await read(`/v1/patients/${c.patientId}/balance`, c.org.auth, 'bal-1')).status).toBe(200);
    expect((await read(`/v1/patients/${c.patientId}/statement`, c.org.auth, 'stm-1')).status).toBe(200);
    expect((await read(`/v1/patients/${c.patientId}/balance`, other.org.auth, 'bal-2')).status).toBe(404);
    expect((await read(`/v1/patients/${c.patientId}/statement`, other.org.auth, 'stm-2')).status).toBe(404);
    const rows = await queryRows<{ org_id: string; action: string; resource_ids: string[]; request_id: string }>(
      t.database.db,
      sql`select org_id, action, resource_ids, request_id from audit_events
        where request_id in ('bal-1', 'stm-1', 'bal-2', 'stm-2') and org_id in (${c.org.orgId}, ${other.org.orgId})
        order by request_id`,
    );
    expect(rows).toEqual([
      { org_id: c.org.orgId, action: 'patient_balance.read', resource_ids: [c.patientId], request_id: 'bal-1' },
      { org_id: c.org.orgId, action: 'patient_statement.read', resource_ids: [c.patientId], request_id: 'stm-1' },
    ]);
  });

  it('answers a patient with no entries with zero balances, empty aging and no visits', async () => {
    const c = await createClinic(t);
    const balance = await get(c, `/v1/patients/${c.patientId}/balance?asOf=2026-06-01`);
    expect(balance).toMatchObject({
      patientBalanceCents: 0,
      insuranceBalanceCents: 0,
      unappliedCreditCents: 0,
      accountBalanceCents: 0,
      asOf: '2026-06-01',
    });
    expect(balance.aging.patient.fromServiceDate.totalCents).toBe(0);
    expect(balance.aging.insurance.fromServiceDate.buckets).toHaveLength(5);
    const statement = await get(c, `/v1/patients/${c.patientId}/statement`);
    expect(statement).toMatchObject({ amountDueCents: 0, visits: [], patient: { lastName: expect.any(String) } });
  });

  it('pages the ledger with a cursor, never repeating or skipping an entry', async () => {
    const c = await createClinic(t);
    await readyClaim(t, c);
    await readyClaim(t, c);
    const all = await get(c, `/v1/patients/${c.patientId}/ledger?limit=500`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(c, `/v1/patients/${c.patientId}/ledger?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(
        ...page.data.map((e: { transactionId: string; entryNumber: number }) => `${e.transactionId}#${e.entryNumber}`),
      );
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      all.data.map((e: { transactionId: string; entryNumber: number }) => `${e.transactionId}#${e.entryNumber}`),
    );
    expect(seen).toHaveLength(8);
    const bad = await t.http.get(`/v1/patients/${c.patientId}/ledger?cursor=bogus`).set('authorization', c.org.auth);
    expect(bad.status).toBe(400);
    for (const path of [
      `/v1/patients/${c.patientId}/balance?asOf=2026-02-30`,
      `/v1/patients/${c.patientId}/statement?asOf=yesterday`,
      `/v1/patients/${c.patientId}/ledger?limit=0`,
      '/v1/patients/not-an-id/balance',
      '/v1/claims/clm_/balance',
    ]) {
      const res = await t.http.get(path).set('authorization', c.org.auth);
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const noScope = await c.org.tokenWith(['claims:read']);
    const denied = await t.http.get(`/v1/patients/${c.patientId}/balance`).set('authorization', `Bearer ${noScope}`);
    expect(denied.status).toBe(403);
  });
});
