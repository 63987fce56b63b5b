import { INTERCHANGE_ID_QUALIFIERS } from '../../domain/x12/identifiers.js';
import { z } from 'zod';
import { Address, listOf, Metadata, text, X12Text } from '../../lib/schemas.js';

/** X12 SBR09 / CLM claim filing indicator codes (837P 2000B SBR09). */
export const CLAIM_FILING_INDICATORS = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'BL',
  'CH',
  'CI',
  'DS',
  'FI',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
] as const;

export const X12Receiver = z
  .object({
    receiverQualifier: z
      .enum(INTERCHANGE_ID_QUALIFIERS)
      .default('ZZ')
      .meta({ description: 'ISA07 interchange id qualifier.', example: 'ZZ' }),
    receiverId: X12Text(15).meta({ description: 'ISA08 interchange receiver id (≤15).', example: 'CLEARINGHOUSE1' }),
    applicationReceiverCode: X12Text(15)
      .optional()
      .meta({ description: 'GS03 application receiver code; defaults to the receiver id.', example: 'CLEARINGHOUSE1' }),
    name: X12Text(60).meta({ description: '1000B receiver name (NM103).', example: 'ACME CLEARINGHOUSE' }),
    etin: X12Text(80)
      .optional()
      .meta({ description: '1000B NM109 receiver id; defaults to the receiver id.', example: 'CLEARINGHOUSE1' }),
    usage: z
      .enum(['T', 'P'])
      .default('T')
      .meta({ description: 'ISA15: T test files, P production. Start with T until the receiver certifies you.' }),
  })
  .strict()
  .meta({ id: 'X12Receiver', description: 'Where this payer’s 837P files go (ISA07/08, GS03, 1000B).' });
export type X12Receiver = z.infer<typeof X12Receiver>;

const fields = {
  name: text()
    .min(1)
    .max(60)
    .meta({ description: 'Payer name as printed on the claim (X12 NM103, ≤60).', example: 'Acme Health Plan' }),
  ediPayerId: text()
    .regex(/^[A-Za-z0-9]{2,80}$/, '2–80 letters or digits')
    .nullable()
    .meta({
      description: 'Clearinghouse payer id (X12 2010BB NM109). Claims to a payer without one stay in needs_attention.',
      example: '60054',
    }),
  claimFilingIndicator: z.enum(CLAIM_FILING_INDICATORS).meta({
    description: 'X12 SBR09 code: CI commercial, MB Medicare Part B, MC Medicaid, BL Blue Cross…',
    example: 'CI',
  }),
  timelyFilingDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .meta({ description: 'Days after the date of service within which the payer accepts claims.', example: 365 }),
  address: Address.nullable(),
  x12Receiver: X12Receiver.nullable().meta({
    description: 'Submission settings for this payer; claims to it cannot be submitted until set.',
  }),
};

export const PayerCreate = z
  .object({
    ...fields,
    ediPayerId: fields.ediPayerId.default(null),
    claimFilingIndicator: fields.claimFilingIndicator.default('CI'),
    timelyFilingDays: fields.timelyFilingDays.default(365),
    address: fields.address.default(null),
    x12Receiver: fields.x12Receiver.default(null),
  })
  .strict()
  .meta({ id: 'PayerCreate' });
export type PayerCreate = z.infer<typeof PayerCreate>;

export const PayerUpdate = z
  .object({ ...fields, active: z.boolean().meta({ description: 'Set true to reactivate a deactivated payer.' }) })
  .partial()
  .strict()
  .meta({ id: 'PayerUpdate' });
export type PayerUpdate = z.infer<typeof PayerUpdate>;

export const Payer = z
  .object({
    id: z.string().meta({ example: 'pyr_01jd0example0000000000000' }),
    object: z.literal('payer'),
    ...fields,
    active: z.boolean(),
    ...Metadata,
  })
  .meta({ id: 'Payer', description: 'An insurer claims are sent to.' });
export type Payer = z.infer<typeof Payer>;

export const PayerList = listOf(Payer, 'PayerList');
