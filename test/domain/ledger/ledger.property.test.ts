import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPatientCredit,
  type CoverageParty,
  chargeClaim,
  claimBalance,
  isBalanced,
  isLedgerError,
  isSettled,
  type JournalTransaction,
  moveOverpaymentToCredit,
  PATIENT,
  patientBalance,
  patientOpenRows,
  patientPosition,
  postAdjudication,
  postPatientPayment,
  postProviderAdjustments,
  postWriteoff,
  receivableRows,
  refundPatientCredit,
  refundPayer,
  reverse,
  reverseAdjudication,
  reverseClaimCharge,
  transferBalance,
  unappliedCredit,
  WRITEOFF_REASONS,
} from '../../../src/domain/ledger/index.js';
import type { AdjudicatedLine, AdjudicationResult, Adjustment } from '../../../src/domain/remittance/adjudication.js';
import { addDays } from '../../../src/domain/claims/calendar-date.js';
import { type DatedTransaction, agingFromEntries, groupedSums } from './grouped-sums.js';
import { cas, clp, createBook, PATIENT_ID, PRIMARY, reversalOf, SECONDARY, svc } from './ledger.fixtures.js';

/**
 * Random sequences of every posting rule on one patient with three claims and two coverages. Each step may be
 * refused (a LedgerError: that is the rule working); whatever posts must keep every invariant.
 */

const CLAIMS = ['clm_1', 'clm_2', 'clm_3'] as const;
const COVERAGES = [PRIMARY, SECONDARY] as const;
const DATES = ['2025-01-05', '2025-02-10', '2025-02-10'];
const percent = fc.integer({ min: 0, max: 100 });
const claim = fc.integer({ min: 0, max: 2 });

const world = fc.array(
  fc.record({
    charges: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 3 }),
    selfPay: fc.boolean(),
  }),
  {
    minLength: 3,
    maxLength: 3,
  },
);

const lineDecision = fc.record({
  paid: percent,
  pr: percent,
  prCode: fc.constantFrom('1', '2', '3', '27'),
  oa: percent,
  oaGroup: fc.constantFrom('OA', 'PI', 'CR'),
  denied: fc.boolean(),
  unmatched: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const op = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('charge' as const), claim }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('void' as const), claim }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('adjudicate' as const),
      claim,
      by: fc.integer({ min: 0, max: 1 }),
      toSecondary: fc.boolean(),
      lines: fc.array(lineDecision, { minLength: 3, maxLength: 3 }),
      claimPr: fc.option(percent, { nil: undefined }),
      status: fc.constantFrom('1', '1', '1', '2', '4', '25'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reverseAdjudication' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('pay' as const),
      amount: fc.integer({ min: -10, max: 60_000 }),
      explicit: fc.boolean(),
      allowCredit: fc.boolean(),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('applyCredit' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('writeoff' as const),
      claim,
      party: fc.integer({ min: 0, max: 2 }),
      reason: fc.constantFrom(...WRITEOFF_REASONS),
      share: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverseWriteoff' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('refundPatient' as const), share: fc.integer({ min: 1, max: 120 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('refundPayer' as const),
      claim,
      by: fc.integer({ min: 0, max: 1 }),
      amount: fc.integer({ min: 1, max: 20_000 }),
      allowReopen: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('plb' as const), amount: fc.integer({ min: -5000, max: 5000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('overpaymentToCredit' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('transfer' as const),
      claim,
      from: fc.integer({ min: 0, max: 2 }),
      to: fc.integer({ min: 0, max: 2 }),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

interface State {
  book: ReturnType<typeof createBook>;
  charges: Map<string, JournalTransaction>;
  voided: Set<string>;
  adjudications: { transaction: JournalTransaction; result: AdjudicationResult; reversed: boolean }[];
  writeoffs: { transaction: JournalTransaction; reversed: boolean }[];
  /** Every posted transaction with a journal date (one step every 11 days), for the grouped reads. */
  journal: DatedTransaction[];
}

/** A balanced 835 claim for what the coverage owes now, shaped by the decisions (OA-23 for what it does not owe). */
function adjudicationFor(state: State, w: World, o: Extract<Op, { t: 'adjudicate' }>, coverage: CoverageParty) {
  const claimId = CLAIMS[o.claim]!;
  const owed = new Map(
    receivableRows(state.book.entries, { claimId, party: coverage }).map((r) => [r.lineNumber, r.balanceCents]),
  );
  const lines: AdjudicatedLine[] = w[o.claim]!.charges.map((charge, i) => {
    const d = o.lines[i]!;
    const base = Math.max(0, owed.get(i + 1) ?? charge);
    const billed = Math.max(charge, base);
    const adjustments: Adjustment[] = [];
    let paid = 0;
    if (d.denied) adjustments.push(cas('CO-50', base));
    else {
      paid = Math.floor((base * d.paid) / 100);
      const pr = Math.floor(((base - paid) * d.pr) / 100);
      const other = Math.floor(((base - paid - pr) * d.oa) / 100);
      adjustments.push(
        cas(`PR-${d.prCode}`, pr),
        cas(`${d.oaGroup as 'OA'}-45`, other),
        cas('CO-45', base - paid - pr - other),
      );
    }
    if (billed > base) adjustments.push(cas('OA-23', billed - base));
    return svc(
      billed,
      paid,
      adjustments.filter((a) => a.amountCents !== 0),
    );
  });
  const linesPaid = lines.reduce((s, l) => s + l.paidCents, 0);
  const claimLevel = o.claimPr === undefined ? [] : [cas('PR-1', Math.floor((linesPaid * o.claimPr) / 100))];
  const result = clp(lines, {
    status: o.status as AdjudicationResult['statusCode'],
    adjustments: claimLevel.filter((a) => a.amountCents > 0),
  });
  const lineNumbers = o.lines.slice(0, lines.length).map((d, i) => (d.unmatched ? null : i + 1));
  return { claimId, result, lineNumbers };
}

function step(state: State, w: World, o: Op): JournalTransaction | null {
  const { book } = state;
  const entries = book.entries;
  switch (o.t) {
    case 'charge': {
      const claimId = CLAIMS[o.claim]!;
      if (state.charges.has(claimId)) return null;
      const lines = w[o.claim]!.charges.map((chargeCents, i) => ({ lineNumber: i + 1, chargeCents }));
      const t = chargeClaim({ claimId, patientId: PATIENT_ID, billTo: w[o.claim]!.selfPay ? PATIENT : PRIMARY, lines });
      if (t) state.charges.set(claimId, t);
      return t;
    }
    case 'void': {
      const claimId = CLAIMS[o.claim]!;
      const charge = state.charges.get(claimId);
      if (!charge || state.voided.has(claimId)) return null;
      state.voided.add(claimId);
      return reverseClaimCharge(charge);
    }
    case 'adjudicate': {
      const coverage = COVERAGES[o.by]!;
      const { claimId, result, lineNumbers } = adjudicationFor(state, w, o, coverage);
      const toSecondary = o.by === 0 && o.toSecondary;
      const t = postAdjudication({
        claimId,
        patientId: PATIENT_ID,
        coverage,
        result,
        lineNumbers,
        entries,
        ...(toSecondary ? { responsibilityTo: SECONDARY } : {}),
      });
      if (t) state.adjudications.push({ transaction: t, result, reversed: false });
      return t;
    }
    case 'reverseAdjudication': {
      const open = state.adjudications.filter((a) => !a.reversed);
      const target = open[o.pick % Math.max(1, open.length)];
      if (!target) return null;
      target.reversed = true;
      return reverseAdjudication(target.transaction, reversalOf(target.result));
    }
    case 'pay': {
      const rows = patientOpenRows(entries, PATIENT_ID);
      const row = rows[o.pick % Math.max(1, rows.length)];
      const allocations =
        o.explicit && row
          ? [{ claimId: row.claimId, lineNumber: row.lineNumber, amountCents: Math.min(o.amount, row.openCents + 1) }]
          : undefined;
      return postPatientPayment({
        serviceDates: CLAIMS.map((claimId, i) => ({ claimId, lineNumber: null, dateOfService: DATES[i]! })),
        patientId: PATIENT_ID,
        amountCents: o.amount,
        entries,
        allocations,
        allowCredit: o.allowCredit,
      });
    }
    case 'applyCredit':
      return applyPatientCredit({ patientId: PATIENT_ID, entries });
    case 'writeoff': {
      const claimId = CLAIMS[o.claim]!;
      const party = [PRIMARY, SECONDARY, PATIENT][o.party]!;
      const owed = receivableRows(entries, { claimId, party }).reduce((s, r) => s + Math.max(0, r.balanceCents), 0);
      const amountCents = o.share === undefined ? undefined : Math.floor((owed * o.share) / 100);
      const t = postWriteoff({
        claimId,
        patientId: PATIENT_ID,
        party,
        reason: o.reason,
        entries,
        ...(amountCents === undefined ? {} : { amountCents }),
      });
      state.writeoffs.push({ transaction: t, reversed: false });
      return t;
    }
    case 'reverseWriteoff': {
      const open = state.writeoffs.filter((x) => !x.reversed);
      const target = open[o.pick % Math.max(1, open.length)];
      if (!target) return null;
      target.reversed = true;
      return reverse(target.transaction);
    }
    case 'refundPatient':
      return refundPatientCredit({
        patientId: PATIENT_ID,
        amountCents: Math.floor((unappliedCredit(entries, PATIENT_ID) * o.share) / 100),
        entries,
      });
    case 'refundPayer':
      return refundPayer({
        claimId: CLAIMS[o.claim]!,
        patientId: PATIENT_ID,
        coverage: COVERAGES[o.by]!,
        amountCents: o.amount,
        entries,
        allowReopen: o.allowReopen,
      });
    case 'plb':
      return postProviderAdjustments([
        { providerId: '1', fiscalPeriodDate: null, reasonCode: 'WO', reference: null, amountCents: o.amount },
      ]);
    case 'transfer': {
      const parties = [PRIMARY, SECONDARY, PATIENT];
      const from = parties[o.from]!;
      const to = parties[o.to]!;
      return transferBalance({ claimId: CLAIMS[o.claim]!, patientId: PATIENT_ID, from, to, entries });
    }
    case 'overpaymentToCredit':
      return moveOverpaymentToCredit({ patientId: PATIENT_ID, entries });
  }
}

function snapshot(entries: State['book']['entries']) {
  return { claims: CLAIMS.map((c) => claimBalance(entries, c)), patient: patientBalance(entries, PATIENT_ID) };
}

function categoriesBalance(t: JournalTransaction): boolean {
  const sums = new Map<string, number>();
  for (const e of t.entries) sums.set(e.category, (sums.get(e.category) ?? 0) + e.amountCents);
  return [...sums.values()].every((s) => s === 0);
}

/**
 * The balance reads sum the journal per claim, line, party and category in SQL: over those sums, the position,
 * the aging, each claim's itemization and the payment rules' open rows and credit are what the entries give.
 */
function expectGroupedReadsAgree(state: State, after: ReturnType<typeof snapshot>, asOf: string) {
  const { entries } = state.book;
  const grouped = groupedSums(state.journal, PATIENT_ID);
  const position = patientPosition(grouped.receivables, asOf);
  expect(position).toMatchObject({
    patientBalanceCents: after.patient.patientBalanceCents,
    insuranceBalanceCents: after.patient.insuranceBalanceCents,
    unappliedCreditCents: after.patient.unappliedCreditCents,
    netPatientBalanceCents: after.patient.netPatientBalanceCents,
    accountBalanceCents: after.patient.accountBalanceCents,
  });
  expect(position.aging).toEqual(agingFromEntries(state.journal, PATIENT_ID, asOf));
  expect(new Set(position.openClaimIds)).toEqual(
    new Set(after.claims.filter((c) => c.parties.length > 0).map((c) => c.claimId)),
  );
  for (const c of after.claims) {
    const { parties, ...figures } = claimBalance(grouped.entries, c.claimId);
    const { parties: expectedParties, ...expected } = c;
    expect(figures).toEqual(expected);
    expect(new Set(parties.map((p) => JSON.stringify(p)))).toEqual(
      new Set(expectedParties.map((p) => JSON.stringify(p))),
    );
  }
  expect(patientOpenRows(grouped.entries, PATIENT_ID)).toEqual(patientOpenRows(entries, PATIENT_ID));
  expect(unappliedCredit(grouped.entries, PATIENT_ID)).toBe(unappliedCredit(entries, PATIENT_ID));
}

const JOURNAL_ERRORS = new Set(['empty_transaction', 'invalid_amount', 'unbalanced_transaction', 'inconsistent_entry']);

/** How many transactions each kind of step posted, over all runs. */
const POSTED = new Map<string, number>();

function run(w: World, ops: Op[]): { posted: number; refused: number } {
  const state: State = {
    book: createBook(),
    charges: new Map(),
    voided: new Set(),
    adjudications: [],
    writeoffs: [],
    journal: [],
  };
  let posted = 0;
  let refused = 0;
  for (const o of ops) {
    const before = snapshot(state.book.entries);
    let t: JournalTransaction | null;
    try {
      t = step(state, w, o);
    } catch (error) {
      // The inputs here are whole cents, so a journal-level refusal would be a posting rule's own bug.
      if (!isLedgerError(error) || JOURNAL_ERRORS.has(error.code)) throw error;
      refused++;
      continue;
    }
    if (!t) continue;
    posted++;
    POSTED.set(o.t, (POSTED.get(o.t) ?? 0) + 1);
    // Every transaction balances, and so does each of its categories (the entries come in pairs).
    expect(isBalanced(t.entries)).toBe(true);
    expect(categoriesBalance(t)).toBe(true);
    expect(reverse(reverse(t))).toEqual(t);
    // Its reversal brings every balance back to what it was.
    expect(snapshot([...state.book.entries, ...t.entries, ...reverse(t).entries])).toEqual(before);
    state.book.post(t);
    const effectiveDate = addDays('2025-01-01', 11 * state.journal.length);
    state.journal.push({ transaction: t, effectiveDate });
    const after = snapshot(state.book.entries);
    expectGroupedReadsAgree(state, after, addDays(effectiveDate, 45));
    for (const c of after.claims) {
      expect(c.addsUp, `claim ${c.claimId} adds up`).toBe(true);
      // The settlement check's lean pass agrees with the itemization it stands in for.
      expect(isSettled(state.book.entries, c.claimId)).toBe(
        claimBalance(state.book.entries, c.claimId).parties.length === 0,
      );
    }
    expect(after.patient.identityHolds).toBe(true);
    expect(after.patient.patientIdentityHolds).toBe(true);
    expect(after.patient.unappliedCreditCents).toBeGreaterThanOrEqual(0);
    const total = after.claims.reduce((s, c) => s + c.balanceCents, 0);
    expect(total - after.patient.unappliedCreditCents).toBe(after.patient.accountBalanceCents);
  }
  return { posted, refused };
}

describe('the ledger under random sequences of postings', () => {
  it('keeps every transaction balanced, every line itemization adding up and the patient identity holding', () => {
    let posted = 0;
    let refused = 0;
    fc.assert(
      fc.property(world, fc.array(op, { minLength: 10, maxLength: 40 }), (w, ops) => {
        const counts = run(w, [{ t: 'charge', claim: 0 }, { t: 'charge', claim: 1 }, ...ops]);
        posted += counts.posted;
        refused += counts.refused;
      }),
      { numRuns: 250 },
    );
    // The generator reaches both sides: most steps post, and the rules do refuse some.
    expect(posted).toBeGreaterThan(refused);
    expect(refused).toBeGreaterThan(0);
    expect([...POSTED.keys()].sort()).toEqual(
      [
        'adjudicate',
        'applyCredit',
        'charge',
        'overpaymentToCredit',
        'pay',
        'plb',
        'refundPatient',
        'refundPayer',
        'reverseAdjudication',
        'reverseWriteoff',
        'transfer',
        'void',
        'writeoff',
      ].sort(),
    );
  });

  it('settles a claim paid in full by its payer, and keeps it settled under a reversal and a re-adjudication', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), percent, (charge, share) => {
        const book = createBook();
        book.post(
          chargeClaim({
            claimId: 'c',
            patientId: PATIENT_ID,
            billTo: PRIMARY,
            lines: [{ lineNumber: 1, chargeCents: charge }],
          }),
        );
        const paid = 1 + Math.floor(((charge - 1) * share) / 100); // paid 0 with CO only would be a denial, held
        const result = clp([svc(charge, paid, charge - paid > 0 ? [cas('CO-45', charge - paid)] : [])]);
        const input = { claimId: 'c', patientId: PATIENT_ID, coverage: PRIMARY, result, lineNumbers: [1] };
        const t = book.post(postAdjudication({ ...input, entries: book.entries }));
        const settled = claimBalance(book.entries, 'c');
        expect(settled.parties).toEqual([]);
        book.post(reverseAdjudication(t!, reversalOf(result)));
        expect(claimBalance(book.entries, 'c').parties).toEqual([{ party: PRIMARY, balanceCents: charge }]);
        book.post(postAdjudication({ ...input, entries: book.entries }));
        expect(claimBalance(book.entries, 'c')).toEqual(settled);
      }),
      { numRuns: 100 },
    );
  });
});
