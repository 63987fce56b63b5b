import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, localDate } from '../../src/domain/time-zone.js';

describe('localDate', () => {
  it.each([
    // Guam, UTC+10 all year: each morning there is the next day in UTC's evening.
    ['Pacific/Guam', '2026-12-02T13:59:59.999Z', '2026-12-02'],
    ['Pacific/Guam', '2026-12-02T14:00:00.000Z', '2026-12-03'],
    ['Pacific/Guam', '2026-12-02T22:00:00.000Z', '2026-12-03'],
    // Hawaii, UTC-10 all year: each evening there is the next day in UTC.
    ['Pacific/Honolulu', '2026-12-03T09:59:59.999Z', '2026-12-02'],
    ['Pacific/Honolulu', '2026-12-03T10:00:00.000Z', '2026-12-03'],
    // US/Eastern, spring forward on 2026-03-08 (02:00 EST becomes 03:00 EDT).
    ['America/New_York', '2026-03-08T04:59:59.999Z', '2026-03-07'],
    ['America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T03:59:59.999Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-09'],
    // … and fall back on 2026-11-01 (02:00 EDT becomes 01:00 EST): that day lasts 25 hours.
    ['America/New_York', '2026-11-01T03:59:59.999Z', '2026-10-31'],
    ['America/New_York', '2026-11-01T04:00:00.000Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T04:59:59.999Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T05:00:00.000Z', '2026-11-02'],
    ['UTC', '2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['Pacific/Kiritimati', '2026-12-31T10:00:00.000Z', '2027-01-01'],
  ])('in %s at %s it is %s', (zone, instant, date) => {
    expect(localDate(new Date(instant), zone)).toBe(date);
  });
});

describe('isTimeZone', () => {
  it.each(['America/New_York', 'Pacific/Guam', 'Pacific/Honolulu', 'America/Puerto_Rico', 'UTC', DEFAULT_TIME_ZONE])(
    'knows %s',
    (zone) => expect(isTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus_Mons', 'EST5EDT; drop table', 'America/New York', 'x'.repeat(80)])('refuses %j', (zone) =>
    expect(isTimeZone(zone)).toBe(false),
  );
});
