import type { Cents } from '../money.js';
import { type LedgerEntry, RESPONSIBILITY_CATEGORIES } from './journal.js';

/**
 * A patient's balances, from the entries of the patient's claims and credit (every such entry carries the
 * patientId; PLB entries carry none and never count).
 *
 * The identities that hold in this model, both checked here and in the tests:
 *
 *   insurance balance + patient balance − unapplied credit
 *     = charges − payer paid − contractual − other adjustments − patient paid − written off + refunded
 *
 * where "patient balance" is what the patient's claim receivables hold, "patient paid" every payment received
 * from the patient (including what was held as credit) and "refunded" what was paid back to the patient and to
 * payers. The left side comes from the receivable and credit accounts, the right from the counter accounts
 * (charges, cash, contractual, other adjustments, write-offs, refunds), so it holds exactly when every
 * transaction balances. On the patient's side alone:
 *
 *   patient balance − unapplied credit
 *     = self-pay charges + patient responsibility − patient paid − patient write-offs + refunds to the patient
 */

export interface PatientTotals {
  chargesCents: Cents;
  payerPaidCents: Cents;
  contractualCents: Cents;
  otherAdjustmentCents: Cents;
  patientPaidCents: Cents;
  writtenOffCents: Cents;
  refundedCents: Cents;
  /** Self-pay charges and patient responsibility that reached the patient. */
  patientResponsibilityCents: Cents;
  patientWrittenOffCents: Cents;
  patientRefundedCents: Cents;
}

export interface PatientBalance {
  patientId: string;
  /** What the patient's claim receivables hold (before credit). */
  patientBalanceCents: Cents;
  insuranceBalanceCents: Cents;
  unappliedCreditCents: Cents;
  /** patient balance − unapplied credit: what the patient owes on the whole (negative: owed to the patient). */
  netPatientBalanceCents: Cents;
  /** insurance + patient balance − unapplied credit. */
  accountBalanceCents: Cents;
  totals: PatientTotals;
  /** The account identity above. */
  identityHolds: boolean;
  /** The patient-side identity above. */
  patientIdentityHolds: boolean;
}

const PATIENT_CASH = new Set(['patient_paid', 'credit']);

export function patientBalance(entries: readonly LedgerEntry[], patientId: string): PatientBalance {
  let patient = 0;
  let insurance = 0;
  let credit = 0;
  const t: PatientTotals = {
    chargesCents: 0,
    payerPaidCents: 0,
    contractualCents: 0,
    otherAdjustmentCents: 0,
    patientPaidCents: 0,
    writtenOffCents: 0,
    refundedCents: 0,
    patientResponsibilityCents: 0,
    patientWrittenOffCents: 0,
    patientRefundedCents: 0,
  };
  for (const e of entries) {
    if (e.patientId !== patientId) continue;
    const cents = e.amountCents;
    switch (e.account.kind) {
      case 'receivable':
        if (e.account.party.kind === 'coverage') {
          insurance += cents;
          break;
        }
        patient += cents;
        if (e.category === 'charge' || RESPONSIBILITY_CATEGORIES.has(e.category)) t.patientResponsibilityCents += cents;
        if (e.category === 'writeoff') t.patientWrittenOffCents -= cents;
        break;
      case 'patient_credit':
        credit -= cents;
        if (e.category === 'refund') t.patientRefundedCents += cents;
        break;
      case 'charges':
        t.chargesCents -= cents;
        break;
      case 'cash':
        if (e.category === 'payer_paid') t.payerPaidCents += cents;
        else if (PATIENT_CASH.has(e.category)) t.patientPaidCents += cents;
        break;
      case 'contractual':
        t.contractualCents += cents;
        break;
      case 'other_adjustments':
        t.otherAdjustmentCents += cents;
        break;
      case 'writeoffs':
        t.writtenOffCents += cents;
        break;
      case 'refunds':
        t.refundedCents -= cents;
        break;
      case 'provider_adjustments':
        break;
    }
  }
  const net = patient - credit;
  const account = insurance + net;
  const expected =
    t.chargesCents -
    t.payerPaidCents -
    t.contractualCents -
    t.otherAdjustmentCents -
    t.patientPaidCents -
    t.writtenOffCents +
    t.refundedCents;
  const patientExpected =
    t.patientResponsibilityCents - t.patientPaidCents - t.patientWrittenOffCents + t.patientRefundedCents;
  return {
    patientId,
    patientBalanceCents: patient,
    insuranceBalanceCents: insurance,
    unappliedCreditCents: credit,
    netPatientBalanceCents: net,
    accountBalanceCents: account,
    totals: t,
    identityHolds: account === expected,
    patientIdentityHolds: net === patientExpected,
  };
}
