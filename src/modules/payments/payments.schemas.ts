import { z } from 'zod';
import { PAYMENT_METHODS, REFUND_RECIPIENTS, WRITEOFF_SIDES } from '../../db/schema/index.js';
import { WRITEOFF_REASONS } from '../../domain/ledger/index.js';
import { IsoDate, IsoDateTime, listOf, ListQuery, text } from '../../lib/schemas.js';

/** A positive amount of cents, up to a billion dollars (well inside the safe-integer range of every sum). */
const PositiveCents = z.number().int().min(1).max(100_000_000_000);
const cents = (description: string, example = 3500) => z.number().int().meta({ description, example });
const id = (prefix: string, example: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `a ${prefix}_ id`)
    .meta({ example });
const ClaimId = id('clm', 'clm_01jd8x7k2m3n4p5q6r7s8t9v0w');
const LineNumber = z.number().int().min(1).max(50);
const Reference = text().min(1).max(80);

export const PaymentMethod = z
  .enum(PAYMENT_METHODS)
  .meta({ id: 'PaymentMethod', description: 'How the money moved.', example: 'card' });

export const AllocationCreate = z
  .object({
    claimId: ClaimId,
    lineNumber: LineNumber.optional().meta({
      description: 'The claim line; without it the amount goes to the claim’s open lines in line order.',
    }),
    amountCents: PositiveCents.meta({ example: 2000 }),
  })
  .strict()
  .meta({ id: 'AllocationCreate', description: 'Where part of a payment or credit goes.' });

export const Allocation = z
  .object({
    claimId: ClaimId,
    lineNumber: z.number().int().nullable().meta({ description: 'null: the claim-level row (claim-level CAS).' }),
    amountCents: cents('Applied to the line.', 2000),
  })
  .meta({ id: 'Allocation', description: 'An amount applied to one claim line, as posted.' });
export type Allocation = z.infer<typeof Allocation>;

export const PaymentCreate = z
  .object({
    amountCents: PositiveCents.meta({ description: 'What the patient paid, in cents (> 0).', example: 3500 }),
    method: PaymentMethod,
    reference: Reference.optional().meta({ description: 'Check number, card authorization…', example: 'CHK 1042' }),
    receivedOn: IsoDate.optional().meta({ description: 'Default: today in the organization’s time zone.' }),
    allocations: z.array(AllocationCreate).min(1).max(100).optional().meta({
      description:
        'Where the money goes. What they leave of the amount goes to the oldest balances (date of service, then claim, then line); without allocations all of it does.',
    }),
    allowCredit: z.boolean().default(false).meta({
      description: 'Hold what exceeds the patient’s balance as unapplied credit; without it an overpayment is a 422.',
    }),
  })
  .strict()
  .meta({ id: 'PaymentCreate', description: 'A patient payment to post.' });
export type PaymentCreate = z.infer<typeof PaymentCreate>;

export const Payment = z
  .object({
    id: id('pmt', 'pmt_01jd8x7k2m3n4p5q6r7s8t9v0w'),
    object: z.literal('payment'),
    patientId: z.string(),
    amountCents: cents('What the patient paid.'),
    appliedCents: cents('Applied to claims (Σ allocations).'),
    creditCents: cents('Held as unapplied credit.', 0),
    method: PaymentMethod,
    reference: z.string().nullable(),
    receivedOn: IsoDate,
    allocations: z.array(Allocation).meta({ description: 'What was applied, per claim and line.' }),
    journalTransactionId: z.string().meta({ example: 'jtx_01jd8x7k2m3n4p5q6r7s8t9v0w' }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime.meta({ description: 'A payment never changes: its createdAt.' }),
  })
  .meta({ id: 'Payment', description: 'A posted patient payment (entries are never changed).' });
export type Payment = z.infer<typeof Payment>;
export const PaymentList = listOf(Payment, 'PaymentList');
export const PaymentListQuery = ListQuery;

export const CreditApplicationCreate = z
  .object({
    amountCents: PositiveCents.optional().meta({
      description: 'Default: Σ allocations when given, else as much of the credit as the balances take.',
    }),
    allocations: z.array(AllocationCreate).min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: 'CreditApplicationCreate', description: 'Unapplied credit to move onto the patient’s balances.' });
export type CreditApplicationCreate = z.infer<typeof CreditApplicationCreate>;

export const CreditApplication = z
  .object({
    id: z.string().meta({ description: 'The journal transaction that applied it.', example: 'jtx_01jd8x7k2m3n' }),
    object: z.literal('credit_application'),
    patientId: z.string(),
    amountCents: cents('Credit applied.'),
    allocations: z.array(Allocation),
    remainingCreditCents: cents('Unapplied credit left.', 0),
    appliedOn: IsoDate,
    createdAt: IsoDateTime,
  })
  .meta({ id: 'CreditApplication', description: 'Unapplied credit applied to claim balances.' });
export type CreditApplication = z.infer<typeof CreditApplication>;

export const WriteoffCreate = z
  .object({
    claimId: ClaimId,
    side: z.enum(WRITEOFF_SIDES).meta({ description: 'Whose balance: the payer’s (insurance) or the patient’s.' }),
    reason: z.enum(WRITEOFF_REASONS).meta({ example: 'small_balance' }),
    amountCents: PositiveCents.optional().meta({ description: 'Default: all that side owes on the claim (or line).' }),
    lineNumber: LineNumber.optional().meta({ description: 'Only this line; default: the claim’s lines in order.' }),
    note: text({ multiline: true }).min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'WriteoffCreate', description: 'A balance to give up on a claim.' });
export type WriteoffCreate = z.infer<typeof WriteoffCreate>;

export const Writeoff = z
  .object({
    id: id('wof', 'wof_01jd8x7k2m3n4p5q6r7s8t9v0w'),
    object: z.literal('writeoff'),
    claimId: z.string(),
    patientId: z.string(),
    side: z.enum(WRITEOFF_SIDES),
    coverageId: z.string().nullable().meta({ description: 'The coverage whose balance it is (insurance side).' }),
    reason: z.enum(WRITEOFF_REASONS),
    amountCents: cents('Written off (for a reversal: given back).'),
    lines: z.array(z.object({ lineNumber: z.number().int().nullable(), amountCents: z.number().int() })),
    note: z.string().nullable(),
    reversesId: z.string().nullable().meta({ description: 'For a reversal: the write-off it takes back.' }),
    reversedById: z.string().nullable().meta({ description: 'The reversal that took it back, if any.' }),
    journalTransactionId: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Writeoff', description: 'A balance given up on a claim, or the reversal of one.' });
export type Writeoff = z.infer<typeof Writeoff>;
export const WriteoffList = listOf(Writeoff, 'WriteoffList');

export const RefundCreate = z
  .object({
    patientId: id('pat', 'pat_01jd8x7k2m3n4p5q6r7s8t9v0w'),
    recipient: z.enum(REFUND_RECIPIENTS).meta({
      description: 'patient: from the patient’s unapplied credit; payer: a payer’s credit balance on a claim.',
    }),
    amountCents: PositiveCents,
    method: PaymentMethod,
    reference: Reference.optional(),
    refundedOn: IsoDate.optional().meta({ description: 'Default: today in the organization’s time zone.' }),
    claimId: ClaimId.optional().meta({ description: 'Required for a payer refund: the claim it overpaid.' }),
    coverageId: id('cov', 'cov_01jd8x7k2m3n4p5q6r7s8t9v0w')
      .optional()
      .meta({ description: 'The payer’s coverage on the claim; default the claim’s own.' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.recipient === 'payer' && !body.claimId) {
      ctx.addIssue({ code: 'custom', path: ['claimId'], message: 'a payer refund names the claim it pays back' });
    }
    if (body.recipient === 'patient' && (body.claimId || body.coverageId)) {
      ctx.addIssue({ code: 'custom', path: ['claimId'], message: 'a patient refund comes from credit, not a claim' });
    }
  })
  .meta({ id: 'RefundCreate', description: 'Money to pay back, out of a credit.' });
export type RefundCreate = z.infer<typeof RefundCreate>;

export const Refund = z
  .object({
    id: id('rfd', 'rfd_01jd8x7k2m3n4p5q6r7s8t9v0w'),
    object: z.literal('refund'),
    patientId: z.string(),
    recipient: z.enum(REFUND_RECIPIENTS),
    amountCents: cents('Paid back.'),
    method: PaymentMethod,
    reference: z.string().nullable(),
    refundedOn: IsoDate,
    claimId: z.string().nullable(),
    coverageId: z.string().nullable(),
    payerId: z.string().nullable(),
    journalTransactionId: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Refund', description: 'Money paid back to the patient or a payer.' });
export type Refund = z.infer<typeof Refund>;
