import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic, encounterBody } from '../support/clinic.js';
import { patientBody } from '../support/factories.js';

/*
 * "Today" is the organization's today, read from the services' clock. The clock is fixed years away from
 * the wall clock, so a service that read the system time instead would fail every case here.
 */
const clock = fixedClock('2031-07-09T22:00:00.000Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(() => t.close());

const GUAM_MORNING = '2031-07-09T22:00:00.000Z'; // 08:00 on 10 July in Guam (UTC+10), 18:00 on 9 July in New York
const HAWAII_NIGHT = '2031-07-10T09:30:00.000Z'; // 23:30 on 9 July in Hawaii (UTC-10), 19:30 on 10 July in Guam

/** A clinic in `timeZone`, created at `at` (its tokens are signed by the clock then). */
async function clinicAt(at: string, timeZone: string, payer: Record<string, unknown> = {}) {
  clock.set(at);
  return createClinic(t, {}, { timeZone, payer });
}

async function post(c: Clinic, over: Record<string, unknown>) {
  const res = await t.http
    .post('/v1/encounters')
    .set('authorization', c.org.auth)
    .send(encounterBody(c, over))
    .expect(201);
  const [claim] = res.body.claims;
  return { status: claim.status as string, rules: (claim.issues as { rule: string }[]).map((i) => i.rule) };
}

describe('dates of service in the future, by the organization’s time zone', () => {
  it('lets a clinic in Guam post a visit at 08:00 local time, the day UTC has not reached yet', async () => {
    const guam = await clinicAt(GUAM_MORNING, 'Pacific/Guam');
    const visit = await post(guam, { dateOfService: '2031-07-10' });
    expect(visit.rules).not.toContain('structure.service_date_future');
    expect(visit.status).toBe('ready');
  });

  it('holds the same date to be the future for a New York clinic at that instant', async () => {
    const newYork = await clinicAt(GUAM_MORNING, 'America/New_York');
    const visit = await post(newYork, { dateOfService: '2031-07-10' });
    expect(visit.status).toBe('needs_attention');
    expect(visit.rules).toContain('structure.service_date_future');
  });

  it('holds tomorrow to be the future for a clinic in Hawaii at 23:30, though UTC is already there', async () => {
    const hawaii = await clinicAt(HAWAII_NIGHT, 'Pacific/Honolulu');
    expect((await post(hawaii, { dateOfService: '2031-07-10' })).rules).toContain('structure.service_date_future');
    expect((await post(hawaii, { dateOfService: '2031-07-09' })).status).toBe('ready');
  });

  it('follows US/Eastern across the change to daylight saving time (UTC-5, then UTC-4)', async () => {
    // 2031-03-09 is the second Sunday of March: 23:30 EST the night before, 23:30 EDT that night.
    const before = await clinicAt('2031-03-09T04:30:00.000Z', 'America/New_York');
    expect((await post(before, { dateOfService: '2031-03-09' })).rules).toContain('structure.service_date_future');
    expect((await post(before, { dateOfService: '2031-03-08' })).status).toBe('ready');
    const after = await clinicAt('2031-03-10T03:30:00.000Z', 'America/New_York');
    expect((await post(after, { dateOfService: '2031-03-10' })).rules).toContain('structure.service_date_future');
    expect((await post(after, { dateOfService: '2031-03-09' })).status).toBe('ready');
  });

  it('applies a time zone changed through the API from the next request on', async () => {
    const c = await clinicAt(GUAM_MORNING, 'America/New_York');
    expect((await post(c, { dateOfService: '2031-07-10' })).rules).toContain('structure.service_date_future');
    const org = await t.http.get('/v1/organization').set('authorization', c.org.auth).expect(200);
    await t.http
      .patch('/v1/organization')
      .set('authorization', c.org.auth)
      .set('if-match', String(org.headers.etag))
      .send({ timeZone: 'Pacific/Guam' })
      .expect(200);
    // The same visit again (the duplicate edit flags it as such): the date is no longer in the future.
    expect((await post(c, { dateOfService: '2031-07-10' })).rules).not.toContain('structure.service_date_future');
  });
});

describe('birth dates in the future, by the organization’s time zone', () => {
  it('accepts a baby born this morning in Guam and refuses the same date in New York', async () => {
    clock.set(GUAM_MORNING);
    const guam = await t.newOrg('Guam Clinic', { timeZone: 'Pacific/Guam' });
    await t.http
      .post('/v1/patients')
      .set('authorization', guam.auth)
      .send(patientBody({ birthDate: '2031-07-10' }))
      .expect(201);
    const newYork = await t.newOrg('New York Clinic', { timeZone: 'America/New_York' });
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', newYork.auth)
      .send(patientBody({ birthDate: '2031-07-10' }))
      .expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(res.body.errors).toEqual([
      { path: 'birthDate', code: 'custom', message: 'a birth date cannot be in the future' },
    ]);
  });

  it('checks a changed birth date the same way', async () => {
    clock.set(HAWAII_NIGHT);
    const hawaii = await t.newOrg('Hawaii Clinic', { timeZone: 'Pacific/Honolulu' });
    const created = await t.http.post('/v1/patients').set('authorization', hawaii.auth).send(patientBody()).expect(201);
    const patch = (birthDate: string) =>
      t.http
        .patch(`/v1/patients/${created.body.id}`)
        .set('authorization', hawaii.auth)
        .set('if-match', '*')
        .send({ birthDate });
    expect((await patch('2031-07-10')).status).toBe(400);
    expect((await patch('2031-07-09')).status).toBe(200);
  });
});

describe('timely filing, by the organization’s time zone', () => {
  // Service on 9 June with 30 days to file: the deadline is 9 July.
  const late = { dateOfService: '2031-06-09' };
  const payer = { timelyFilingDays: 30 };

  it('is past the deadline in Guam, where 10 July has begun', async () => {
    const guam = await clinicAt(HAWAII_NIGHT, 'Pacific/Guam', payer);
    const visit = await post(guam, late);
    expect(visit.rules).toContain('filing.deadline_passed');
    expect(visit.status).toBe('needs_attention');
  });

  it('is the deadline day still in Hawaii at the same instant: a warning, not an error', async () => {
    const hawaii = await clinicAt(HAWAII_NIGHT, 'Pacific/Honolulu', payer);
    const visit = await post(hawaii, late);
    expect(visit.rules).toContain('filing.deadline_near');
    expect(visit.rules).not.toContain('filing.deadline_passed');
    expect(visit.status).toBe('ready');
  });
});
