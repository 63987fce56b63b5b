import { daysBetween } from '../claims/calendar-date.js';
import type { Cents } from '../money.js';

/**
 * Receivables by age: 0–30, 31–60, 61–90, 91–120 and over 120 days, counted in whole calendar days from a date
 * the caller picks (the date of service, or the first statement date for the patient-side view) to `asOf`
 * (today in the organization's time zone). A date after `asOf` counts as 0 days.
 */

export const AGING_BUCKETS = [
  { bucket: '0-30', fromDays: 0, toDays: 30 },
  { bucket: '31-60', fromDays: 31, toDays: 60 },
  { bucket: '61-90', fromDays: 61, toDays: 90 },
  { bucket: '91-120', fromDays: 91, toDays: 120 },
  { bucket: '120+', fromDays: 121, toDays: null },
] as const;
export type AgingBucketName = (typeof AGING_BUCKETS)[number]['bucket'];

export interface AgingItem {
  amountCents: Cents;
  /** ISO date the age counts from. */
  date: string;
}

export interface AgingBucket {
  bucket: AgingBucketName;
  fromDays: number;
  toDays: number | null;
  amountCents: Cents;
  count: number;
}

export interface Aging {
  buckets: AgingBucket[];
  totalCents: Cents;
}

export function agingBucketOf(date: string, asOf: string): AgingBucketName {
  const days = Math.max(0, daysBetween(date, asOf));
  return (AGING_BUCKETS.find((b) => b.toDays === null || days <= b.toDays) ?? AGING_BUCKETS[4]).bucket;
}

/**
 * Sums the items per bucket (all five buckets, empty ones at zero). Amounts are summed as given: the caller passes
 * the balances it ages (typically the rows that owe); items of zero are not counted.
 */
export function agingBuckets(items: readonly AgingItem[], asOf: string): Aging {
  const buckets: AgingBucket[] = AGING_BUCKETS.map((b) => ({ ...b, amountCents: 0, count: 0 }));
  let totalCents = 0;
  for (const item of items) {
    if (item.amountCents === 0) continue;
    const name = agingBucketOf(item.date, asOf);
    const bucket = buckets.find((b) => b.bucket === name)!;
    bucket.amountCents += item.amountCents;
    bucket.count += 1;
    totalCents += item.amountCents;
    if (!Number.isSafeInteger(totalCents)) throw new RangeError('Aging total leaves the safe-integer range');
  }
  return { buckets, totalCents };
}
