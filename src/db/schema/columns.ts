import { sql } from 'drizzle-orm';
import { customType, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { formatUnits, type Thousandths, unitsFromNumber, unitsFromX12 } from '../../domain/money.js';

/** Millisecond precision, so an API timestamp round-trips exactly into cursors and filters. */
export const timestampMs = () => timestamp({ withTimezone: true, precision: 3, mode: 'date' });

export const timestamps = {
  createdAt: timestampMs().notNull().default(sql`now()`),
  updatedAt: timestampMs().notNull().default(sql`now()`),
};

/** Tenant column: leads every primary, unique and foreign key (Citus-ready distribution column). */
export const orgId = () => text().notNull();

/** Optimistic-concurrency counter behind each strong ETag. */
export const version = () => integer().notNull().default(1);

/** Money is integer cents, never floating point. */
export const cents = () => integer();

/**
 * Service units stored as numeric(12, 3), held in the code as integer thousandths (domain/money.ts):
 * the driver gives the numeric's text ("1.500"), row_to_json a JSON number; both convert exactly.
 */
export const unitsThousandths = customType<{ data: Thousandths; driverData: string | number }>({
  dataType: () => 'numeric(12, 3)',
  toDriver: (value) => formatUnits(value),
  fromDriver: (value) => (typeof value === 'number' ? unitsFromNumber(value) : unitsFromX12(value)),
});
