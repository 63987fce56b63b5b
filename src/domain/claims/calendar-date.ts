/**
 * Calendar dates as 'YYYY-MM-DD' strings (no time, no zone). Arithmetic runs on whole UTC days, so it
 * is exact: no floats, no daylight-saving shifts. Such strings also compare correctly with < and >.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Days since 1970-01-01, or null when `date` is not a real calendar date (2025-02-30 is not). */
function epochDayOrNull(date: string): number | null {
  const p = parts(date);
  if (!p) return null;
  const [year, month, day] = p;
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.getTime() / DAY_MS;
}

export function isIsoDate(date: string): boolean {
  return epochDayOrNull(date) !== null;
}

export function toEpochDay(date: string): number {
  const day = epochDayOrNull(date);
  if (day === null) throw new RangeError(`'${date}' is not a calendar date in YYYY-MM-DD form.`);
  return day;
}

export function fromEpochDay(day: number): string {
  if (!Number.isSafeInteger(day)) throw new RangeError(`${day} is not a whole number of days.`);
  const d = new Date(day * DAY_MS);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dayOfMonth = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${dayOfMonth}`;
}

export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`${days} is not a whole number of days.`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Age in completed years on `on`. Someone born on 29 February has the birthday on 1 March in common
 * years, because 28 February comes before 29 February in the month/day comparison.
 */
export function ageInYears(birthDate: string, on: string): number {
  toEpochDay(birthDate);
  toEpochDay(on);
  const [by, bm, bd] = parts(birthDate) as [number, number, number];
  const [y, m, d] = parts(on) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
