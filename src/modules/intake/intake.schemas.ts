import { z } from 'zod';
import { IsoDate, listOf, ListQuery, Metadata, text } from '../../lib/schemas.js';
import type { SameKeys } from '../../lib/type-equals.js';
import { unitsFromNumber, unitsToNumber } from '../../domain/money.js';
import { Claim, NdcUnit, type ServiceLineView, serviceLineViewFields } from '../claims/claims.schemas.js';

const providerId = z.string().regex(/^prv_[0-9a-z]{10,40}$/, 'a prv_ id');

/*
 * Only malformed input is a 400. Billing problems (a header ICD code, a pointer to a missing
 * diagnosis, 13 diagnoses, a charge of 0) are accepted and come back as scrub issues on the claim, so
 * a clinician is never blocked from signing a visit by billing data.
 */
export const Diagnosis = z
  .object({
    code: text().min(1).max(10).meta({ description: 'ICD-10-CM, with or without the dot.', example: 'E11.9' }),
  })
  .strict()
  .meta({ id: 'Diagnosis' });

export const ServiceLine = z
  .object({
    code: text().min(1).max(10).meta({ description: 'CPT or HCPCS code.', example: '99213' }),
    modifiers: z
      .array(text().min(1).max(4))
      .max(10)
      .default([])
      .meta({ description: 'Up to 4 procedure modifiers.', example: ['25'] }),
    units: z.number().min(-9999).max(9999).meta({ description: 'Service units (> 0 to be billable).', example: 1 }),
    chargeCents: z
      .number()
      .int('integer cents, never a decimal amount')
      .min(-100_000_000)
      .max(100_000_000)
      .meta({ description: 'Line charge in cents.', example: 15000 }),
    diagnosisPointers: z
      .array(z.number().int().min(-99).max(99))
      .max(12)
      .meta({ description: '1-based positions in `diagnoses` (up to 4), most important first.', example: [1] }),
    dateOfService: IsoDate.refine((d) => d >= '1900-01-01' && d <= '2099-12-31', 'a date between 1900 and 2099')
      .nullish()
      .meta({ description: 'When the line was performed, if not the encounter date.' }),
    ndc: text().max(20).nullish().meta({
      description:
        'National Drug Code for drug lines: 11 digits (5-4-2). A hyphenated label NDC (4-4-2, 5-3-2, 5-4-1) is converted to the 11-digit form.',
      example: '00409490234',
    }),
    // Stored as numeric(12, 3) thousandths, like `units`; a fourth decimal would be rounded away, so it is refused.
    ndcQuantity: z
      .number()
      .positive()
      .max(999_999_999.999)
      .refine((n) => unitsToNumber(unitsFromNumber(n)) === n, 'at most 3 decimals')
      .nullish()
      .meta({
        description:
          'For a line with an NDC: how much of the drug was given, in `ndcUnit`, up to 3 decimals (837P 2410 CTP04). Required with `ndc`.',
        example: 2,
      }),
    ndcUnit: NdcUnit.nullish().meta({
      description: 'For a line with an NDC: the unit of `ndcQuantity` (837P 2410 CTP05-1). Required with `ndc`.',
    }),
    description: text().max(80).nullish().meta({
      description:
        'What was done or supplied, sent on the claim line (837P SV101-7): required for unlisted and not-otherwise-classified codes (e.g. 17999, J3490).',
    }),
  })
  .strict()
  .meta({ id: 'ServiceLine' });
// The input takes every field of the service line (domain/claims/service-line.ts), by its API name.
true satisfies SameKeys<z.input<typeof ServiceLine>, ServiceLineView>;

const fields = {
  patientId: z
    .string()
    .regex(/^pat_[0-9a-z]{10,40}$/, 'a pat_ id')
    .meta({ example: 'pat_01jd0example0000000000000' }),
  billingProviderId: providerId.meta({ description: 'Who bills (2010AA).', example: 'prv_01jd0example0000000000000' }),
  renderingProviderId: providerId
    .nullish()
    .meta({ description: 'Who performed the services, if not the billing provider.' }),
  referringProviderId: providerId.nullish(),
  facilityId: providerId.nullish().meta({ description: 'Service facility, if not the billing provider address.' }),
  dateOfService: IsoDate.refine(
    (d) => d >= '1900-01-01' && d <= '2099-12-31',
    'a date of service between 1900 and 2099',
  ),
  placeOfService: z
    .string()
    .regex(/^\d{2}$/, 'a two-digit place-of-service code')
    .meta({ example: '11' }),
  priorAuthorization: text().min(1).max(50).nullish().meta({ description: 'Prior authorization number (X12 REF*G1).' }),
  diagnoses: z
    .array(Diagnosis)
    .max(50)
    .meta({ description: 'Ordered; the first is the principal diagnosis. 1–12 are billable.' }),
  lines: z.array(ServiceLine).max(200).meta({ description: 'Service lines; 1–50 are billable.' }),
};

export const EncounterCreate = z
  .object({
    externalId: text().min(1).max(100).nullish().meta({
      description: "The visit's id in the EHR; unique per organization. Re-posting returns the existing encounter.",
      example: 'ehr-visit-5001',
    }),
    ...fields,
  })
  .strict()
  .meta({ id: 'EncounterCreate' });
export type EncounterCreate = z.infer<typeof EncounterCreate>;

export const EncounterUpdate = z.object(fields).omit({ patientId: true }).partial().strict().meta({
  id: 'EncounterUpdate',
  description: 'Fields to change (arrays are replaced whole). Claims not yet submitted are rebuilt and rescrubbed.',
});
export type EncounterUpdate = z.infer<typeof EncounterUpdate>;

export const Encounter = z
  .object({
    id: z.string().meta({ example: 'enc_01jd0example0000000000000' }),
    object: z.literal('encounter'),
    externalId: z.string().nullable(),
    patientId: z.string(),
    billingProviderId: z.string(),
    renderingProviderId: z.string().nullable(),
    referringProviderId: z.string().nullable(),
    facilityId: z.string().nullable(),
    dateOfService: IsoDate,
    placeOfService: z.string(),
    priorAuthorization: z.string().nullable(),
    diagnoses: z.array(z.object({ code: z.string() })),
    lines: z.array(z.object(serviceLineViewFields)),
    selfPay: z
      .boolean()
      .meta({ description: 'True when no primary coverage was active on the date of service: no claim was built.' }),
    billing: z.string().meta({
      description: 'What happened to billing, in words.',
      example: 'Claim clm_… built for Acme Health Plan: ready to submit.',
    }),
    claims: z.array(Claim).meta({ description: 'Claims built from this encounter, with their scrub issues.' }),
    ...Metadata,
  })
  .meta({ id: 'Encounter', description: 'What happened at a visit, and the claims built from it.' });
export type Encounter = z.infer<typeof Encounter>;

export const EncounterList = listOf(Encounter, 'EncounterList');
export const EncounterListQuery = ListQuery.extend({
  patientId: z
    .string()
    .regex(/^pat_[0-9a-z]{10,40}$/)
    .optional(),
  externalId: z.string().min(1).max(100).optional(),
});
export type EncounterListQuery = z.infer<typeof EncounterListQuery>;
