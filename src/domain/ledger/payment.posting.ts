import type { Cents } from '../money.js';
import { type Account, PATIENT, receivable } from './accounts.js';
import { allocate, type LineAmount, type OpenRow } from './allocation.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';
import { LedgerError } from './ledger.errors.js';
import { compareLines, receivableRows, unappliedCredit } from './receivables.js';

/**
 * A patient's money: payments, unapplied credit applied to balances, and a claim's patient credit balance (after
 * a reversal or a void) moved into unapplied credit. Refunds are in refund.posting.ts.
 */

/** When a claim line was performed; a claim-level date (lineNumber null) serves its lines that have none. */
export interface ServiceDate {
  claimId: string;
  lineNumber: number | null;
  dateOfService: string;
}

const creditAccount = (patientId: string): Account => ({ kind: 'patient_credit', patientId });

/**
 * What the patient owes, oldest first: by date of service, then claim, then line (claim level first); rows
 * without a known date last. Only rows that owe (> 0).
 */
export function patientOpenRows(
  entries: readonly LedgerEntry[],
  patientId: string,
  serviceDates: readonly ServiceDate[] = [],
): (OpenRow & { dateOfService: string | null })[] {
  const dates = new Map(serviceDates.map((d) => [`${d.claimId}\u0000${d.lineNumber ?? ''}`, d.dateOfService]));
  const dateOf = (claimId: string, line: number | null) =>
    dates.get(`${claimId}\u0000${line ?? ''}`) ?? dates.get(`${claimId}\u0000`) ?? null;
  return receivableRows(entries, { patientId, party: PATIENT })
    .filter((r) => r.balanceCents > 0)
    .map((r) => ({
      claimId: r.claimId,
      lineNumber: r.lineNumber,
      openCents: r.balanceCents,
      dateOfService: dateOf(r.claimId, r.lineNumber),
    }))
    .sort(
      (a, b) =>
        (a.dateOfService === null ? 1 : 0) - (b.dateOfService === null ? 1 : 0) ||
        (a.dateOfService ?? '').localeCompare(b.dateOfService ?? '') ||
        (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0) ||
        compareLines(a.lineNumber, b.lineNumber),
    );
}

export interface PatientPaymentInput {
  patientId: string;
  amountCents: Cents;
  /** The patient's entries (at least the receivables of the patient's claims). */
  entries: readonly LedgerEntry[];
  /** For oldest-first allocation. */
  serviceDates?: readonly ServiceDate[];
  /** Where the patient said the money goes; the rest of the amount goes oldest first. */
  allocations?: readonly LineAmount[];
  /** Hold what no balance takes (an overpayment) as unapplied credit; refused without it. */
  allowCredit?: boolean;
}

function applied(patientId: string, lines: readonly LineAmount[], from: Account, category: 'patient_paid' | 'credit') {
  return lines.flatMap((a) =>
    movement(from, receivable(a.claimId, PATIENT), a.amountCents, {
      category,
      claimId: a.claimId,
      lineNumber: a.lineNumber,
      patientId,
    }),
  );
}

/**
 * Dr cash / Cr receivable(claim, patient) per allocation (patient_paid); what is left Dr cash / Cr patient_credit
 * (credit), when allowCredit. The cash is split per allocation so every category balances on its own.
 */
export function postPatientPayment(input: PatientPaymentInput): JournalTransaction {
  const { patientId } = input;
  const { applied: lines, excessCents } = allocate({
    rows: patientOpenRows(input.entries, patientId, input.serviceDates),
    amountCents: input.amountCents,
    explicit: input.allocations,
    allowExcess: input.allowCredit === true,
    overCode: 'payment_exceeds_balance',
    what: 'A patient payment',
  });
  const entries = applied(patientId, lines, { kind: 'cash' }, 'patient_paid');
  entries.push(
    ...movement({ kind: 'cash' }, creditAccount(patientId), excessCents, {
      category: 'credit',
      lineNumber: null,
      patientId,
    }),
  );
  return journalTransaction('patient_payment', entries);
}

export interface CreditApplicationInput {
  patientId: string;
  entries: readonly LedgerEntry[];
  serviceDates?: readonly ServiceDate[];
  /** Default: as much of the credit as the balances take (Σ allocations when they are given). */
  amountCents?: Cents;
  allocations?: readonly LineAmount[];
}

/** Dr patient_credit / Cr receivable(claim, patient) (credit): unapplied credit paying what the patient owes. */
export function applyPatientCredit(input: CreditApplicationInput): JournalTransaction {
  const { patientId } = input;
  const credit = unappliedCredit(input.entries, patientId);
  const rows = patientOpenRows(input.entries, patientId, input.serviceDates);
  const owed = rows.reduce((sum, r) => sum + r.openCents, 0);
  if (credit <= 0)
    throw new LedgerError('credit_exceeded', 'The patient has no unapplied credit', { creditCents: credit });
  if (owed === 0) throw new LedgerError('nothing_owed', 'The patient owes nothing to apply credit to');
  const amountCents =
    input.amountCents ??
    (input.allocations ? input.allocations.reduce((s, a) => s + a.amountCents, 0) : Math.min(credit, owed));
  if (amountCents > credit) {
    throw new LedgerError('credit_exceeded', `${amountCents} is more than the ${credit} of unapplied credit`, {
      amountCents,
      creditCents: credit,
    });
  }
  const { applied: lines } = allocate({
    rows,
    amountCents,
    explicit: input.allocations,
    allowExcess: false,
    overCode: 'payment_exceeds_balance',
    what: 'A credit application',
  });
  return journalTransaction('credit_application', applied(patientId, lines, creditAccount(patientId), 'credit'));
}

/**
 * Each claim row where the patient paid more than owed (a negative patient receivable: a payer paid after the
 * patient did, a reversal, a void) moved into unapplied credit: Dr receivable(claim, patient) / Cr patient_credit.
 * Null when there is none.
 */
export function moveOverpaymentToCredit(input: {
  patientId: string;
  entries: readonly LedgerEntry[];
  claimId?: string;
}): JournalTransaction | null {
  const { patientId } = input;
  const filter = input.claimId === undefined ? { patientId } : { patientId, claimId: input.claimId };
  const entries = receivableRows(input.entries, { ...filter, party: PATIENT })
    .filter((r) => r.balanceCents < 0)
    .flatMap((r) =>
      movement(receivable(r.claimId, PATIENT), creditAccount(patientId), 0 - r.balanceCents, {
        category: 'credit',
        claimId: r.claimId,
        lineNumber: r.lineNumber,
        patientId,
      }),
    );
  return entries.length === 0 ? null : journalTransaction('overpayment_to_credit', entries);
}
