import { z } from 'zod';
import { Address, IsoDate, listOf, ListQuery, Metadata, text } from '../../lib/schemas.js';

export const Subscriber = z
  .object({
    firstName: text().min(1).max(35).meta({ example: 'John' }),
    middleName: text().min(1).max(25).nullish(),
    lastName: text().min(1).max(60).meta({ example: 'Testsubscriber' }),
    birthDate: IsoDate,
    sex: z.enum(['male', 'female', 'unknown']),
    address: Address.nullish(),
  })
  .strict()
  .meta({ id: 'Subscriber', description: 'The policy holder, when not the patient.' });

export const Benefits = z
  .object({
    copayCents: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .nullable()
      .meta({ description: 'Fixed copay per visit, in cents.', example: 2500 }),
    coinsuranceBasisPoints: z.number().int().min(0).max(10_000).nullable().meta({
      description: "Patient's coinsurance share in basis points (2000 = 20%); integers, no floats.",
      example: 2000,
    }),
    deductibleCents: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .nullable()
      .meta({ description: 'Annual deductible, in cents.', example: 150000 }),
  })
  .strict()
  .meta({ id: 'Benefits', description: 'Optional plan benefits used to estimate patient responsibility.' });

const fields = {
  payerId: z
    .string()
    .regex(/^pyr_[0-9a-z]{10,40}$/, 'a pyr_ id')
    .meta({ example: 'pyr_01jd0example0000000000000' }),
  memberId: text()
    .min(1)
    .max(80)
    .meta({ description: 'Subscriber member id on the insurance card (X12 2010BA NM109).', example: 'XJH123456789' }),
  groupNumber: text().min(1).max(50).nullable().meta({ example: 'GRP-1001' }),
  priority: z
    .enum(['primary', 'secondary', 'tertiary'])
    .meta({ description: 'Order of billing (coordination of benefits).', example: 'primary' }),
  relationship: z
    .enum(['self', 'spouse', 'child', 'other'])
    .meta({ description: 'Patient relationship to the subscriber (X12 SBR02 / PAT01).', example: 'self' }),
  subscriber: Subscriber.nullable(),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable().meta({ description: 'Last day of coverage; null while open-ended.', example: null }),
  benefits: Benefits.nullable(),
};

type Shape = { relationship?: string; subscriber?: unknown; effectiveFrom?: string; effectiveTo?: string | null };
type Ctx = { addIssue: (i: { code: 'custom'; path: string[]; message: string }) => void };

/** Cross-field rules, shared by create and by update after merging the patch. */
export function checkCoverage(v: Shape, ctx: Ctx) {
  if (v.relationship && v.relationship !== 'self' && !v.subscriber) {
    ctx.addIssue({ code: 'custom', path: ['subscriber'], message: 'required when the patient is not the subscriber' });
  }
  if (v.effectiveFrom && v.effectiveTo && v.effectiveTo < v.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must be on or after effectiveFrom' });
  }
}

export const CoverageCreate = z
  .object({
    patientId: z
      .string()
      .regex(/^pat_[0-9a-z]{10,40}$/, 'a pat_ id')
      .meta({ example: 'pat_01jd0example0000000000000' }),
    ...fields,
    groupNumber: fields.groupNumber.default(null),
    priority: fields.priority.default('primary'),
    relationship: fields.relationship.default('self'),
    subscriber: fields.subscriber.default(null),
    effectiveTo: fields.effectiveTo.default(null),
    benefits: fields.benefits.default(null),
  })
  .strict()
  .superRefine(checkCoverage)
  .meta({ id: 'CoverageCreate' });
export type CoverageCreate = z.infer<typeof CoverageCreate>;

export const CoverageUpdate = z
  .object({ ...fields, active: z.boolean() })
  .partial()
  .strict()
  .meta({
    id: 'CoverageUpdate',
    description: 'Fields to change; the patient cannot change (create a new coverage instead).',
  });
export type CoverageUpdate = z.infer<typeof CoverageUpdate>;

export const Coverage = z
  .object({
    id: z.string().meta({ example: 'cov_01jd0example0000000000000' }),
    object: z.literal('coverage'),
    patientId: z.string(),
    ...fields,
    active: z.boolean(),
    ...Metadata,
  })
  .meta({ id: 'Coverage', description: "One of a patient's insurance policies (PHI: audited)." });
export type Coverage = z.infer<typeof Coverage>;

export const CoverageList = listOf(Coverage, 'CoverageList');
export const CoverageListQuery = ListQuery.extend({
  patientId: z
    .string()
    .regex(/^pat_[0-9a-z]{10,40}$/)
    .optional()
    .meta({ description: "Only this patient's coverages." }),
});
export type CoverageListQuery = z.infer<typeof CoverageListQuery>;
