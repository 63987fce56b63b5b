import { z } from 'zod';
import { SUBMISSION_STATUSES } from '../../db/schema/index.js';
import { listOf, Metadata } from '../../lib/schemas.js';

const claimId = z.string().regex(/^clm_[0-9a-z]{10,40}$/);

export const SubmissionCreate = z
  .object({
    claimIds: z
      .array(claimId)
      .min(1)
      .max(20_000)
      .optional()
      .meta({
        description: 'Ready claims to send. One interchange is built per payer.',
        example: ['clm_01jd0example0000000000000'],
      }),
    payerId: z
      .string()
      .regex(/^pyr_[0-9a-z]{10,40}$/)
      .optional()
      .meta({
        description: 'Instead of `claimIds`: every ready claim of this payer.',
        example: 'pyr_01jd0example0000000000000',
      }),
  })
  .strict()
  .refine((b) => (b.claimIds === undefined) !== (b.payerId === undefined), {
    message: 'give either claimIds or payerId',
    path: ['claimIds'],
  })
  .meta({ id: 'SubmissionCreate' });
export type SubmissionCreate = z.infer<typeof SubmissionCreate>;

export const SubmissionClaim = z.object({
  claimId: z.string(),
  patientControlNumber: z.string().meta({ description: 'CLM01 as sent.' }),
  transactionControlNumber: z.string().meta({ description: 'ST02 of the transaction set holding the claim.' }),
  acknowledgment: z
    .enum(['accepted', 'rejected'])
    .nullable()
    .meta({ description: 'The 999/277CA outcome, once known.' }),
});

export const Submission = z
  .object({
    id: z.string().meta({ example: 'sub_01jd0example0000000000000' }),
    object: z.literal('submission'),
    payerId: z.string(),
    status: z.enum(SUBMISSION_STATUSES).meta({
      description: 'created (sent, not acknowledged), then from the 999: accepted, partially_accepted or rejected.',
    }),
    usage: z.enum(['T', 'P']).meta({ description: 'ISA15: T test, P production.' }),
    interchangeControlNumber: z.string().meta({ description: 'ISA13, 9 digits.', example: '000000001' }),
    groupControlNumber: z.string().meta({ description: 'GS06.', example: '1' }),
    transactionControlNumbers: z
      .array(z.string())
      .meta({ description: 'ST02 of each transaction set.', example: ['0001'] }),
    claimCount: z.number().int(),
    totalChargeCents: z.number().int(),
    claims: z.array(SubmissionClaim),
    ...Metadata,
  })
  .meta({ id: 'Submission', description: 'One 837P interchange sent to one payer: its claims and control numbers.' });
export type Submission = z.infer<typeof Submission>;

export const SubmissionList = listOf(Submission, 'SubmissionList');
