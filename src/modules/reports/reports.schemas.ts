import { z } from 'zod';
import { ADJUSTMENT_GROUPS } from '../../domain/remittance/adjudication.js';
import { IsoDate } from '../../lib/schemas.js';
import { AgingBucket } from '../balances/balances.schemas.js';

const cents = (description: string, example?: number) =>
  z
    .number()
    .int()
    .meta({ description, ...(example === undefined ? {} : { example }) });
const count = (description: string, example?: number) =>
  z
    .number()
    .int()
    .meta({ description, ...(example === undefined ? {} : { example }) });

export const AGING_BASES = ['service_date', 'billed_date'] as const;
export type AgingBasis = (typeof AGING_BASES)[number];

export const AgingReportQuery = z.object({
  asOf: IsoDate.optional().meta({
    description:
      'The date receivables are read and aged as of: entries of transactions effective on or before it (default: today in the organization’s time zone).',
  }),
  basis: z.enum(AGING_BASES).default('service_date').meta({
    description:
      '`service_date`: days from the claim’s date of service. `billed_date`: days from the day the party was first billed on the claim (the earliest transaction putting an amount on its receivable).',
  }),
});
export type AgingReportQuery = z.infer<typeof AgingReportQuery>;

const agingFigures = {
  buckets: z.array(AgingBucket).meta({ description: 'The five buckets, 0–30 to 120+ days, empty ones at zero.' }),
  totalCents: cents('What is owed: Σ of the buckets (credit balances are not in it).', 1250000),
  count: count('Receivables owing (one per claim and party).', 42),
  creditCents: cents(
    'Σ credit balances (≤ 0): receivables where the party paid more than it owed. Not aged, not in the buckets.',
    -5000,
  ),
  creditCount: count('Receivables in credit.', 1),
};

export const AgingTotals = z
  .object(agingFigures)
  .meta({ id: 'AgingTotals', description: 'Receivables by age with their total, and credit balances apart.' });

export const PayerAging = z
  .object({
    payerId: z.string().meta({ example: 'pyr_01jd0example0000000000000' }),
    payerName: z.string().meta({ example: 'Acme Health Plan' }),
    ...agingFigures,
  })
  .meta({ id: 'PayerAging', description: 'What one payer owes on the organization’s claims, by age.' });

export const AgingReport = z
  .object({
    object: z.literal('aging_report'),
    asOf: IsoDate,
    basis: z.enum(AGING_BASES),
    payers: z.array(PayerAging).meta({
      description: 'Each payer with a receivable that is not zero (every coverage of that payer), by name.',
    }),
    insurance: AgingTotals.meta({ description: 'Σ of the payers.' }),
    patient: AgingTotals.meta({ description: 'What patients owe on their claims.' }),
    totalCents: cents('insurance.totalCents + patient.totalCents.', 1500000),
  })
  .meta({
    id: 'AgingReport',
    description:
      'Organization-wide receivables as of a date, by payer and for the patient side, in aging buckets. Every figure is a sum of ledger entries: a receivable (one claim, one party) counts when its balance as of the date is not zero; positive balances are aged, credit balances reported apart.',
  });
export type AgingReport = z.infer<typeof AgingReport>;
export type AgingTotals = z.infer<typeof AgingTotals>;

/** A calendar month, YYYY-MM (years 0001–9999). */
export const Month = z
  .string()
  .regex(/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .meta({ description: 'Calendar month, YYYY-MM.', example: '2026-03' });

/** The longest range a denial report covers (10 years of months). */
export const MAX_REPORT_MONTHS = 120;

export const DenialReportQuery = z.object({
  from: Month.optional().meta({ description: 'First month (default: 11 months before `to`); at most 120 months.' }),
  to: Month.optional().meta({ description: 'Last month, included (default: this month in the organization’s zone).' }),
});
export type DenialReportQuery = z.infer<typeof DenialReportQuery>;

const CarcGroup = z.enum(ADJUSTMENT_GROUPS).meta({
  description: 'CAS01: CO contractual, OA other, PI payer initiated, CR correction (PR is never a denial).',
});
const deniedFigures = {
  deniedCents: cents(
    'What was denied: the denials’ adjustments of this group (their charge, for a denial proper).',
    45000,
  ),
  count: count('Denials (a claim denied whole, or a denied line) with an adjustment of this group.', 3),
};

export const DenialCode = z
  .object({
    reasonCode: z.string().meta({ description: 'CARC.', example: '50' }),
    ...deniedFigures,
  })
  .meta({ id: 'DenialCode', description: 'One claim adjustment reason code within a group.' });

export const DenialRow = z
  .object({
    month: Month,
    payerId: z.string().meta({ example: 'pyr_01jd0example0000000000000' }),
    payerName: z.string().meta({ example: 'Acme Health Plan' }),
    group: CarcGroup,
    ...deniedFigures,
  })
  .meta({ id: 'DenialRow', description: 'Denials of one month, payer and CARC group.' });

export const DenialGroup = z
  .object({
    group: CarcGroup,
    ...deniedFigures,
    topCodes: z.array(DenialCode).meta({ description: 'Its most frequent codes (at most 10), most denials first.' }),
  })
  .meta({ id: 'DenialGroup', description: 'Denials of one CARC group over the whole range.' });

export const DenialReport = z
  .object({
    object: z.literal('denial_report'),
    from: Month,
    to: Month,
    timeZone: z.string().meta({ description: 'The zone months are counted in.', example: 'America/New_York' }),
    rows: z.array(DenialRow).meta({ description: 'By month, then payer name, then group.' }),
    groups: z.array(DenialGroup).meta({ description: 'Most denied amount first.' }),
    totals: z.object({
      deniedCents: cents('Σ denied over the range.', 90000),
      count: count('Denials over the range (each once, whatever its groups).', 5),
    }),
  })
  .meta({
    id: 'DenialReport',
    description:
      'Denied amounts and counts by CARC group, payer and month. A month is the month the decision was posted (adjudication created), in the organization’s time zone. A denial is a claim denied whole (CLP02 4, or nothing paid and nothing left to the patient) or, on a claim that is not, a line paid 0 with no patient responsibility; what it denied is its non-PR adjustments. Reversals (CLP02 22) are not denials, and a decision a reversal takes back is not counted.',
  });
export type DenialReport = z.infer<typeof DenialReport>;
