import { addDays, daysBetween } from './calendar-date.js';

/**
 * Last day a payer accepts an original claim: the date of service plus the payer's timely-filing limit
 * in calendar days (Medicare: 12 months, 42 CFR 424.44; commercial payers commonly 90-365 days).
 * A claim received on the deadline is on time.
 */
export function filingDeadline(dateOfService: string, timelyFilingDays: number): string {
  if (!Number.isSafeInteger(timelyFilingDays) || timelyFilingDays < 0) {
    throw new RangeError(`Timely-filing days must be a whole number >= 0, got ${timelyFilingDays}.`);
  }
  return addDays(dateOfService, timelyFilingDays);
}

/** Calendar days from `today` until `date`: 0 on the day itself, negative once it has passed. */
export function daysUntil(today: string, date: string): number {
  return daysBetween(today, date);
}
