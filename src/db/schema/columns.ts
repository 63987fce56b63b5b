import { sql } from 'drizzle-orm';
import { integer, text, timestamp } from 'drizzle-orm/pg-core';

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
