import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { type CoverageParty, postAdjudication } from '../../src/domain/ledger/index.js';
import type { AdjudicatedLine, AdjudicationResult, Adjustment } from '../../src/domain/remittance/adjudication.js';
import { localDate } from '../../src/domain/time-zone.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic, encounterBody } from '../support/clinic.js';
import { configureX12, type ReadyClaim, readyClaim, submit } from '../support/edi.js';
import { coverageBody, patientBody, payerBody } from '../support/factories.js';
import { type Clp835, x835 } from '../support/x835.js';

/**
 * The reports read the journal, the claims and the adjudications directly. Aging data is posted through the ledger
 * service (pure postings) on claims made through the API, under a clock fixed at noon on 15 June 2026 in New York;
 * denial data is posted as JSON payer decisions on claims submitted at the real time.
 */
const AGING_NOW = '2026-06-15T16:00:00.000Z';
const clock = fixedClock(AGING_NOW);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(async () => t?.close());

const get = (c: Clinic, path: string) => t.http.get(path).set('authorization', c.org.auth);

interface AgingClinic extends Clinic {
  /** A second payer ('Beta Health Plan') and a patient covered by it. */
  betaPayerId: string;
  betaPatientId: string;
  betaCoverageId: string;
}

async function agingClinic(): Promise<AgingClinic> {
  clock.set(AGING_NOW);
  const c = await createClinic(t);
  const post = async (path: string, body: object) =>
    (await t.http.post(path).set('authorization', c.org.auth).send(body).expect(201)).body.id as string;
  const betaPayerId = await post('/v1/payers', payerBody({ name: 'Beta Health Plan', ediPayerId: '61101' }));
  const betaPatientId = await post('/v1/patients', patientBody({ firstName: 'Joan', birthDate: '1975-05-05' }));
  const betaCoverageId = await post(
    '/v1/coverages',
    coverageBody(betaPatientId, betaPayerId, { effectiveFrom: '2024-01-01', memberId: 'BETA0001' }),
  );
  return { ...c, betaPayerId, betaPatientId, betaCoverageId };
}

interface Visit {
  id: string;
  patientId: string;
  coverage: CoverageParty;
}

/** A claim for 99213 $150 + 36415 $25 on `dateOfService`, its charges in the journal (billed to the coverage). */
async function visit(c: AgingClinic, dateOfService: string, beta = false): Promise<Visit> {
  const patientId = beta ? c.betaPatientId : c.patientId;
  const res = await t.http
    .post('/v1/encounters')
    .set('authorization', c.org.auth)
    .send(encounterBody(c, { patientId, dateOfService }))
    .expect(201);
  const id = res.body.claims[0].id as string;
  const coverage: CoverageParty = beta
    ? { kind: 'coverage', coverageId: c.betaCoverageId, payerId: c.betaPayerId }
    : { kind: 'coverage', coverageId: c.coverageId, payerId: c.payerId };
  const charged = await queryRows<{ cents: string | null }>(
    t.database.db,
    sql`select sum(amount_cents)::text as cents from journal_entries
      where org_id = ${c.org.orgId} and claim_id = ${id} and account_kind = 'receivable'`,
  );
  // Intake posts a claim's charges with the claim (issue 10); without that, the test charges it the same way.
  if (charged[0]?.cents === null) {
    const posting = t.services.ledger.chargePosting({
      id,
      patientId,
      coverageId: coverage.coverageId,
      payerId: coverage.payerId,
      dateOfService,
      lines: [
        { lineNumber: 1, chargeCents: 15000 },
        { lineNumber: 2, chargeCents: 2500 },
      ],
    });
    await t.services.ledger.post(t.database.db, c.org.orgId, [posting]);
  } else {
    expect(charged[0]?.cents).toBe('17500');
  }
  return { id, patientId, coverage };
}

const adj = (group: Adjustment['group'], reasonCode: string, amountCents: number): Adjustment => ({
  group,
  reasonCode,
  amountCents,
  quantityThousandths: null,
});

const paidLine = (chargeCents: number, paidCents: number, adjustments: Adjustment[]): AdjudicatedLine => ({
  controlNumber: null,
  procedureQualifier: 'HC',
  procedureCode: chargeCents === 15000 ? '99213' : '36415',
  modifiers: [],
  billedProcedureCode: null,
  chargeCents,
  paidCents,
  unitsThousandths: null,
  allowedCents: null,
  serviceDate: null,
  serviceDateTo: null,
  adjustments,
  remarkCodes: [],
});

/** A payer decision on the claim's lines 1 and 2 (or line 1 alone), posted to the journal on `effectiveDate`. */
async function decide(c: AgingClinic, v: Visit, effectiveDate: string, lines: AdjudicatedLine[]) {
  const paid = lines.reduce((sum, l) => sum + l.paidCents, 0);
  const pr = lines.flatMap((l) => l.adjustments).reduce((sum, a) => sum + (a.group === 'PR' ? a.amountCents : 0), 0);
  const result: AdjudicationResult = {
    patientControlNumber: 'TEST',
    statusCode: '1',
    chargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    paidCents: paid,
    patientResponsibilityCents: pr,
    filingIndicator: null,
    payerClaimControlNumber: null,
    adjustments: [],
    remarkCodes: [],
    serviceDate: null,
    serviceDateTo: null,
    patientName: null,
    lines,
  };
  const entries = await t.services.ledger.claimEntries(t.database.db, c.org.orgId, [v.id]);
  const transaction = postAdjudication({
    claimId: v.id,
    patientId: v.patientId,
    coverage: v.coverage,
    result,
    lineNumbers: lines.map((_, i) => i + 1),
    entries,
  });
  expect(transaction).not.toBeNull();
  await t.services.ledger.post(t.database.db, c.org.orgId, [
    {
      transaction: transaction!,
      sourceType: 'adjudication',
      sourceId: `adj_test${v.id.slice(4)}`,
      effectiveDate,
      patientId: v.patientId,
      claimId: v.id,
    },
  ]);
}

/** The five bucket amounts of a group, 0–30 to 120+. */
const amounts = (group: { buckets: { amountCents: number }[] }) => group.buckets.map((b) => b.amountCents);

/**
 * Six claims, aged as of 2026-06-15 from their dates of service:
 * - A1 2026-06-01 (14 days), Acme: charged $175, nothing else → Acme 0–30 $175.
 * - A2 2026-04-20 (56 days), Acme: paid in full on 2026-05-20 but $5 PR-2 → the patient owes $5 (31–60 by
 *   service date; first billed 2026-05-20, 26 days: 0–30 by billed date). Acme's receivable is 0: not counted.
 * - B3 2026-03-10 (97 days), Beta: line 1 paid $100 + CO-45 $50, line 2 undecided → Beta 91–120 $25.
 * - A4 2026-01-10 (156 days), Acme: overpaid on 2026-02-15 ($155 on line 1) → a credit of −$5, not aged.
 * - B5 2026-02-01 (134 days), Beta: charged $175 → Beta 120+ $175.
 * - B6 2026-05-01 (45 days), Beta: paid in full on 2026-06-20, after asOf → Beta 31–60 $175 until then.
 */
async function agingScenario() {
  const c = await agingClinic();
  const a1 = await visit(c, '2026-06-01');
  expect(a1.id).toMatch(/^clm_/);
  const a2 = await visit(c, '2026-04-20');
  await decide(c, a2, '2026-05-20', [
    paidLine(15000, 10000, [adj('CO', '45', 5000)]),
    paidLine(2500, 1500, [adj('CO', '45', 500), adj('PR', '2', 500)]),
  ]);
  const b3 = await visit(c, '2026-03-10', true);
  await decide(c, b3, '2026-04-01', [paidLine(15000, 10000, [adj('CO', '45', 5000)])]);
  const a4 = await visit(c, '2026-01-10');
  await decide(c, a4, '2026-02-15', [paidLine(15000, 15500, []), paidLine(2500, 2500, [])]);
  await visit(c, '2026-02-01', true);
  const b6 = await visit(c, '2026-05-01', true);
  await decide(c, b6, '2026-06-20', [paidLine(15000, 15000, []), paidLine(2500, 2500, [])]);
  return c;
}

describe('GET /v1/reports/aging', () => {
  it('ages every receivable by payer and for the patient side, from the date of service, as of today', async () => {
    const c = await agingScenario();
    const other = await agingClinic();
    await visit(other, '2026-06-10');
    const res = await get(c, '/v1/reports/aging').expect(200);
    const report = res.body;
    expect(report).toMatchObject({ object: 'aging_report', asOf: '2026-06-15', basis: 'service_date' });
    expect(report.payers.map((p: { payerName: string }) => p.payerName)).toEqual([
      'Acme Health Plan',
      'Beta Health Plan',
    ]);
    const [acme, beta] = report.payers;
    expect(acme).toMatchObject({ payerId: c.payerId, totalCents: 17500, count: 1, creditCents: -500, creditCount: 1 });
    expect(amounts(acme)).toEqual([17500, 0, 0, 0, 0]);
    expect(acme.buckets[0]).toMatchObject({ bucket: '0-30', fromDays: 0, toDays: 30, count: 1 });
    expect(beta).toMatchObject({ payerId: c.betaPayerId, totalCents: 37500, count: 3, creditCents: 0, creditCount: 0 });
    expect(amounts(beta)).toEqual([0, 17500, 0, 2500, 17500]);
    expect(report.patient).toMatchObject({ totalCents: 500, count: 1, creditCents: 0 });
    expect(amounts(report.patient)).toEqual([0, 500, 0, 0, 0]);
    expect(report.insurance).toMatchObject({ totalCents: 55000, count: 4, creditCents: -500, creditCount: 1 });
    expect(amounts(report.insurance)).toEqual([17500, 17500, 0, 2500, 17500]);
    expect(report.totalCents).toBe(55500);

    // The other organization sees its own claim only, and ours never showed its $175.
    const theirs = (await get(other, '/v1/reports/aging').expect(200)).body;
    expect(theirs.payers).toHaveLength(1);
    expect(theirs.totalCents).toBe(17500);
  });

  it('reads balances as of another date: only transactions effective by then, aged to it', async () => {
    const c = await agingScenario();
    const later = (await get(c, '/v1/reports/aging?asOf=2026-06-25').expect(200)).body;
    const beta = later.payers.find((p: { payerId: string }) => p.payerId === c.betaPayerId);
    // B6 was paid on 2026-06-20; B3 is 107 days old, B5 144.
    expect(amounts(beta)).toEqual([0, 0, 0, 2500, 17500]);
    expect(amounts(later.patient)).toEqual([0, 0, 500, 0, 0]);
    const early = (await get(c, '/v1/reports/aging?asOf=2026-03-01').expect(200)).body;
    // Only A4 (credit since 2026-02-15) and B5 (28 days) existed.
    expect(early.payers).toMatchObject([
      { payerName: 'Acme Health Plan', totalCents: 0, creditCents: -500 },
      { payerName: 'Beta Health Plan', totalCents: 17500 },
    ]);
    expect(amounts(early.payers[1])).toEqual([17500, 0, 0, 0, 0]);
    expect(early.patient.totalCents).toBe(0);
  });

  it('ages from the day each party was first billed with basis=billed_date', async () => {
    const c = await agingScenario();
    const report = (await get(c, '/v1/reports/aging?basis=billed_date').expect(200)).body;
    expect(report.basis).toBe('billed_date');
    // The coverages were billed by the charges (on the date of service); the patient on 2026-05-20.
    expect(amounts(report.insurance)).toEqual([17500, 17500, 0, 2500, 17500]);
    expect(amounts(report.patient)).toEqual([500, 0, 0, 0, 0]);
    expect(report.insurance.creditCents).toBe(-500);
  });

  it('answers an organization with no receivables with empty buckets', async () => {
    const c = await agingClinic();
    const report = (await get(c, '/v1/reports/aging').expect(200)).body;
    expect(report.payers).toEqual([]);
    expect(amounts(report.patient)).toEqual([0, 0, 0, 0, 0]);
    expect(report.totalCents).toBe(0);
  });

  it('refuses a bad asOf or basis (400) and a token without balances:read (403)', async () => {
    const c = await agingClinic();
    for (const query of ['asOf=2026-02-30', 'asOf=yesterday', 'asOf=0000-01-01', 'basis=posting_date']) {
      const res = await get(c, `/v1/reports/aging?${query}`).expect(400);
      expect(res.body.code, query).toBe('validation_failed');
    }
    const token = await c.org.tokenWith(['claims:read']);
    await t.http.get('/v1/reports/aging').set('authorization', `Bearer ${token}`).expect(403);
    await t.http.get('/v1/reports/denials').set('authorization', `Bearer ${token}`).expect(403);
  });
});

/** A JSON payer decision on one of our submitted claims (the same shape as an 835 CLP). */
async function adjudicate(c: Clinic, claim: ReadyClaim, body: Record<string, unknown>) {
  const res = await t.http.post(`/v1/claims/${claim.id}/adjudications`).set('authorization', c.org.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { createdAt: string };
}

const line = (lineNumber: number, chargeCents: number, paidCents: number, adjustments: object[]) => ({
  lineNumber,
  chargeCents,
  paidCents,
  adjustments,
});
const cas = (group: string, reasonCode: string, amountCents: number) => ({ group, reasonCode, amountCents });

/** Denied whole (CLP02 4): line 1 CO-50 $150, line 2 CO-50 $25. */
const deniedWhole = () => ({
  statusCode: '4',
  chargeCents: 17500,
  paidCents: 0,
  lines: [line(1, 15000, 0, [cas('CO', '50', 15000)]), line(2, 2500, 0, [cas('CO', '50', 2500)])],
});

/** An 835 CLP denying the claim at claim level (CO-50 $175), or its reversal (CLP02 22, amounts negated). */
const denialClp = (claim: ReadyClaim, status: '4' | '22' = '4'): Clp835 => {
  const sign = status === '22' ? -1 : 1;
  return {
    pcn: claim.patientControlNumber,
    status,
    chargeCents: sign * 17500,
    paidCents: 0,
    adjustments: [{ group: 'CO', reason: '50', cents: sign * 17500 }],
  };
};

async function post835(c: Clinic, file: string) {
  const res = await t.http
    .post('/v1/remittances')
    .set('authorization', c.org.auth)
    .set('content-type', 'application/edi-x12')
    .send(file);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('GET /v1/reports/denials', () => {
  it('sums denials by month, payer and CARC group, with the top codes, leaving reversed decisions out', async () => {
    clock.set(new Date());
    const c = await createClinic(t);
    await configureX12(t, c);
    const claims: ReadyClaim[] = [];
    for (let i = 0; i < 4; i++) claims.push(await readyClaim(t, c));
    await submit(
      t,
      c,
      claims.map((x) => x.id),
    );
    const [a, b, d, e] = claims as [ReadyClaim, ReadyClaim, ReadyClaim, ReadyClaim];
    // A: denied whole (nothing paid, nothing to the patient), CO-50 on line 1 and OA-18 on line 2.
    const first = await adjudicate(c, a, {
      statusCode: '1',
      chargeCents: 17500,
      paidCents: 0,
      lines: [line(1, 15000, 0, [cas('CO', '50', 15000)]), line(2, 2500, 0, [cas('OA', '18', 2500)])],
    });
    // B: line 1 paid, line 2 denied CO-97.
    await adjudicate(c, b, {
      statusCode: '1',
      chargeCents: 17500,
      paidCents: 10000,
      lines: [line(1, 15000, 10000, [cas('CO', '45', 5000)]), line(2, 2500, 0, [cas('CO', '97', 2500)])],
    });
    // D: denied, then (in the next 835) the denial reversed (CLP02 22) and the claim denied again: one denial.
    await post835(c, x835({ trace: 'EFT-D1', claims: [denialClp(d)] }));
    clock.advance(60_000); // decisions are ordered by when they were posted (then by CLP order in their file)
    await post835(c, x835({ trace: 'EFT-D2', claims: [denialClp(d, '22'), denialClp(d)] }));
    // E: nothing paid on line 1 but all of it the patient's deductible: not a denial.
    await adjudicate(c, e, {
      statusCode: '1',
      chargeCents: 17500,
      paidCents: 2000,
      patientResponsibilityCents: 15000,
      lines: [line(1, 15000, 0, [cas('PR', '1', 15000)]), line(2, 2500, 2000, [cas('CO', '45', 500)])],
    });
    const other = await createClinic(t);
    await configureX12(t, other);
    const theirs = await readyClaim(t, other);
    await submit(t, other, [theirs.id]);
    await adjudicate(other, theirs, deniedWhole());

    const month = localDate(new Date(first.createdAt), 'America/New_York').slice(0, 7);
    const report = (await get(c, '/v1/reports/denials').expect(200)).body;
    expect(report).toMatchObject({ object: 'denial_report', to: month, timeZone: 'America/New_York' });
    expect(report.rows).toEqual([
      { month, payerId: c.payerId, payerName: 'Acme Health Plan', group: 'CO', deniedCents: 35000, count: 3 },
      { month, payerId: c.payerId, payerName: 'Acme Health Plan', group: 'OA', deniedCents: 2500, count: 1 },
    ]);
    expect(report.groups).toEqual([
      {
        group: 'CO',
        deniedCents: 35000,
        count: 3,
        topCodes: [
          { reasonCode: '50', deniedCents: 32500, count: 2 },
          { reasonCode: '97', deniedCents: 2500, count: 1 },
        ],
      },
      { group: 'OA', deniedCents: 2500, count: 1, topCodes: [{ reasonCode: '18', deniedCents: 2500, count: 1 }] },
    ]);
    expect(report.totals).toEqual({ deniedCents: 37500, count: 3 });

    const past = (await get(c, '/v1/reports/denials?from=2020-01&to=2020-12').expect(200)).body;
    expect(past).toMatchObject({ from: '2020-01', to: '2020-12', rows: [], groups: [] });
    expect(past.totals).toEqual({ deniedCents: 0, count: 0 });
    const theirReport = (await get(other, '/v1/reports/denials').expect(200)).body;
    expect(theirReport.totals).toEqual({ deniedCents: 17500, count: 1 });
  });

  it('defaults to the last 12 months and refuses bad months or ranges (400)', async () => {
    clock.set('2026-03-10T15:00:00.000Z');
    const c = await createClinic(t);
    const report = (await get(c, '/v1/reports/denials').expect(200)).body;
    expect(report).toMatchObject({ from: '2025-04', to: '2026-03' });
    expect((await get(c, '/v1/reports/denials?to=2026-01').expect(200)).body.from).toBe('2025-02');
    for (const query of ['from=2026-13', 'to=2026-1', 'from=2026-04&to=2026-03', 'from=2010-01&to=2026-03']) {
      const res = await get(c, `/v1/reports/denials?${query}`).expect(400);
      expect(res.body.code, query).toBe('validation_failed');
    }
  });
});
