import { z } from 'zod';
import { Address, IsoDate, listOf, ListQuery, Metadata, text } from '../../lib/schemas.js';

const fields = {
  externalId: text()
    .min(1)
    .max(100)
    .nullable()
    .meta({ description: "The patient's id in the EHR; unique per organization.", example: 'ehr-patient-1001' }),
  firstName: text().min(1).max(35).meta({ example: 'Jane' }),
  middleName: text().min(1).max(25).nullable().meta({ example: 'Q' }),
  lastName: text().min(1).max(60).meta({ example: 'Testpatient' }),
  // Not after today where the practice is: checked by the service, which knows the organization's time zone.
  birthDate: IsoDate.refine((d) => d >= '1900-01-01', 'a birth date before 1900 is not plausible').meta({
    description: 'Calendar date, YYYY-MM-DD; not after today in the organization’s time zone.',
    example: '1980-02-29',
  }),
  sex: z
    .enum(['male', 'female', 'unknown'])
    .meta({ description: 'Administrative sex as sent on claims (X12 DMG03: M, F, U).', example: 'female' }),
  address: Address.nullable(),
  phone: z
    .string()
    .regex(/^\d{10}$/, '10 digits, no punctuation')
    .nullable()
    .meta({ example: '2175550100' }),
  email: z.email().max(254).nullable().meta({ example: 'jane@example.com' }),
};

export const PatientCreate = z
  .object({
    ...fields,
    externalId: fields.externalId.default(null),
    middleName: fields.middleName.default(null),
    address: fields.address.default(null),
    phone: fields.phone.default(null),
    email: fields.email.default(null),
  })
  .strict()
  .meta({ id: 'PatientCreate' });
export type PatientCreate = z.infer<typeof PatientCreate>;

export const PatientUpdate = z
  .object({ ...fields, active: z.boolean() })
  .partial()
  .strict()
  .meta({ id: 'PatientUpdate' });
export type PatientUpdate = z.infer<typeof PatientUpdate>;

export const Patient = z
  .object({
    id: z.string().meta({ example: 'pat_01jd0example0000000000000' }),
    object: z.literal('patient'),
    ...fields,
    active: z.boolean(),
    ...Metadata,
  })
  .meta({ id: 'Patient', description: 'A patient (PHI: every read and write is audited).' });
export type Patient = z.infer<typeof Patient>;

export const PatientList = listOf(Patient, 'PatientList');
export const PatientListQuery = ListQuery.extend({
  externalId: z.string().min(1).max(100).optional().meta({ description: 'Only the patient with this EHR id.' }),
});
export type PatientListQuery = z.infer<typeof PatientListQuery>;
