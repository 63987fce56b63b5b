import { z } from 'zod';
import { CLAIM_STATUSES, FREQUENCY_CODES } from '../../domain/claims/claim-status.js';
import { CORRECTION_KINDS } from '../../domain/claims/correction.js';
import { type ClaimLine as ClaimLineDomain, NDC_UNITS, type ServiceLine } from '../../domain/claims/service-line.js';
import type { Equals } from '../../lib/type-equals.js';
import { IsoDate, IsoDateTime, listOf, ListQuery, manyOf, Metadata, text } from '../../lib/schemas.js';

export const ClaimStatus = z.enum(CLAIM_STATUSES).meta({
  id: 'ClaimStatus',
  description:
    'needs_attention (scrub errors) → ready → submitted → accepted | rejected → paid | partially_paid | denied → closed; also on_hold, appealed, reversed, replaced, void.',
});

export const ScrubIssue = z
  .object({
    rule: z.string().meta({ description: 'Stable rule id.', example: 'icd.not_billable' }),
    severity: z.enum(['error', 'warning']).meta({ description: 'Errors keep the claim out of ready.' }),
    path: z
      .string()
      .meta({ description: 'Path of the offending field in the encounter.', example: 'diagnoses[0].code' }),
    message: z.string().meta({ example: 'E11 is a category header, not a billable ICD-10-CM code.' }),
    hint: z.string().meta({ example: 'Use a complete code under E11, e.g. E11.9.' }),
  })
  .meta({ id: 'ScrubIssue' });

export const NdcUnit = z.enum(NDC_UNITS).meta({
  id: 'NdcUnit',
  description:
    'Unit of an NDC quantity (837P CTP05-1): F2 international unit, GR gram, ME milligram, ML milliliter, UN unit.',
  example: 'ML',
});

/** A service line as the API shows it (domain/claims/service-line.ts, with units and the NDC quantity as numbers). */
export const serviceLineViewFields = {
  code: z.string().meta({ example: '99213' }),
  modifiers: z.array(z.string()).meta({ example: ['25'] }),
  units: z.number().meta({ example: 1 }),
  chargeCents: z.number().int().meta({ example: 15000 }),
  diagnosisPointers: z.array(z.number().int()).meta({ description: '1-based, into `diagnoses`.', example: [1, 2] }),
  dateOfService: IsoDate.nullable(),
  ndc: z.string().nullable(),
  ndcQuantity: z
    .number()
    .nullable()
    .meta({ description: 'How much of the drug was given, in `ndcUnit` (837P CTP04).', example: 2 }),
  ndcUnit: NdcUnit.nullable(),
  description: z.string().nullable().meta({
    description: 'Sent on the claim line (837P SV101-7); required for unlisted and not-otherwise-classified codes.',
  }),
};
export type ServiceLineView = Omit<ServiceLine, 'unitsThousandths' | 'ndcQuantityThousandths'> & {
  units: number;
  ndcQuantity: number | null;
};
// A field added to the service line must be added here too: this stops the build until it is.
true satisfies Equals<z.infer<z.ZodObject<typeof serviceLineViewFields>>, ServiceLineView>;

export const ClaimLine = z
  .object({
    lineNumber: z.number().int().meta({ example: 1 }),
    controlNumber: z
      .string()
      .meta({ description: 'Line item control number (X12 REF*6R).', example: 'K7M2QX9RTB4N01' }),
    ...serviceLineViewFields,
    dateOfService: IsoDate,
  })
  .meta({ id: 'ClaimLine' });
export type ClaimLineView = z.infer<typeof ClaimLine>;
true satisfies Equals<
  ClaimLineView,
  Omit<ClaimLineDomain, 'unitsThousandths' | 'ndcQuantityThousandths'> & { units: number; ndcQuantity: number | null }
>;

export const Claim = z
  .object({
    id: z.string().meta({ example: 'clm_01jd0example0000000000000' }),
    object: z.literal('claim'),
    status: ClaimStatus,
    encounterId: z.string(),
    patientId: z.string(),
    coverageId: z.string(),
    payerId: z.string(),
    billingProviderId: z.string(),
    patientControlNumber: z.string().meta({
      description: 'X12 CLM01, ≤14 upper-case letters and digits, unique in your organization.',
      example: 'K7M2QX9RTB4N',
    }),
    frequencyCode: z.enum(FREQUENCY_CODES).meta({ description: 'CLM05-3: 1 original, 7 replacement, 8 void.' }),
    dateOfService: IsoDate,
    dateOfServiceTo: IsoDate,
    placeOfService: z.string().meta({ example: '11' }),
    diagnoses: z
      .array(z.object({ pointer: z.number().int(), code: z.string() }))
      .meta({ example: [{ pointer: 1, code: 'E11.9' }] }),
    lines: z.array(ClaimLine),
    totalChargeCents: z.number().int(),
    filingDeadline: IsoDate.meta({
      description: "Last day the payer accepts this claim (payer's timely-filing days after the first service).",
    }),
    issues: z.array(ScrubIssue),
    payerClaimNumber: z.string().nullable().meta({
      description:
        'The payer’s claim control number (835 CLP07) from the latest adjudication; sent as REF*F8 on corrections.',
    }),
    correctsClaimId: z.string().nullable().meta({ description: 'For a replacement or void: the claim it corrects.' }),
    correctedByClaimId: z
      .string()
      .nullable()
      .meta({ description: 'For a replaced or voided claim: the replacement or void claim.' }),
    ...Metadata,
  })
  .meta({ id: 'Claim', description: 'One bill to one payer, built from an encounter.' });
export type Claim = z.infer<typeof Claim>;

export const ClaimList = listOf(Claim, 'ClaimList');

export const ClaimListQuery = ListQuery.extend({
  status: manyOf(ClaimStatus, 20)
    .optional()
    .meta({
      description: 'One or more statuses: repeat the parameter or separate them with commas.',
      example: ['needs_attention', 'ready'],
    }),
  patientId: z
    .string()
    .regex(/^pat_[0-9a-z]{10,40}$/)
    .optional(),
  payerId: z
    .string()
    .regex(/^pyr_[0-9a-z]{10,40}$/)
    .optional(),
  dateOfServiceFrom: IsoDate.optional(),
  dateOfServiceTo: IsoDate.optional(),
});
export type ClaimListQuery = z.infer<typeof ClaimListQuery>;

export const ClaimHistoryEntry = z
  .object({
    object: z.literal('claim_history'),
    fromStatus: ClaimStatus.nullable(),
    toStatus: ClaimStatus,
    reason: z.string(),
    reasonCodes: z.array(z.string()).meta({ description: 'CARC/RARC/STC codes or scrub rule ids behind the change.' }),
    actor: z.string(),
    requestId: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ClaimHistoryEntry' });
export const ClaimHistory = z
  .object({ object: z.literal('list'), data: z.array(ClaimHistoryEntry) })
  .meta({ id: 'ClaimHistory' });

export const ScrubResult = z
  .object({
    object: z.literal('scrub_result'),
    claimId: z.string(),
    currentStatus: ClaimStatus,
    clean: z.boolean().meta({ description: 'No errors: the claim could be ready.' }),
    issues: z.array(ScrubIssue),
  })
  .meta({ id: 'ScrubResult', description: 'A dry run of every edit against current data; nothing is changed.' });

export const HoldBody = z
  .object({
    reason: text({ multiline: true }).min(1).max(500).optional().meta({ example: 'Waiting for operative report' }),
  })
  .strict()
  .meta({ id: 'ClaimHoldRequest' });

export const ClaimCorrectionCreate = z
  .object({
    kind: z.enum(CORRECTION_KINDS).meta({
      description:
        'replace: a frequency 7 replacement built from the encounter as it is now (PATCH the encounter first); ' +
        'void: a frequency 8 void repeating what the payer has on file.',
      example: 'replace',
    }),
    reason: text({ multiline: true })
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'Recorded in both claims’ history.', example: 'Corrected the diagnosis on line 2' }),
  })
  .strict()
  .meta({ id: 'ClaimCorrectionCreate' });
export type ClaimCorrectionCreate = z.infer<typeof ClaimCorrectionCreate>;
