import { z } from 'zod';
import { isValidNpi } from '../../domain/npi.js';
import { Address, listOf, Metadata, text } from '../../lib/schemas.js';

const name = (max: number, example: string) => text().min(1).max(max).meta({ example });

const fields = {
  kind: z.enum(['individual', 'organization']).meta({
    description: 'individual (a clinician) or organization (a practice, group or facility).',
    example: 'individual',
  }),
  npi: z
    .string()
    .regex(/^\d{10}$/, 'an NPI is 10 digits')
    .refine(isValidNpi, 'the NPI check digit is wrong (Luhn over 80840 + NPI)')
    .meta({ description: 'National Provider Identifier, check digit verified.', example: '1234567893' }),
  firstName: name(35, 'Ada').nullable(),
  lastName: name(60, 'Lovelace').nullable(),
  organizationName: name(60, 'Springfield Family Medicine').nullable(),
  taxonomyCode: z
    .string()
    .regex(/^[0-9]{3}[0-9A-Z]{6}X$/, 'a 10-character NUCC taxonomy code ending in X')
    .nullable()
    .meta({ description: 'NUCC health care provider taxonomy code.', example: '207Q00000X' }),
  taxId: z
    .string()
    .regex(/^\d{9}$/, '9 digits, no dash')
    .nullable()
    .meta({ description: 'EIN (or SSN) of the billing entity, 9 digits.', example: '123456789' }),
  address: Address.nullable(),
};

type Named = {
  kind?: 'individual' | 'organization';
  firstName?: string | null;
  lastName?: string | null;
  organizationName?: string | null;
};

/** Individuals need a first and last name; organizations need an organization name. */
export function checkNames(
  value: Named,
  ctx: { addIssue: (i: { code: 'custom'; path: string[]; message: string }) => void },
) {
  if (value.kind === 'individual') {
    if (!value.firstName)
      ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'required for an individual provider' });
    if (!value.lastName)
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'required for an individual provider' });
  }
  if (value.kind === 'organization' && !value.organizationName) {
    ctx.addIssue({ code: 'custom', path: ['organizationName'], message: 'required for an organization provider' });
  }
}

export const ProviderCreate = z
  .object({
    ...fields,
    firstName: fields.firstName.default(null),
    lastName: fields.lastName.default(null),
    organizationName: fields.organizationName.default(null),
    taxonomyCode: fields.taxonomyCode.default(null),
    taxId: fields.taxId.default(null),
    address: fields.address.default(null),
  })
  .strict()
  .superRefine(checkNames)
  .meta({ id: 'ProviderCreate' });
export type ProviderCreate = z.infer<typeof ProviderCreate>;

export const ProviderUpdate = z
  .object({ ...fields, active: z.boolean() })
  .omit({ kind: true })
  .partial()
  .strict()
  .meta({ id: 'ProviderUpdate', description: 'Fields to change; `kind` cannot change.' });
export type ProviderUpdate = z.infer<typeof ProviderUpdate>;

export const Provider = z
  .object({
    id: z.string().meta({ example: 'prv_01jd0example0000000000000' }),
    object: z.literal('provider'),
    ...fields,
    active: z.boolean(),
    ...Metadata,
  })
  .meta({ id: 'Provider', description: 'A billing, rendering or referring provider, or a service facility.' });
export type Provider = z.infer<typeof Provider>;

export const ProviderList = listOf(Provider, 'ProviderList');
