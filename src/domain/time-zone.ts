/**
 * What "today" means for a practice: the calendar date in its IANA time zone. A clinic in Guam (UTC+10)
 * is a day ahead of UTC each morning, one in Hawaii (UTC-10) a day behind each evening; dates of service,
 * birth dates and filing deadlines are calendar dates there, not in UTC.
 */
export const DEFAULT_TIME_ZONE = 'America/New_York';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one: one per zone, kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows `name` as an IANA time zone (e.g. 'Pacific/Guam', 'UTC'). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The last answer per zone, by minute: every zone's day starts on a whole minute, so it holds for that minute. */
const lastByZone = new Map<string, { minute: number; date: string }>();

/** The calendar date (YYYY-MM-DD) it is at `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastByZone.get(timeZone);
  if (last?.minute === minute) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  lastByZone.set(timeZone, { minute, date });
  return date;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time (HHMM, 24-hour) it is at `instant` in `timeZone`: X12 envelope times are local. */
export function localTime(instant: Date, timeZone: string): string {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
    clockFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}${part('minute')}`;
}
