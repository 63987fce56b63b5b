import { z } from 'zod';
import { IsoDate, IsoDateTime, manyOf } from '../../lib/schemas.js';

export const CodeSystemName = z
  .enum(['icd10cm', 'cpt', 'hcpcs', 'modifier', 'pos', 'carc', 'rarc', 'adjustment-group'])
  .meta({ id: 'CodeSystemName', description: 'A code system.', example: 'icd10cm' });

export const CodeVersion = z
  .object({
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().meta({ description: 'Last day the version is valid; null while current.' }),
    release: z.string().meta({ example: 'ICD-10-CM FY2026' }),
    shortDescription: z.string(),
    billable: z.boolean(),
  })
  .meta({ id: 'CodeVersion' });

export const Code = z
  .object({
    object: z.literal('code'),
    system: CodeSystemName,
    code: z.string().meta({ description: 'Display form (ICD-10-CM with its dot).', example: 'E11.9' }),
    shortDescription: z.string().meta({ example: 'Type 2 diabetes mellitus without complications' }),
    longDescription: z.string().meta({ example: 'Type 2 diabetes mellitus without complications' }),
    billable: z
      .boolean()
      .meta({ description: 'False for ICD-10-CM category headers (E11), which are never valid on a claim.' }),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    release: z.string().meta({ example: 'ICD-10-CM FY2026' }),
    attributes: z
      .record(z.string(), z.string())
      .meta({ description: 'Extra published fields (e.g. HCPCS coverage code, BETOS).' }),
    versions: z
      .array(CodeVersion)
      .optional()
      .meta({ description: 'Every stored version, oldest first (retrieve only).' }),
  })
  .meta({ id: 'Code', description: 'One version of a code: the one valid on the requested date.' });

export const CodeList = z
  .object({ object: z.literal('list'), data: z.array(Code), nextCursor: z.string().nullable() })
  .meta({ id: 'CodeList' });

const ValidOn = IsoDate.optional().meta({ description: 'Date the code must be valid on (default: today).' });

export const CodeSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'A code prefix (E11, e116, G04) or words (type 2 diabetes).', example: 'type 2 diabetes' }),
  validOn: ValidOn,
  billable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'Only billable codes (true) or only headers (false).' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).optional(),
});

export const CodeParams = z.object({
  system: CodeSystemName,
  code: z.string().min(1).max(10).meta({ description: 'With or without the ICD-10-CM dot.', example: 'E11.9' }),
});

export const CodeSystemSummary = z
  .object({
    object: z.literal('code_system'),
    system: CodeSystemName,
    codes: z.number().int().meta({ description: 'Distinct codes ever loaded.' }),
    activeCodes: z.number().int().meta({ description: 'Codes valid today.' }),
    billableCodes: z.number().int().meta({ description: 'Billable codes valid today.' }),
    releases: z.array(
      z.object({
        label: z.string(),
        source: z.string(),
        effectiveFrom: IsoDate,
        fileName: z.string(),
        records: z.number().int(),
        importedAt: IsoDateTime,
      }),
    ),
  })
  .meta({ id: 'CodeSystem' });

export const CodeSystemList = z
  .object({ object: z.literal('list'), data: z.array(CodeSystemSummary) })
  .meta({ id: 'CodeSystemList' });

export const ValidateRequest = z
  .object({
    items: z
      .array(
        z
          .object({
            system: CodeSystemName,
            code: z.string().min(1).max(10),
            dateOfService: IsoDate,
          })
          .strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict()
  .meta({ id: 'CodeValidationRequest' });

export const ValidateResponse = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        system: CodeSystemName,
        code: z.string().meta({ description: 'As sent.' }),
        dateOfService: IsoDate,
        valid: z.boolean(),
        billable: z.boolean(),
        reason: z
          .enum(['unknown_code', 'not_billable_header', 'not_effective_on_date', 'terminated'])
          .nullable()
          .meta({ description: 'Why the code is not valid; null when it is.' }),
        displayCode: z.string().nullable().meta({ example: 'E11.9' }),
        description: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CodeValidationResult', description: 'One result per item, in request order.' });

export const PtpQuery = z.object({
  codes: manyOf(z.string().regex(/^[0-9A-Za-z]{5}$/, 'five-character CPT/HCPCS codes'), 100, 2)
    .transform((codes) => [...new Set(codes.map((c) => c.toUpperCase()))])
    .pipe(z.array(z.string()).min(2, 'at least two distinct codes'))
    .meta({
      description: 'CPT/HCPCS codes billed together (2–100): repeat the parameter or separate them with commas.',
      example: ['99213', '36415', '96372'],
    }),
  dateOfService: IsoDate,
});

export const PtpEdit = z
  .object({
    column1: z.string().meta({ example: '99213' }),
    column2: z.string().meta({ example: '96372' }),
    effectiveFrom: IsoDate,
    deletedOn: IsoDate.nullable(),
    modifierIndicator: z.enum(['0', '1', '9']).meta({
      description:
        '0 never together, 1 allowed with an NCCI-associated modifier on the column-2 line, 9 not applicable.',
    }),
    bypassModifiers: z
      .array(z.string())
      .meta({ description: 'Modifiers on the column-2 line that bypass the edit (empty when none can).' }),
    rationale: z.string(),
  })
  .meta({ id: 'PtpEdit' });

export const PtpResult = z.object({ object: z.literal('list'), data: z.array(PtpEdit) }).meta({ id: 'PtpEditList' });

export const MueParams = z.object({
  code: z
    .string()
    .regex(/^[0-9A-Za-z]{5}$/)
    .meta({ example: '36415' }),
});
export const MueQuery = z.object({ dateOfService: IsoDate });
export const Mue = z
  .object({
    object: z.literal('mue'),
    code: z.string(),
    maxUnits: z.number().int(),
    adjudicationIndicator: z
      .number()
      .int()
      .meta({ description: '1 line edit, 2 date-of-service edit (policy), 3 date-of-service edit (clinical).' }),
    adjudicationText: z.string(),
    rationale: z.string(),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
  })
  .meta({ id: 'MueLimit' });
