import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { patientBody } from '../support/factories.js';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream: sink });
});
afterAll(() => t.close());

describe('logs', () => {
  it('record requests without bodies, query strings, tokens or patient data', async () => {
    const org = await t.newOrg();
    const created = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ lastName: 'Zyxwvutsrq', externalId: 'ehr-secret-77' }))
      .expect(201);
    await t.http.get('/v1/patients').query({ externalId: 'ehr-secret-77' }).set('authorization', org.auth).expect(200);
    await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ lastName: 'Qwertyuiop', birthDate: 'bad' }))
      .expect(400);
    const text = lines.join('');
    expect(text).toContain('/v1/patients');
    expect(text).toContain(created.headers['x-request-id']);
    for (const secret of ['Zyxwvutsrq', 'Qwertyuiop', 'ehr-secret-77', org.token, '1980-02-29', 'Bearer'])
      expect(text).not.toContain(secret);
  });
});
