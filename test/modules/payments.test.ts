import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic, encounterBody } from '../support/clinic.js';
import { type ReadyClaim, submittedClaims } from '../support/edi.js';
import { readFeed } from '../support/events.js';
import { coverageBody, patientBody } from '../support/factories.js';
import { expectSoundLedger } from '../support/ledger.js';
import { copayDeductibleClp, x835 } from '../support/x835.js';

/**
 * Patient payments, credit, write-offs and refunds through the API (issue 10), on balances an 835 leaves: each claim
 * (99213 $150 + 36415 $25) paid $85, the patient owing $35 ($20 copay on line 1, $15 deductible on line 2). After
 * every test every journal transaction balances and the ledger's invariants hold.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  const unbalanced = await queryRows(
    t.database.db,
    sql`select transaction_id from journal_entries group by org_id, transaction_id having sum(amount_cents) <> 0`,
  );
  expect(unbalanced).toEqual([]);
  await expectSoundLedger(t);
});
afterAll(async () => t?.close());

const get = async (c: Clinic, path: string) =>
  (await t.http.get(path).set('authorization', c.org.auth).expect(200)).body;
const post = (c: Clinic, path: string, body: object = {}, key?: string) => {
  const req = t.http.post(path).set('authorization', c.org.auth);
  return (key ? req.set('idempotency-key', key) : req).send(body);
};
const pay = (c: Clinic, body: object, patientId = c.patientId, key?: string) =>
  post(c, `/v1/patients/${patientId}/payments`, { method: 'card', ...body }, key);
const balanceOf = (c: Clinic, patientId = c.patientId) => get(c, `/v1/patients/${patientId}/balance`);

const paidClp = copayDeductibleClp;

async function post835(c: Clinic, claims: ReadyClaim[]) {
  const trace = `PAY-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  await t.http
    .post('/v1/remittances')
    .set('authorization', c.org.auth)
    .set('content-type', 'application/edi-x12')
    .send(x835({ trace, claims: claims.map((x) => paidClp(x)) }))
    .expect(201);
}

/** `n` submitted claims of the clinic's patient, each leaving $35 to the patient once `post835` answers them. */
const submitted = (c: Clinic, n: number) => submittedClaims(t, c, n);

/** Claims paid by the payer, the patient owing $35 on each; oldest date of service first. */
async function owing(c: Clinic, n = 1) {
  const claims = await submitted(c, n);
  await post835(c, claims);
  return claims.sort((a, b) => a.lines[0]!.dateOfService.localeCompare(b.lines[0]!.dateOfService));
}

const byClaimLine = (allocations: { claimId: string; lineNumber: number | null; amountCents: number }[]) =>
  allocations.map((a) => [a.claimId, a.lineNumber, a.amountCents]).sort((x, y) => String(x).localeCompare(String(y)));

async function postedCount(orgId: string, sourceType: string) {
  const [row] = await queryRows<{ n: string }>(
    t.database.db,
    sql`select count(*)::text as n from journal_transactions where org_id = ${orgId} and source_type = ${sourceType}`,
  );
  return Number(row!.n);
}

async function eventsOf(c: Clinic, type: string) {
  const feed = await readFeed(t, c.org, 1, { types: type });
  return feed.filter((e) => e.type === type);
}

describe('patient payments', () => {
  it('applies a payment oldest first across two claims and closes the one it settles', async () => {
    const c = await createClinic(t);
    const [older, newer] = await owing(c, 2);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 7000, insuranceBalanceCents: 0 });
    const res = await pay(c, { amountCents: 5000, reference: 'CHK 1042' }).expect(201);
    expect(res.body).toMatchObject({
      object: 'payment',
      patientId: c.patientId,
      amountCents: 5000,
      appliedCents: 5000,
      creditCents: 0,
      method: 'card',
      reference: 'CHK 1042',
    });
    expect(res.body.journalTransactionId).toMatch(/^jtx_/);
    expect(byClaimLine(res.body.allocations)).toEqual(
      byClaimLine([
        { claimId: older!.id, lineNumber: 1, amountCents: 2000 },
        { claimId: older!.id, lineNumber: 2, amountCents: 1500 },
        { claimId: newer!.id, lineNumber: 1, amountCents: 1500 },
      ]),
    );
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 2000, unappliedCreditCents: 0 });
    expect((await get(c, `/v1/claims/${older!.id}/balance`)).status).toBe('closed');
    expect((await get(c, `/v1/claims/${newer!.id}/balance`)).status).toBe('paid');
    expect(await get(c, `/v1/payments/${res.body.id}`)).toEqual(res.body);
    const list = await get(c, `/v1/patients/${c.patientId}/payments`);
    expect(list.data).toEqual([res.body]);
    const [posted] = await eventsOf(c, 'payment.posted');
    expect(posted!.data).toMatchObject({
      paymentId: res.body.id,
      amountCents: 5000,
      appliedCents: 5000,
      creditCents: 0,
    });
    const changed = await eventsOf(c, 'balance.changed');
    expect(changed.at(-1)!.data).toMatchObject({ patientId: c.patientId, patientBalanceCents: 2000 });
    expect((await eventsOf(c, 'claim.closed')).map((e) => e.data.claimId)).toEqual([older!.id]);
  });

  it('applies named allocations first (a line, or a claim’s lines in order), the rest oldest first', async () => {
    const c = await createClinic(t);
    const [older, newer] = await owing(c, 2);
    const res = await pay(c, {
      amountCents: 3000,
      allocations: [
        { claimId: newer!.id, lineNumber: 2, amountCents: 1500 },
        { claimId: older!.id, amountCents: 1000 },
      ],
    }).expect(201);
    expect(byClaimLine(res.body.allocations)).toEqual(
      byClaimLine([
        { claimId: newer!.id, lineNumber: 2, amountCents: 1500 },
        { claimId: older!.id, lineNumber: 1, amountCents: 1500 },
      ]),
    );
    const line = async (claimId: string, n: number) =>
      (await get(c, `/v1/claims/${claimId}/balance`)).lines.find((l: { lineNumber: number }) => l.lineNumber === n);
    expect((await line(newer!.id, 2)).patientBalanceCents).toBe(0);
    expect((await line(older!.id, 1)).patientPaidCents).toBe(1500);
  });

  it('refuses an overpayment without allowCredit, posting nothing, and holds it as credit with it', async () => {
    const c = await createClinic(t);
    await owing(c);
    const refused = await pay(c, { amountCents: 5000 }).expect(422);
    expect(refused.body).toMatchObject({ code: 'payment_exceeds_balance', owedCents: 3500, amountCents: 5000 });
    expect(await postedCount(c.org.orgId, 'payment')).toBe(0);
    expect((await get(c, `/v1/patients/${c.patientId}/payments`)).data).toEqual([]);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 3500, unappliedCreditCents: 0 });

    const res = await pay(c, { amountCents: 5000, allowCredit: true }).expect(201);
    expect(res.body).toMatchObject({ amountCents: 5000, appliedCents: 3500, creditCents: 1500 });
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 0, unappliedCreditCents: 1500 });
  });

  it('refuses allocations that do not fit: another patient’s claim, a line owing nothing, more than the amount', async () => {
    const c = await createClinic(t);
    const [claim] = await owing(c);
    const other = (await post(c, '/v1/patients', patientBody({ firstName: 'Otto' })).expect(201)).body.id as string;
    await post(c, '/v1/coverages', coverageBody(other, c.payerId, { effectiveFrom: '2024-01-01' })).expect(201);
    const theirs = (await post(c, '/v1/encounters', encounterBody(c, { patientId: other })).expect(201)).body.claims[0]
      .id as string;
    for (const allocation of [
      { claimId: theirs, lineNumber: 1, amountCents: 100 },
      { claimId: theirs, amountCents: 100 },
    ]) {
      const res = await pay(c, { amountCents: 100, allocations: [allocation] }).expect(422);
      expect(res.body).toMatchObject({ code: 'claim_of_another_patient', claimId: theirs });
    }
    const cases: [object, string][] = [
      [{ amountCents: 100, allocations: [{ claimId: claim!.id, lineNumber: 3, amountCents: 100 }] }, 'line_not_owing'],
      [
        { amountCents: 100, allocations: [{ claimId: claim!.id, lineNumber: 1, amountCents: 200 }] },
        'allocations_exceed_amount',
      ],
      [
        { amountCents: 3000, allocations: [{ claimId: claim!.id, lineNumber: 1, amountCents: 2500 }] },
        'allocation_exceeds_balance',
      ],
      [
        {
          amountCents: 200,
          allocations: [
            { claimId: claim!.id, amountCents: 100 },
            { claimId: claim!.id, lineNumber: 1, amountCents: 100 },
          ],
        },
        'duplicate_allocation',
      ],
    ];
    for (const [body, code] of cases) expect((await pay(c, body).expect(422)).body.code).toBe(code);
    for (const amountCents of [0, -100, 10.5]) await pay(c, { amountCents }).expect(400);
    expect(await postedCount(c.org.orgId, 'payment')).toBe(0);
  });

  it('answers 404 for another organization’s patient or claim', async () => {
    const c = await createClinic(t);
    const other = await createClinic(t);
    const [theirs] = await owing(other);
    await owing(c);
    expect((await pay(c, { amountCents: 100 }, other.patientId).expect(404)).body.code).toBe('resource_not_found');
    const res = await pay(c, { amountCents: 100, allocations: [{ claimId: theirs!.id, amountCents: 100 }] }).expect(
      404,
    );
    expect(res.body.code).toBe('resource_not_found');
    await post(c, '/v1/write-offs', { claimId: theirs!.id, side: 'patient', reason: 'charity' }).expect(404);
    await t.http.get(`/v1/patients/${other.patientId}/payments`).set('authorization', c.org.auth).expect(404);
    expect(await postedCount(c.org.orgId, 'payment')).toBe(0);
    expect(await postedCount(other.org.orgId, 'writeoff')).toBe(0);
  });

  it('replays an idempotent payment: the same payment, posted once', async () => {
    const c = await createClinic(t);
    await owing(c);
    const first = await pay(c, { amountCents: 1000 }, c.patientId, 'pay-once-1').expect(201);
    const again = await pay(c, { amountCents: 1000 }, c.patientId, 'pay-once-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await postedCount(c.org.orgId, 'payment')).toBe(1);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 2500 });
    await pay(c, { amountCents: 2000 }, c.patientId, 'pay-once-1').expect(422);
  });

  it('counts every cent of 50 parallel payments on one patient once', async () => {
    const c = await createClinic(t);
    await owing(c, 2);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pay(c, { amountCents: 150, allowCredit: true }, c.patientId, `par-${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const [sums] = await queryRows<{ cash: string; paid: string; credit: string; payments: string }>(
      t.database.db,
      sql`select
        (select coalesce(sum(e.amount_cents), 0)::text from journal_entries e join journal_transactions j
          on j.org_id = e.org_id and j.id = e.transaction_id
          where e.org_id = ${c.org.orgId} and j.source_type = 'payment' and e.account_kind = 'cash') as cash,
        (select coalesce(sum(amount_cents), 0)::text from journal_entries
          where org_id = ${c.org.orgId} and category = 'patient_paid' and account_kind = 'receivable') as paid,
        (select coalesce(sum(amount_cents), 0)::text from journal_entries
          where org_id = ${c.org.orgId} and account_kind = 'patient_credit') as credit,
        (select coalesce(sum(amount_cents), 0)::text from patient_payments where org_id = ${c.org.orgId}) as payments`,
    );
    expect(sums).toEqual({ cash: '7500', paid: '-7000', credit: '-500', payments: '7500' });
    expect(new Set(results.map((r) => r.body.id)).size).toBe(50);
    expect(results.reduce((s, r) => s + r.body.creditCents, 0)).toBe(500);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 0, unappliedCreditCents: 500 });
  });

  it('applies unapplied credit to a later balance, never more than the credit', async () => {
    const c = await createClinic(t);
    await owing(c);
    await pay(c, { amountCents: 5000, allowCredit: true }).expect(201);
    const [later] = await owing(c);
    const res = await post(c, `/v1/patients/${c.patientId}/credit-applications`).expect(201);
    expect(res.body).toMatchObject({ object: 'credit_application', amountCents: 1500, remainingCreditCents: 0 });
    expect(res.body.allocations).toEqual([{ claimId: later!.id, lineNumber: 1, amountCents: 1500 }]);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 2000, unappliedCreditCents: 0 });
    const none = await post(c, `/v1/patients/${c.patientId}/credit-applications`, { amountCents: 100 }).expect(422);
    expect(none.body.code).toBe('credit_exceeded');
  });
});

describe('write-offs', () => {
  it('writes off, reverses once, and refuses a second reversal', async () => {
    const c = await createClinic(t);
    const [claim] = await owing(c);
    const body = { claimId: claim!.id, side: 'patient', reason: 'bad_debt', note: 'sent to collections' };
    const res = await post(c, '/v1/write-offs', body, 'wo-1').expect(201);
    expect(res.body).toMatchObject({
      object: 'writeoff',
      claimId: claim!.id,
      patientId: c.patientId,
      side: 'patient',
      reason: 'bad_debt',
      amountCents: 3500,
      lines: [
        { lineNumber: 1, amountCents: 2000 },
        { lineNumber: 2, amountCents: 1500 },
      ],
      reversesId: null,
      reversedById: null,
    });
    expect((await get(c, `/v1/claims/${claim!.id}/balance`)).status).toBe('closed');
    const reversal = await post(c, `/v1/write-offs/${res.body.id}/reversal`).expect(201);
    expect(reversal.body).toMatchObject({ reversesId: res.body.id, amountCents: 3500, reason: 'bad_debt' });
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 3500 });
    expect((await get(c, `/v1/claims/${claim!.id}/balance`)).status).toBe('paid');
    expect((await get(c, `/v1/write-offs/${res.body.id}`)).reversedById).toBe(reversal.body.id);
    const [original, reversing] = await queryRows<{ id: string; reverses_id: string | null }>(
      t.database.db,
      sql`select id, reverses_id from journal_transactions where org_id = ${c.org.orgId} and source_type = 'writeoff'
        order by position`,
    );
    expect(reversing!.reverses_id).toBe(original!.id);

    const twice = await post(c, `/v1/write-offs/${res.body.id}/reversal`).expect(409);
    expect(twice.body).toMatchObject({ code: 'writeoff_already_reversed', reversedById: reversal.body.id });
    expect((await post(c, `/v1/write-offs/${reversal.body.id}/reversal`).expect(409)).body.code).toBe(
      'writeoff_is_reversal',
    );
    expect((await get(c, `/v1/claims/${claim!.id}/write-offs`)).data.map((w: { id: string }) => w.id)).toEqual([
      res.body.id,
      reversal.body.id,
    ]);
    expect((await eventsOf(c, 'writeoff.posted')).length).toBe(2);
    expect((await eventsOf(c, 'claim.reopened')).map((e) => e.data.claimId)).toEqual([claim!.id]);
    expect(await postedCount(c.org.orgId, 'writeoff')).toBe(2);
  });

  it('closes a claim with a small-balance write-off of what a payment left', async () => {
    const c = await createClinic(t);
    const [claim] = await owing(c);
    await pay(c, { amountCents: 3400 }).expect(201);
    const res = await post(c, '/v1/write-offs', { claimId: claim!.id, side: 'patient', reason: 'small_balance' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amountCents: 100, lines: [{ lineNumber: 2, amountCents: 100 }] });
    const balance = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(balance).toMatchObject({ status: 'closed', parties: [] });
    const closed = await eventsOf(c, 'claim.closed');
    expect(closed.map((e) => e.data)).toEqual([
      expect.objectContaining({ claimId: claim!.id, patientId: c.patientId, previousStatus: 'paid' }),
    ]);
    expect(await balanceOf(c)).toMatchObject({ patientBalanceCents: 0, insuranceBalanceCents: 0 });
  });

  it('refuses a write-off of more than that side owes, or of nothing', async () => {
    const c = await createClinic(t);
    const [claim] = await owing(c);
    const base = { claimId: claim!.id, reason: 'administrative' };
    const over = await post(c, '/v1/write-offs', { ...base, side: 'patient', amountCents: 3501 }).expect(422);
    expect(over.body.code).toBe('writeoff_exceeds_balance');
    const line = await post(c, '/v1/write-offs', { ...base, side: 'patient', lineNumber: 1, amountCents: 2001 });
    expect(line.status).toBe(422);
    expect((await post(c, '/v1/write-offs', { ...base, side: 'insurance' }).expect(422)).body.code).toBe(
      'nothing_owed',
    );
    await post(c, '/v1/write-offs', { ...base, side: 'patient', reason: 'goodwill' }).expect(400);
    expect(await postedCount(c.org.orgId, 'writeoff')).toBe(0);
    const one = await post(c, '/v1/write-offs', { ...base, side: 'patient', lineNumber: 2 }).expect(201);
    expect(one.body).toMatchObject({ amountCents: 1500, lines: [{ lineNumber: 2, amountCents: 1500 }] });
  });
});

describe('refunds', () => {
  it('refunds a patient’s credit, never more than it', async () => {
    const c = await createClinic(t);
    await owing(c);
    await pay(c, { amountCents: 5000, allowCredit: true }).expect(201);
    const body = { patientId: c.patientId, recipient: 'patient', amountCents: 1000, method: 'check' };
    const res = await post(c, '/v1/refunds', body, 'rf-1').expect(201);
    expect(res.body).toMatchObject({ object: 'refund', recipient: 'patient', amountCents: 1000, claimId: null });
    expect(await balanceOf(c)).toMatchObject({ unappliedCreditCents: 500 });
    expect(await get(c, `/v1/refunds/${res.body.id}`)).toEqual(res.body);
    const over = await post(c, '/v1/refunds', { ...body, amountCents: 501 }).expect(422);
    expect(over.body).toMatchObject({ code: 'credit_exceeded', creditCents: 500 });
    expect(await postedCount(c.org.orgId, 'refund')).toBe(1);
    const [posted] = await eventsOf(c, 'refund.posted');
    expect(posted!.data).toMatchObject({ refundId: res.body.id, amountCents: 1000, recipient: 'patient' });
  });

  it('refunds a payer what it paid beyond what it owed on a claim', async () => {
    const c = await createClinic(t);
    const [claim] = await submitted(c, 1);
    // $60 of line 1 given up before the payer answered: its $80 payment and $20 copay then exceed the $90 left.
    await post(c, '/v1/write-offs', {
      claimId: claim!.id,
      side: 'insurance',
      reason: 'administrative',
      lineNumber: 1,
      amountCents: 6000,
    }).expect(201);
    await post835(c, [claim!]);
    const before = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(before.total).toMatchObject({ insuranceBalanceCents: -1000, patientBalanceCents: 3500 });
    const body = {
      patientId: c.patientId,
      recipient: 'payer',
      claimId: claim!.id,
      amountCents: 1001,
      method: 'check',
    };
    expect((await post(c, '/v1/refunds', body).expect(422)).body.code).toBe('refund_exceeds_credit');
    const res = await post(c, '/v1/refunds', { ...body, amountCents: 1000 }).expect(201);
    expect(res.body).toMatchObject({
      recipient: 'payer',
      claimId: claim!.id,
      coverageId: c.coverageId,
      payerId: c.payerId,
      amountCents: 1000,
    });
    const after = await get(c, `/v1/claims/${claim!.id}/balance`);
    expect(after.total).toMatchObject({ insuranceBalanceCents: 0, patientBalanceCents: 3500, refundedCents: 1000 });
    await post(c, '/v1/refunds', { ...body, claimId: undefined }).expect(400);
  });
});
