import { z } from 'zod';
import { ADJUDICATION_SOURCES } from '../../db/schema/index.js';
import { ClaimStatus } from '../claims/claims.schemas.js';
import { ADJUSTMENT_GROUPS, CLAIM_PAYMENT_STATUSES } from '../../domain/remittance/adjudication.js';
import { IsoDate, IsoDateTime, ListQuery, listOf, Metadata, text } from '../../lib/schemas.js';

const cents = (description: string, example = 10000) => z.number().int().meta({ description, example });
const CarcCode = z
  .string()
  .regex(/^[A-Z0-9]{1,5}$/)
  .meta({ description: 'Claim adjustment reason code (CARC).', example: '45' });
const RarcCode = z
  .string()
  .regex(/^[A-Z0-9]{1,7}$/)
  .meta({ description: 'Remittance advice remark code (RARC).', example: 'N130' });

export const Adjustment = z
  .object({
    group: z.enum(ADJUSTMENT_GROUPS).meta({
      description: 'CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction.',
    }),
    reasonCode: z.string().meta({ description: 'Claim adjustment reason code (CARC).', example: '45' }),
    amountCents: cents('Positive amounts reduce the payment.', 2500),
    quantityThousandths: z.number().int().nullable().meta({ description: 'Units adjusted, in thousandths.' }),
  })
  .meta({ id: 'Adjustment' });

export const AdjudicatedLine = z
  .object({
    claimLineNumber: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Our claim line it was matched to (REF*6R, else code + date + charge); null when none.' }),
    controlNumber: z.string().nullable().meta({ description: 'REF*6R line item control number, as echoed.' }),
    procedureQualifier: z.string().meta({ example: 'HC' }),
    procedureCode: z.string().meta({ example: '99213' }),
    modifiers: z.array(z.string()),
    billedProcedureCode: z.string().nullable().meta({ description: 'SVC06, when the payer re-coded the line.' }),
    chargeCents: cents('SVC02.', 15000),
    paidCents: cents('SVC03.', 8000),
    unitsThousandths: z.number().int().nullable(),
    allowedCents: z.number().int().nullable().meta({ description: 'AMT*B6 allowed amount.' }),
    serviceDate: IsoDate.nullable(),
    serviceDateTo: IsoDate.nullable(),
    adjustments: z.array(Adjustment),
    remarkCodes: z.array(z.string()),
  })
  .meta({ id: 'AdjudicatedLine' });

export const Adjudication = z
  .object({
    id: z.string().meta({ example: 'adj_01jd0example0000000000000' }),
    object: z.literal('adjudication'),
    claimId: z
      .string()
      .nullable()
      .meta({ description: 'The claim it answers; null when we hold no claim with its CLP01.' }),
    remittanceId: z.string().nullable().meta({ description: 'The 835 it came in; null when posted as JSON.' }),
    source: z.enum(ADJUDICATION_SOURCES),
    sequence: z.number().int().meta({ description: 'Order of its CLP in the remittance (1-based).' }),
    patientControlNumber: z.string().meta({ description: 'CLP01: our CLM01.' }),
    statusCode: z.enum(CLAIM_PAYMENT_STATUSES).meta({
      description:
        'CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed and forwarded, 22 reversal of a previous payment, 23 not our claim, 25 predetermination.',
    }),
    payerClaimControlNumber: z.string().nullable().meta({ description: 'CLP07: what a correction must name.' }),
    chargeCents: cents('CLP03.', 15000),
    paidCents: cents('CLP04.', 8000),
    patientResponsibilityCents: cents('CLP05.', 2000),
    allowedCents: z.number().int().nullable().meta({ description: 'Σ line allowed amounts, when every line has one.' }),
    filingIndicator: z.string().nullable().meta({ description: 'CLP06 claim filing indicator.' }),
    adjustments: z.array(Adjustment).meta({ description: 'Claim-level CAS.' }),
    remarkCodes: z.array(z.string()).meta({ description: 'Claim-level RARC (MIA/MOA).' }),
    lines: z.array(AdjudicatedLine),
    serviceDate: IsoDate.nullable(),
    serviceDateTo: IsoDate.nullable(),
    patientName: z.string().nullable().meta({ description: 'NM1*QC as the payer has it, to match by hand.' }),
    claimStatus: ClaimStatus.nullable().meta({ description: 'The claim’s status after this decision.' }),
    statusApplied: z.boolean().meta({
      description:
        'Whether this decision moved the claim (false when its status could not take it, e.g. a replaced claim).',
    }),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Adjudication', description: 'One payer decision on one claim: an 835 CLP loop, or posted as JSON.' });
export type Adjudication = z.infer<typeof Adjudication>;
export const AdjudicationList = listOf(Adjudication, 'AdjudicationList');

export const AdjudicationQuery = ListQuery.omit({ updatedSince: true }).extend({
  matched: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: '`false`: only the decisions that matched none of our claims (to follow up).' }),
  remittanceId: z
    .string()
    .regex(/^rmt_[0-9a-z]{10,40}$/)
    .optional(),
});
export type AdjudicationQuery = z.infer<typeof AdjudicationQuery>;
export const ClaimAdjudicationQuery = ListQuery.omit({ updatedSince: true });

export const ProviderAdjustment = z
  .object({
    providerId: z.string().meta({ description: 'PLB01.' }),
    fiscalPeriodDate: IsoDate.nullable(),
    reasonCode: z.string().meta({ description: 'PLB03-1 (WO overpayment recovery, L6 interest, FB forwarding…).' }),
    reference: z.string().nullable().meta({ description: 'PLB03-2.' }),
    amountCents: cents('Positive amounts reduce the payment.', 5000),
  })
  .meta({ id: 'ProviderAdjustment' });

export const Remittance = z
  .object({
    id: z.string().meta({ example: 'rmt_01jd0example0000000000000' }),
    object: z.literal('remittance'),
    payerId: z.string().nullable().meta({ description: 'Our payer, when every matched claim is billed to it.' }),
    payerName: z.string().meta({ description: 'N1*PR.' }),
    payerIdentifier: z.string().nullable().meta({ description: 'TRN03, else the N1*PR id.' }),
    traceNumber: z.string().meta({ description: 'TRN02 check or EFT trace number.' }),
    handlingCode: z.string().meta({ description: 'BPR01.' }),
    creditDebit: z.string().meta({ description: 'BPR03: C credit, D debit.' }),
    paymentMethod: z.string().meta({ description: 'BPR04: ACH, CHK, BOP, FWT, NON.', example: 'ACH' }),
    paymentDate: IsoDate.nullable().meta({ description: 'BPR16.' }),
    paymentCents: cents('BPR02 total actual provider payment.', 120000),
    payeeName: z.string().nullable(),
    payeeNpi: z.string().nullable(),
    providerAdjustments: z.array(ProviderAdjustment).meta({ description: 'PLB: not any claim’s, not any patient’s.' }),
    claimCount: z.number().int(),
    unmatchedCount: z.number().int(),
    unmatched: z.array(Adjudication).meta({
      description:
        'The first 100 decisions that matched none of our claims (`unmatchedCount` says how many); every one: `GET /v1/adjudications?remittanceId={id}&matched=false`.',
    }),
    interchangeControlNumber: z.string(),
    transactionControlNumber: z.string(),
    ...Metadata,
  })
  .meta({ id: 'Remittance', description: 'One 835 payment (BPR/TRN) and what it decided, claim by claim.' });
export type Remittance = z.infer<typeof Remittance>;
export const RemittanceList = listOf(Remittance, 'RemittanceList');

const AdjustmentInput = z
  .object({
    group: z.enum(ADJUSTMENT_GROUPS),
    reasonCode: CarcCode,
    amountCents: z.number().int(),
    quantity: z.number().positive().max(99_999).optional().meta({ description: 'Units adjusted.' }),
  })
  .strict();

const AdjudicatedLineInput = z
  .object({
    lineNumber: z.number().int().min(1).max(50).optional().meta({ description: 'Our claim line (1-based).' }),
    controlNumber: text().max(50).optional().meta({ description: 'Or our REF*6R line item control number.' }),
    procedureCode: z
      .string()
      .regex(/^[A-Z0-9]{4,5}$/)
      .optional()
      .meta({ description: 'Defaults to the line’s code; else with the charge and date, what matches the line.' }),
    modifiers: z
      .array(z.string().regex(/^[A-Z0-9]{2}$/))
      .max(4)
      .default([]),
    chargeCents: z.number().int(),
    paidCents: z.number().int(),
    allowedCents: z.number().int().nullable().default(null),
    units: z.number().positive().max(99_999).optional(),
    serviceDate: IsoDate.optional(),
    adjustments: z.array(AdjustmentInput).max(99).default([]),
    remarkCodes: z.array(RarcCode).max(99).default([]),
  })
  .strict();

export const AdjudicationCreate = z
  .object({
    statusCode: z.enum(CLAIM_PAYMENT_STATUSES),
    payerClaimControlNumber: text().min(1).max(50).nullable().default(null),
    chargeCents: z.number().int(),
    paidCents: z.number().int(),
    patientResponsibilityCents: z.number().int().default(0),
    filingIndicator: text().max(2).nullable().default(null),
    adjustments: z.array(AdjustmentInput).max(99).default([]),
    remarkCodes: z.array(RarcCode).max(99).default([]),
    serviceDate: IsoDate.nullable().default(null),
    serviceDateTo: IsoDate.nullable().default(null),
    lines: z.array(AdjudicatedLineInput).max(50).default([]),
  })
  .strict()
  .meta({
    id: 'AdjudicationCreate',
    description:
      'A payer decision as an 835 CLP would carry it, for payers without EDI. Amounts in cents; it must balance like an 835 (line charge − Σ adjustments = paid; claim charge − Σ adjustments = paid).',
  });
export type AdjudicationCreate = z.infer<typeof AdjudicationCreate>;
