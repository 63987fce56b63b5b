import { z } from 'zod';
import { CLAIM_STATUSES } from '../../domain/claims/claim-status.js';
import { ENTRY_CATEGORIES, TRANSACTION_KINDS } from '../../domain/ledger/journal.js';
import { Address, IsoDate, IsoDateTime, listOf } from '../../lib/schemas.js';

const cents = (description: string) => z.number().int().meta({ description });

export const AgingBucket = z
  .object({
    bucket: z.enum(['0-30', '31-60', '61-90', '91-120', '120+']),
    fromDays: z.number().int(),
    toDays: z.number().int().nullable(),
    amountCents: cents('What is owed in this bucket.'),
    count: z.number().int().meta({ description: 'Receivable rows (claim and party) in the bucket.' }),
  })
  .meta({ id: 'AgingBucket', description: 'Receivables of one age band.' });

export const Aging = z
  .object({ buckets: z.array(AgingBucket), totalCents: cents('Σ of the buckets.') })
  .meta({ id: 'Aging', description: 'Receivables by age: 0–30, 31–60, 61–90, 91–120 and over 120 days.' });

export const BalanceQuery = z.object({
  asOf: IsoDate.optional().meta({
    description: 'The date receivables age to (default: today in the organization’s zone).',
  }),
});

export const PatientBalance = z
  .object({
    object: z.literal('patient_balance'),
    patientId: z.string(),
    asOf: IsoDate,
    patientBalanceCents: cents('What the patient owes on claims (before unapplied credit).'),
    insuranceBalanceCents: cents('What payers still owe on the patient’s claims.'),
    unappliedCreditCents: cents('Money received from the patient and not yet applied (a credit).'),
    netPatientBalanceCents: cents('patient balance − unapplied credit: negative when we owe the patient.'),
    accountBalanceCents: cents('insurance + patient balance − unapplied credit.'),
    aging: z.object({
      patient: z.object({
        fromServiceDate: Aging,
        fromFirstStatementDate: Aging.meta({
          description:
            'Patient balances aged from the first statement date: the day the balance first became the patient’s ' +
            '(a self-pay charge, or the payer’s decision moving responsibility to the patient).',
        }),
      }),
      insurance: z.object({ fromServiceDate: Aging }),
    }),
  })
  .meta({ id: 'PatientBalance', description: 'A patient’s balances, each the sum of ledger entries, with aging.' });

export const PayerPaid = z.object({ coverageId: z.string(), payerId: z.string(), paidCents: z.number().int() });

const itemization = {
  chargeCents: cents('Billed.'),
  allowedCents: cents('charge − contractual.'),
  contractualCents: cents('CO adjustments.'),
  otherAdjustmentCents: cents('OA, PI and CR adjustments.'),
  payerPaid: z.array(PayerPaid).meta({ description: 'Paid by each payer (coverage).' }),
  payerPaidCents: cents('Σ payer paid.'),
  deductibleCents: cents('PR-1 that reached the patient.'),
  coinsuranceCents: cents('PR-2 that reached the patient.'),
  copayCents: cents('PR-3 that reached the patient.'),
  otherPatientResponsibilityCents: cents('PR with any other CARC that reached the patient.'),
  patientResponsibilityCents: cents('Σ of the four above.'),
  transferredCents: cents('Responsibility moved in from (+) or out to (−) another claim (COB).'),
  patientPaidCents: cents('Patient payments and credit applied.'),
  writtenOffCents: cents('Written off, insurance and patient side.'),
  refundedCents: cents('Refunded to payers.'),
  insuranceBalanceCents: cents('Still owed by payers.'),
  patientBalanceCents: cents('Still owed by the patient.'),
  balanceCents: cents('insurance + patient balance.'),
};

export const ClaimBalanceLine = z
  .object({
    lineNumber: z.number().int().nullable().meta({ description: 'null: the claim-level row (claim-level CAS).' }),
    code: z.string().nullable(),
    ...itemization,
  })
  .meta({ id: 'ClaimBalanceLine', description: 'One service line’s money, charge to balance.' });

export const ClaimBalance = z
  .object({
    object: z.literal('claim_balance'),
    claimId: z.string(),
    patientId: z.string(),
    status: z.enum(CLAIM_STATUSES),
    parties: z.array(
      z.object({
        party: z.enum(['coverage', 'patient']),
        coverageId: z.string().nullable(),
        payerId: z.string().nullable(),
        balanceCents: z.number().int(),
      }),
    ),
    total: z.object(itemization),
    lines: z.array(ClaimBalanceLine),
  })
  .meta({
    id: 'ClaimBalance',
    description:
      'A claim’s balance itemized per line: charge → allowed → contractual → payer paid (per payer) → deductible / ' +
      'coinsurance / copay → patient paid → written off → balance. Every figure is a sum of ledger entries.',
  });

export const LedgerEntry = z
  .object({
    object: z.literal('ledger_entry'),
    transactionId: z.string(),
    entryNumber: z.number().int(),
    kind: z.enum(TRANSACTION_KINDS).meta({ description: 'The business event the transaction posted.' }),
    reversal: z.boolean(),
    reversesTransactionId: z.string().nullable(),
    sourceType: z.string().meta({ description: 'What posted it: claim, adjudication, payment, writeoff, refund.' }),
    sourceId: z.string(),
    effectiveDate: IsoDate,
    account: z.string().meta({ example: 'receivable:clm_01jd…:patient' }),
    accountKind: z.string(),
    party: z.string().nullable(),
    payerId: z.string().nullable(),
    claimId: z.string().nullable(),
    lineNumber: z.number().int().nullable(),
    category: z.enum(ENTRY_CATEGORIES),
    reasonCode: z.string().nullable(),
    amountCents: cents('Signed: > 0 debit, < 0 credit. A transaction’s entries add up to zero.'),
    postedAt: IsoDateTime,
  })
  .meta({ id: 'LedgerEntry', description: 'One journal entry naming the patient.' });
export const LedgerEntryList = listOf(LedgerEntry, 'LedgerEntryList');

export const LedgerQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Page size, 1–500.' }),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

const statementAmounts = {
  chargeCents: cents('Billed.'),
  payerPaidCents: cents('Paid by insurance.'),
  adjustmentCents: cents('Contractual and other adjustments.'),
  deductibleCents: cents('Deductible.'),
  coinsuranceCents: cents('Coinsurance.'),
  copayCents: cents('Copay.'),
  patientPaidCents: cents('Paid by the patient.'),
  writtenOffCents: cents('Written off.'),
  insuranceBalanceCents: cents('Pending with insurance.'),
  patientBalanceCents: cents('Owed by the patient.'),
};

export const StatementVisit = z
  .object({
    claimId: z.string(),
    dateOfService: IsoDate,
    payerId: z.string(),
    status: z.enum(CLAIM_STATUSES),
    ...statementAmounts,
    lines: z.array(
      z.object({
        lineNumber: z.number().int().nullable(),
        code: z.string().nullable(),
        dateOfService: IsoDate.nullable(),
        ...statementAmounts,
      }),
    ),
  })
  .meta({ id: 'StatementVisit', description: 'One visit (claim) on a statement, itemized per line.' });

export const PatientStatement = z
  .object({
    object: z.literal('patient_statement'),
    patientId: z.string(),
    statementDate: IsoDate,
    patient: z.object({ firstName: z.string(), lastName: z.string(), address: Address.nullable() }),
    amountDueCents: cents('What the patient owes now, after unapplied credit (0 when in credit).'),
    patientBalanceCents: cents('Σ visits’ patient balance.'),
    unappliedCreditCents: cents('Credit on account.'),
    insurancePendingCents: cents('Still expected from insurance.'),
    visits: z.array(StatementVisit),
    aging: Aging.meta({ description: 'The patient balance by age from the first statement date.' }),
  })
  .meta({
    id: 'PatientStatement',
    description: 'What the patient owes, itemized per visit and line, with payer payments and adjustments shown.',
  });

export type PatientBalance = z.infer<typeof PatientBalance>;
export type ClaimBalance = z.infer<typeof ClaimBalance>;
export type LedgerEntryView = z.infer<typeof LedgerEntry>;
export type PatientStatement = z.infer<typeof PatientStatement>;
