import type { InterchangeIdQualifier } from '../../domain/x12/identifiers.js';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { cents, orgId, timestamps, version } from './columns.js';
import { organizations } from './platform.js';

export interface AddressValue {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface X12ReceiverValue {
  receiverQualifier: InterchangeIdQualifier;
  receiverId: string;
  applicationReceiverCode: string;
  /** 1000B NM103 / NM109. */
  name: string;
  etin: string;
  /** ISA15: T test, P production. */
  usage: 'T' | 'P';
}

export const payers = pgTable(
  'payers',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    name: text().notNull(),
    ediPayerId: text(),
    claimFilingIndicator: text().notNull(),
    timelyFilingDays: integer().notNull(),
    address: jsonb().$type<AddressValue>(),
    /** Where this payer's 837P files go (ISA07/08, GS03, 1000B) and whether they are test or production. */
    x12Receiver: jsonb().$type<X12ReceiverValue>(),
    active: boolean().notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.updatedAt, t.id)],
);

export const providers = pgTable(
  'providers',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    kind: text({ enum: ['individual', 'organization'] }).notNull(),
    npi: text().notNull(),
    firstName: text(),
    lastName: text(),
    organizationName: text(),
    taxonomyCode: text(),
    taxId: text(),
    address: jsonb().$type<AddressValue>(),
    active: boolean().notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.npi),
    index().on(t.orgId, t.updatedAt, t.id),
  ],
);

export const patients = pgTable(
  'patients',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    externalId: text(),
    firstName: text().notNull(),
    middleName: text(),
    lastName: text().notNull(),
    birthDate: date({ mode: 'string' }).notNull(),
    sex: text({ enum: ['male', 'female', 'unknown'] }).notNull(),
    address: jsonb().$type<AddressValue>(),
    phone: text(),
    email: text(),
    active: boolean().notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.externalId),
    index().on(t.orgId, t.updatedAt, t.id),
  ],
);

export interface SubscriberValue {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  birthDate: string;
  sex: 'male' | 'female' | 'unknown';
  address?: AddressValue | null;
}

export const coverages = pgTable(
  'coverages',
  {
    orgId: orgId().references(() => organizations.id),
    id: text().notNull(),
    patientId: text().notNull(),
    payerId: text().notNull(),
    memberId: text().notNull(),
    groupNumber: text(),
    priority: text({ enum: ['primary', 'secondary', 'tertiary'] }).notNull(),
    relationship: text({ enum: ['self', 'spouse', 'child', 'other'] }).notNull(),
    subscriber: jsonb().$type<SubscriberValue>(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    copayCents: cents(),
    coinsuranceBasisPoints: integer(),
    deductibleCents: cents(),
    active: boolean().notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.patientId], foreignColumns: [patients.orgId, patients.id] }),
    foreignKey({ columns: [t.orgId, t.payerId], foreignColumns: [payers.orgId, payers.id] }),
    index().on(t.orgId, t.patientId),
    index().on(t.orgId, t.updatedAt, t.id),
  ],
);

export type PayerRow = typeof payers.$inferSelect;
export type ProviderRow = typeof providers.$inferSelect;
export type PatientRow = typeof patients.$inferSelect;
export type CoverageRow = typeof coverages.$inferSelect;
