import { describe, expect, it } from 'vitest';
import { addDays, ageInYears, daysBetween, isIsoDate } from '../../../src/domain/claims/calendar-date.js';
import { daysUntil, filingDeadline } from '../../../src/domain/claims/filing.js';

describe('filingDeadline', () => {
  it.each([
    ['2025-03-10', 90, '2025-06-08'],
    ['2025-03-10', 365, '2026-03-10'],
    ['2024-03-10', 365, '2025-03-10'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-09', 1, '2025-03-10'], // US daylight-saving change: plain UTC days are unaffected
    ['2025-03-10', 0, '2025-03-10'],
  ])('%s + %i days -> %s', (dateOfService, days, deadline) => {
    expect(filingDeadline(dateOfService, days)).toBe(deadline);
  });

  it.each([[-1], [1.5], [Number.NaN]])('rejects %s timely-filing days', (days) => {
    expect(() => filingDeadline('2025-03-10', days)).toThrow(RangeError);
  });

  it('rejects an invalid date of service', () => {
    expect(() => filingDeadline('2025-02-29', 90)).toThrow(RangeError);
  });
});

describe('daysUntil', () => {
  it.each([
    ['2025-04-01', '2025-04-01', 0],
    ['2025-04-01', '2025-05-01', 30],
    ['2025-05-01', '2025-04-01', -30],
    ['2024-02-01', '2024-03-01', 29],
    ['2024-12-31', '2025-12-31', 365],
  ])('from %s to %s is %i days', (today, date, days) => {
    expect(daysUntil(today, date)).toBe(days);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['0099-01-01', true],
    ['', false],
  ])('isIsoDate(%s) is %s', (date, valid) => {
    expect(isIsoDate(date)).toBe(valid);
  });

  it('adds days across years before 100 AD without the Date.UTC two-digit-year quirk', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it.each([
    ['1960-05-15', '2025-05-14', 64],
    ['1960-05-15', '2025-05-15', 65],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
    ['2025-03-10', '2025-03-10', 0],
  ])('born %s is %i on %s', (birthDate, on, age) => {
    expect(ageInYears(birthDate, on)).toBe(age);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2025-03-02', '2025-03-10')).toBe(8);
  });
});
