import { INTERCHANGE_ID_QUALIFIERS } from '../../domain/x12/identifiers.js';
import { z } from 'zod';
import { isTimeZone } from '../../domain/time-zone.js';
import { Metadata, text, X12Text } from '../../lib/schemas.js';

const TimeZone = z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. America/Chicago or Pacific/Guam').meta({
  description:
    'IANA time zone of the practice: what "today" is for dates of service, birth dates and timely-filing deadlines.',
  example: 'America/Chicago',
});

export const X12Submitter = z
  .object({
    submitterId: X12Text(80).meta({
      description: 'Your ETIN (the submitter id the clearinghouse gave you): 837P 1000A NM109.',
      example: 'ETIN12345',
    }),
    name: X12Text(60).meta({ description: '1000A submitter name (NM103).', example: 'SPRINGFIELD FAMILY MEDICINE' }),
    contactName: X12Text(60).meta({ description: '1000A PER02 contact name.', example: 'BILLING OFFICE' }),
    contactPhone: z
      .string()
      .regex(/^\d{10,15}$/, '10–15 digits')
      .nullable()
      .default(null)
      .meta({ description: 'PER TE, digits only.', example: '2175550100' }),
    contactEmail: X12Text(80).nullable().default(null).meta({ description: 'PER EM.', example: 'billing@example.com' }),
    senderQualifier: z
      .enum(INTERCHANGE_ID_QUALIFIERS)
      .default('ZZ')
      .meta({ description: 'ISA05 interchange id qualifier.', example: 'ZZ' }),
    senderId: X12Text(15)
      .optional()
      .meta({ description: 'ISA06 interchange sender id (≤15); defaults to the submitter id.', example: 'ETIN12345' }),
    applicationSenderCode: X12Text(15)
      .optional()
      .meta({ description: 'GS02 application sender code; defaults to the submitter id.', example: 'ETIN12345' }),
  })
  .strict()
  // 1000A PER03/PER04 are required: the clearinghouse must be able to reach the submitter.
  .refine((s) => s.contactPhone !== null || s.contactEmail !== null, {
    message: 'give contactPhone or contactEmail (837P 1000A PER needs one)',
    path: ['contactPhone'],
  })
  .meta({ id: 'X12Submitter', description: 'Who your 837P files say they are from (1000A, ISA06, GS02).' });
export type X12Submitter = z.infer<typeof X12Submitter>;

export const Organization = z
  .object({
    id: z.string().meta({ example: 'org_01jd0example0000000000000' }),
    object: z.literal('organization'),
    name: z.string().meta({ example: 'Springfield Family Medicine' }),
    timeZone: TimeZone,
    x12Submitter: X12Submitter.nullable(),
    ...Metadata,
  })
  .meta({ id: 'Organization', description: 'Your organization (the tenant) and its settings.' });
export type Organization = z.infer<typeof Organization>;

export const OrganizationUpdate = z
  .object({
    name: text().min(1).max(200).optional(),
    timeZone: TimeZone.optional(),
    x12Submitter: X12Submitter.nullable().optional(),
  })
  .strict()
  .meta({ id: 'OrganizationUpdate', description: 'Settings to change.' });
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;
