import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic } from '../support/clinic.js';
import { configureX12, type ReadyClaim, readyClaim, submit } from '../support/edi.js';
import { ledgerViolations } from '../support/ledger.js';
import { type Clp835, x835 } from '../support/x835.js';

/**
 * A model-based test of the ledger through the HTTP API (issue 10): random sequences of visits, 835 postings (paid,
 * partly denied, denied, reversed), JSON adjudications, patient payments, write-offs and refunds, each compared
 * after every step with an in-memory model of what every line owes. Fixed seed in CI, printed on failure.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const CHARGES = [15000, 2500] as const;
const CODES = ['99213', '36415'] as const;

interface ModelClaim {
  claim: ReadyClaim;
  /** What the payer owes per line, and what the patient owes per line (negative: a credit balance). */
  insurance: [number, number];
  patient: [number, number];
  /** The paid decision a reversal would take back, while it stands. */
  paid: Clp835 | null;
  decided: boolean;
}

interface Model {
  c: Clinic;
  claims: ModelClaim[];
  credit: number;
  trace: number;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const owed = (m: Model) => sum(m.claims.flatMap((x) => x.patient.filter((v) => v > 0)));

async function post835(m: Model, clp: Clp835) {
  const res = await t.http
    .post('/v1/remittances')
    .set('authorization', m.c.org.auth)
    .set('content-type', 'application/edi-x12')
    .send(x835({ trace: `MODEL-${++m.trace}`, claims: [clp] }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** A decision paying each line less its CO and PR (copay on line 1, deductible on line 2). */
function paidClp(x: ModelClaim, pr: [number, number], co: [number, number]): Clp835 {
  const lines = x.claim.lines.map((l, i) => ({
    code: CODES[i]!,
    chargeCents: CHARGES[i]!,
    paidCents: CHARGES[i]! - pr[i]! - co[i]!,
    controlNumber: l.controlNumber,
    adjustments: [
      ...(co[i] ? [{ group: 'CO' as const, reason: '45', cents: co[i]! }] : []),
      ...(pr[i] ? [{ group: 'PR' as const, reason: i === 0 ? '3' : '1', cents: pr[i]! }] : []),
    ],
  }));
  return {
    pcn: x.claim.patientControlNumber,
    status: '1',
    chargeCents: sum(CHARGES),
    paidCents: sum(lines.map((l) => l.paidCents)),
    patientCents: sum(pr),
    lines,
  };
}

type Command = fc.AsyncCommand<Model, Model>;

const visit: Command = {
  check: (m) => m.claims.length < 4,
  async run(m) {
    const claim = await readyClaim(t, m.c);
    await submit(t, m.c, [claim.id]);
    m.claims.push({ claim, insurance: [...CHARGES], patient: [0, 0], paid: null, decided: false });
  },
  toString: () => 'visit',
};

const pay835 = (i: number, pr: [number, number], co: [number, number]): Command => ({
  check: (m) => m.claims[i % Math.max(1, m.claims.length)]?.decided === false,
  async run(m) {
    const x = m.claims[i % m.claims.length]!;
    const clp = paidClp(x, pr, co);
    await post835(m, clp);
    x.insurance = [0, 0];
    x.patient = [x.patient[0] + pr[0], x.patient[1] + pr[1]];
    x.paid = clp;
    x.decided = true;
  },
  toString: () => `835 paid #${i} pr=${pr} co=${co}`,
});

const deny835 = (i: number): Command => ({
  check: (m) => m.claims[i % Math.max(1, m.claims.length)]?.decided === false,
  async run(m) {
    const x = m.claims[i % m.claims.length]!;
    await post835(m, {
      pcn: x.claim.patientControlNumber,
      status: '4',
      chargeCents: sum(CHARGES),
      paidCents: 0,
      adjustments: [{ group: 'CO', reason: '50', cents: sum(CHARGES) }],
    });
    x.decided = true; // a denial stays on the payer's balance
  },
  toString: () => `835 denied #${i}`,
});

const reverse835 = (i: number): Command => ({
  check: (m) => !!m.claims[i % Math.max(1, m.claims.length)]?.paid,
  async run(m) {
    const x = m.claims[i % m.claims.length]!;
    const p = x.paid!;
    await post835(m, {
      ...p,
      status: '22',
      chargeCents: -p.chargeCents,
      paidCents: -p.paidCents,
      patientCents: -(p.patientCents ?? 0),
      lines: p.lines!.map((l) => ({
        ...l,
        chargeCents: -l.chargeCents,
        paidCents: -l.paidCents,
        adjustments: l.adjustments!.map((a) => ({ ...a, cents: -a.cents })),
      })),
    });
    const pr = p.lines!.map((l) => sum(l.adjustments!.filter((a) => a.group === 'PR').map((a) => a.cents)));
    x.insurance = [...CHARGES];
    x.patient = [x.patient[0] - pr[0]!, x.patient[1] - pr[1]!];
    x.paid = null;
    x.decided = false;
  },
  toString: () => `835 reversal #${i}`,
});

const jsonPaid = (i: number, copay: number): Command => ({
  check: (m) => m.claims[i % Math.max(1, m.claims.length)]?.decided === false,
  async run(m) {
    const x = m.claims[i % m.claims.length]!;
    const res = await t.http
      .post(`/v1/claims/${x.claim.id}/adjudications`)
      .set('authorization', m.c.org.auth)
      .send({
        statusCode: '1',
        chargeCents: sum(CHARGES),
        paidCents: sum(CHARGES) - copay,
        patientResponsibilityCents: copay,
        lines: [
          {
            lineNumber: 1,
            chargeCents: 15000,
            paidCents: 15000 - copay,
            adjustments: copay ? [{ group: 'PR', reasonCode: '3', amountCents: copay }] : [],
          },
          { lineNumber: 2, chargeCents: 2500, paidCents: 2500 },
        ],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    x.insurance = [0, 0];
    x.patient = [x.patient[0] + copay, x.patient[1]];
    x.paid = null; // a JSON decision is not reversed by an 835 here
    x.decided = true;
  },
  toString: () => `json paid #${i} copay=${copay}`,
});

const payment = (amount: number, allowCredit: boolean): Command => ({
  check: () => true,
  async run(m) {
    const res = await t.http
      .post(`/v1/patients/${m.c.patientId}/payments`)
      .set('authorization', m.c.org.auth)
      .send({ amountCents: amount, method: 'card', allowCredit });
    const due = owed(m);
    if (amount > due && !allowCredit) {
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    let left = amount;
    // Oldest first: visits in the order made (their dates of service count down in readyClaim), line order.
    const byDate = [...m.claims].sort((a, b) =>
      a.claim.lines[0]!.dateOfService.localeCompare(b.claim.lines[0]!.dateOfService),
    );
    for (const x of byDate) {
      for (const i of [0, 1] as const) {
        const take = Math.min(left, Math.max(0, x.patient[i]));
        x.patient[i] -= take;
        left -= take;
      }
    }
    m.credit += left;
  },
  toString: () => `payment ${amount}${allowCredit ? ' allowCredit' : ''}`,
});

const writeoff = (i: number): Command => ({
  check: (m) => m.claims.length > 0,
  async run(m) {
    const x = m.claims[i % m.claims.length]!;
    const res = await t.http
      .post('/v1/write-offs')
      .set('authorization', m.c.org.auth)
      .send({ claimId: x.claim.id, side: 'patient', reason: 'small_balance' });
    if (x.patient.every((v) => v <= 0)) {
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    x.patient = [Math.min(0, x.patient[0]), Math.min(0, x.patient[1])];
  },
  toString: () => `write-off patient side #${i}`,
});

const refund = (amount: number): Command => ({
  check: () => true,
  async run(m) {
    const res = await t.http
      .post('/v1/refunds')
      .set('authorization', m.c.org.auth)
      .send({ patientId: m.c.patientId, recipient: 'patient', amountCents: amount, method: 'check' });
    if (amount > m.credit) {
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    m.credit -= amount;
  },
  toString: () => `refund ${amount}`,
});

/** What the patient and insurance owe in the model, and the credit it holds. */
const modelTotals = (m: Model) => ({
  patient: sum(m.claims.flatMap((x) => x.patient)),
  insurance: sum(m.claims.flatMap((x) => x.insurance)),
  credit: m.credit,
});

/** Every step: the API's balances are the model's. */
const checked = (command: Command): Command => ({
  check: command.check,
  async run(m) {
    await command.run(m, m);
    const b = (await t.http.get(`/v1/patients/${m.c.patientId}/balance`).set('authorization', m.c.org.auth).expect(200))
      .body;
    expect({
      patient: b.patientBalanceCents,
      insurance: b.insuranceBalanceCents,
      credit: b.unappliedCreditCents,
    }).toEqual(modelTotals(m));
    await checkStatement(m);
  },
  toString: command.toString,
});

/**
 * The statement agrees with the model too: the same totals, exactly the visits on which someone owes (or is owed)
 * something, and each of their lines' insurance and patient balances.
 */
async function checkStatement(m: Model) {
  const s = (await t.http.get(`/v1/patients/${m.c.patientId}/statement`).set('authorization', m.c.org.auth).expect(200))
    .body as {
    patientBalanceCents: number;
    insurancePendingCents: number;
    unappliedCreditCents: number;
    visits: {
      claimId: string;
      insuranceBalanceCents: number;
      patientBalanceCents: number;
      lines: { lineNumber: number | null; insuranceBalanceCents: number; patientBalanceCents: number }[];
    }[];
  };
  expect({
    patient: s.patientBalanceCents,
    insurance: s.insurancePendingCents,
    credit: s.unappliedCreditCents,
  }).toEqual(modelTotals(m));
  const open = m.claims.filter((x) => sum(x.insurance) !== 0 || sum(x.patient) !== 0);
  expect(s.visits.map((v) => v.claimId).sort()).toEqual(open.map((x) => x.claim.id).sort());
  for (const visit of s.visits) {
    const x = open.find((o) => o.claim.id === visit.claimId)!;
    expect({ insurance: visit.insuranceBalanceCents, patient: visit.patientBalanceCents }).toEqual({
      insurance: sum(x.insurance),
      patient: sum(x.patient),
    });
    const line = (n: number) => visit.lines.find((l) => l.lineNumber === n);
    expect([1, 2].map((n) => [line(n)?.insuranceBalanceCents ?? 0, line(n)?.patientBalanceCents ?? 0])).toEqual([
      [x.insurance[0], x.patient[0]],
      [x.insurance[1], x.patient[1]],
    ]);
  }
}

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => n * 100);
const commands = [
  fc.constant(visit),
  fc
    .tuple(fc.nat(3), fc.tuple(cents(40), cents(10)), fc.tuple(cents(50), cents(5)))
    .map(([i, pr, co]) => pay835(i, pr, co)),
  fc.nat(3).map(deny835),
  fc.nat(3).map(reverse835),
  fc.tuple(fc.nat(3), cents(40)).map(([i, c]) => jsonPaid(i, c)),
  fc.tuple(fc.integer({ min: 1, max: 8000 }), fc.boolean()).map(([a, c]) => payment(a, c)),
  fc.nat(3).map(writeoff),
  fc.integer({ min: 1, max: 3000 }).map(refund),
].map((arb) => arb.map(checked));

const RUNS = Number(process.env.LEDGER_MODEL_RUNS ?? (process.env.CI ? 200 : 40));

describe('the ledger against a model', () => {
  it(`keeps every balance equal to the model over random sequences (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 10 }), async (cmds) => {
        const c = await createClinic(t);
        await configureX12(t, c);
        await fc.asyncModelRun(() => ({ model: { c, claims: [], credit: 0, trace: 0 }, real: {} as Model }), cmds);
      }),
      { numRuns: RUNS, seed: Number(process.env.LEDGER_MODEL_SEED ?? 20261202), endOnFailure: true },
    );
    expect(await ledgerViolations(t)).toEqual([]);
  }, 900_000);
});
