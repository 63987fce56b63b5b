import { type Cents, centsToX12, unitsToX12 } from '../../src/domain/money.js';
import { type SegmentWriter, type TransactionSpec, writeInterchange } from '../../src/domain/x12/writer.js';
import { createPrng, type Prng } from './prng.js';
import { adjudicate, type ClaimResult, reversalOf, sum } from './x12-adjudication-fixture.js';
import { patientControlNumber, type RemittanceClaimAnswer } from './x12-fixture-data.js';

/**
 * A synthetic 835 (005010X221A1) that balances at all three levels of the TR3 (1.10.2.1): each line's charge less
 * its CAS is its payment, each claim's charge less claim and line CAS is CLP04 (and Σ SVC03 less claim CAS too), and
 * Σ CLP04 less Σ PLB is BPR02. Contractual write-offs (CO-45), deductible / coinsurance / copay (PR-1/2/3, CLP05 is
 * their sum), sequestration (CO-253, line or claim level), denied lines (CO-97 with LQ*HE), REF*6R, AMT*B6, and
 * every `reversalEvery`-th claim first reversed (CLP02 22, every amount negated) and then paid again.
 */

export interface Synthetic835Options {
  /** The claims to answer, in order (claim i answers `claims[i]`); generated claims when absent. */
  claims?: readonly RemittanceClaimAnswer[];
  /** Claims per ST*835 (one BPR / TRN / PLB each): 5,000 by default. */
  claimsPerTransaction?: number;
  /** Every n-th claim is preceded by the reversal of an earlier payment (an extra CLP loop); 40, 0 for none. */
  reversalEvery?: number;
  /** 'canonical' amounts as our writer prints them ("150", "80.5"), or 'fixed' with two decimals ("150.00"). */
  amounts?: 'canonical' | 'fixed';
  seed?: number;
  interchangeControlNumber?: number;
  payer?: { name: string; id: string };
  payee?: { name: string; npi: string; taxId: string };
}

const d8 = (iso: string) => iso.replaceAll('-', '');

function fixed(cents: Cents): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function cas(w: SegmentWriter, group: string, pairs: [string, Cents][], amount: (c: Cents) => string, r: Prng) {
  if (pairs.length === 0) return;
  w.segment('CAS', group, ...pairs.flatMap(([code, v]) => [code, amount(v), r.chance(0.05) ? '1' : null]));
}

function writeClaim(w: SegmentWriter, c: ClaimResult, amount: (c: Cents) => string, r: Prng) {
  const patientShare = c.patientCents === 0 ? null : amount(c.patientCents);
  w.segment(
    'CLP',
    c.pcn,
    c.status,
    amount(c.chargeCents),
    amount(c.paidCents),
    patientShare,
    '12',
    c.payerClaimNumber,
    '11',
    '1',
  );
  for (const [group, code, v] of c.claimCas) w.segment('CAS', group, code, amount(v));
  const p = c.patient;
  w.segment('NM1', 'QC', '1', p.lastName, p.firstName, null, null, null, 'MI', p.memberId);
  if (c.rendering) w.segment('NM1', '82', '1', 'RENDERING', 'DOCTOR', null, null, null, 'XX', c.rendering);
  if (c.remark) w.segment('MOA', null, null, c.remark);
  const first = c.lines[0]!.line.dateOfService;
  if (c.statementPeriod) {
    w.segment('DTM', '232', d8(first));
    w.segment('DTM', '233', d8(first));
  }
  w.segment('DTM', '050', '20261125');
  for (const l of c.lines) {
    const { line } = l;
    w.segment(
      'SVC',
      ['HC', line.procedureCode, ...line.modifiers],
      amount(line.chargeCents),
      amount(l.paidCents),
      null,
      unitsToX12(line.unitsThousandths),
    );
    w.segment('DTM', '472', d8(line.dateOfService));
    cas(w, 'CO', l.co, amount, r);
    cas(w, 'PR', l.pr, amount, r);
    w.segment('REF', '6R', line.controlNumber);
    if (l.allowedCents !== null) w.segment('AMT', 'B6', amount(l.allowedCents));
    if (l.remark) w.segment('LQ', 'HE', l.remark);
  }
}

/** An 835 interchange answering `claimCount` claims (see the file comment); the text, ready for the readers. */
export function synthetic835(claimCount: number, options: Synthetic835Options = {}): string {
  if (options.claims && options.claims.length < claimCount) {
    throw new Error(`synthetic835: ${claimCount} claims asked for, ${options.claims.length} given`);
  }
  const r = createPrng(options.seed ?? 835);
  const perSet = options.claimsPerTransaction ?? 5_000;
  const reversalEvery = options.reversalEvery ?? 40;
  const amount = options.amounts === 'fixed' ? fixed : centsToX12;
  const payer = options.payer ?? { name: 'BENCH HEALTH PLAN', id: 'BENCH01' };
  const payee = options.payee ?? { name: 'BENCH CLINIC 1', npi: '1234567893', taxId: '371234567' };
  const answer = (i: number) => options.claims?.[i] ?? { patientControlNumber: patientControlNumber(i, r) };

  const transactions: TransactionSpec[] = [];
  for (let from = 0, set = 1; from < claimCount; from += perSet, set++) {
    const claims: ClaimResult[] = [];
    for (let i = from; i < Math.min(from + perSet, claimCount); i++) {
      const a = answer(i);
      if (reversalEvery > 0 && i % reversalEvery === reversalEvery - 1) claims.push(reversalOf(adjudicate(a, r, 0.07)));
      claims.push(adjudicate(a, r, 0));
    }
    const paid = sum(claims.map((c) => c.paidCents));
    // PLB: interest paid to the provider (negative: it raises the payment) and a small overpayment recovery.
    const interest = r.int(100, 5_000);
    const recovery = Math.min(Math.max(paid, 0), r.int(1_000, 50_000));
    const payment = paid + interest - recovery;
    transactions.push({
      type: '835',
      controlNumber: set,
      implementation: '005010X221A1',
      body(w) {
        w.segment(
          'BPR',
          'I',
          amount(payment),
          'C',
          'ACH',
          'CCP',
          '01',
          '999999992',
          'DA',
          '123456789',
          '1512345678',
          null,
          '01',
          '999988880',
          'DA',
          '98765',
          '20261205',
        );
        w.segment('TRN', '1', `EFT${String(set).padStart(8, '0')}`, '1512345678');
        w.segment('DTM', '405', '20261204');
        w.segment('N1', 'PR', payer.name);
        w.segment('N3', '1 PAYER WAY');
        w.segment('N4', 'HARTFORD', 'CT', '06103');
        w.segment('REF', '2U', payer.id);
        w.segment('PER', 'BL', 'EDI SUPPORT', 'TE', '8005550100');
        w.segment('N1', 'PE', payee.name, 'XX', payee.npi);
        w.segment('N3', '100 MAIN ST');
        w.segment('N4', 'SPRINGFIELD', 'IL', '62704');
        w.segment('REF', 'TJ', payee.taxId);
        w.segment('LX', '1');
        for (const c of claims) writeClaim(w, c, amount, r);
        w.segment(
          'PLB',
          payee.npi,
          '20261231',
          ['L6', 'INTEREST'],
          amount(-interest),
          ['WO', `RECOUP${set}`],
          amount(recovery),
        );
      },
    });
  }
  const isa13 = options.interchangeControlNumber ?? 835;
  return writeInterchange({
    senderQualifier: 'ZZ',
    senderId: 'BENCHPAYER',
    receiverQualifier: 'ZZ',
    receiverId: 'CLAIMSAPI',
    date: '261205',
    time: '0900',
    controlNumber: isa13,
    usage: 'T',
    acknowledgmentRequested: false,
    groups: [
      {
        functionalId: 'HP',
        sender: 'BENCHPAYER',
        receiver: 'CLAIMSAPI',
        date: '20261205',
        time: '0900',
        controlNumber: isa13,
        version: '005010X221A1',
        transactions,
      },
    ],
  });
}
