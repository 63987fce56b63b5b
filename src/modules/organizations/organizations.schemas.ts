import { z } from 'zod';
import { isTimeZone } from '../../domain/time-zone.js';
import { Metadata } from '../../lib/schemas.js';

const TimeZone = z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. America/Chicago or Pacific/Guam').meta({
  description:
    'IANA time zone of the practice: what "today" is for dates of service, birth dates and timely-filing deadlines.',
  example: 'America/Chicago',
});

export const Organization = z
  .object({
    id: z.string().meta({ example: 'org_01jd0example0000000000000' }),
    object: z.literal('organization'),
    name: z.string().meta({ example: 'Springfield Family Medicine' }),
    timeZone: TimeZone,
    ...Metadata,
  })
  .meta({ id: 'Organization', description: 'Your organization (the tenant) and its settings.' });
export type Organization = z.infer<typeof Organization>;

export const OrganizationUpdate = z
  .object({ name: z.string().trim().min(1).max(200).optional(), timeZone: TimeZone.optional() })
  .strict()
  .meta({ id: 'OrganizationUpdate', description: 'Settings to change.' });
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;
