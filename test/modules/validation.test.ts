import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { text } from '../../src/lib/schemas.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { coverageBody, patientBody, payerBody, providerBody } from '../support/factories.js';

let t: TestApp;
let org: TestOrg;
let patientId: string;
let payerId: string;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
  patientId = (await t.http.post('/v1/patients').set('authorization', org.auth).send(patientBody()).expect(201)).body
    .id;
  payerId = (await t.http.post('/v1/payers').set('authorization', org.auth).send(payerBody()).expect(201)).body.id;
});
afterAll(() => t.close());

const CASES: [resource: string, body: () => Record<string, unknown>, path: string][] = [
  ['payers', () => payerBody({ name: '' }), 'name'],
  ['payers', () => payerBody({ ediPayerId: 'has space' }), 'ediPayerId'],
  ['payers', () => payerBody({ claimFilingIndicator: 'XX' }), 'claimFilingIndicator'],
  ['payers', () => payerBody({ timelyFilingDays: 0 }), 'timelyFilingDays'],
  ['payers', () => payerBody({ timelyFilingDays: 1.5 }), 'timelyFilingDays'],
  [
    'payers',
    () => payerBody({ address: { line1: 'x', city: 'y', state: 'Illinois', postalCode: '62701' } }),
    'address.state',
  ],
  ['payers', () => payerBody({ unknownField: 1 }), '(body)'],
  ['providers', () => providerBody({ npi: '1234567890' }), 'npi'],
  ['providers', () => providerBody({ npi: '12345' }), 'npi'],
  ['providers', () => providerBody({ kind: 'robot' }), 'kind'],
  ['providers', () => providerBody({ firstName: null }), 'firstName'],
  ['providers', () => providerBody({ kind: 'organization', organizationName: null }), 'organizationName'],
  ['providers', () => providerBody({ taxonomyCode: '207Q' }), 'taxonomyCode'],
  ['providers', () => providerBody({ taxId: '12-3456789' }), 'taxId'],
  [
    'providers',
    () => providerBody({ address: { line1: '1 A St', city: 'B', state: 'IL', postalCode: '6270' } }),
    'address.postalCode',
  ],
  ['patients', () => patientBody({ firstName: '' }), 'firstName'],
  ['patients', () => patientBody({ lastName: undefined }), 'lastName'],
  ['patients', () => patientBody({ birthDate: '1980-02-30' }), 'birthDate'],
  ['patients', () => patientBody({ birthDate: '2999-01-01' }), 'birthDate'],
  ['patients', () => patientBody({ sex: 'f' }), 'sex'],
  ['patients', () => patientBody({ phone: '555-0100' }), 'phone'],
  ['patients', () => patientBody({ email: 'not-an-email' }), 'email'],
  ['coverages', () => coverageBody('not-an-id', payerId), 'patientId'],
  ['coverages', () => coverageBody(patientId, payerId, { memberId: '' }), 'memberId'],
  ['coverages', () => coverageBody(patientId, payerId, { priority: 'first' }), 'priority'],
  ['coverages', () => coverageBody(patientId, payerId, { relationship: 'child' }), 'subscriber'],
  [
    'coverages',
    () => coverageBody(patientId, payerId, { effectiveFrom: '2025-06-01', effectiveTo: '2025-01-01' }),
    'effectiveTo',
  ],
  [
    'coverages',
    () =>
      coverageBody(patientId, payerId, {
        benefits: { copayCents: 25.5, coinsuranceBasisPoints: null, deductibleCents: null },
      }),
    'benefits.copayCents',
  ],
  [
    'coverages',
    () =>
      coverageBody(patientId, payerId, {
        benefits: { copayCents: null, coinsuranceBasisPoints: 10001, deductibleCents: null },
      }),
    'benefits.coinsuranceBasisPoints',
  ],
  // Nested objects are as strict as the top level: an unknown key is named by the object holding it.
  [
    'payers',
    () => payerBody({ address: { line1: '1 A St', city: 'B', state: 'IL', postalCode: '62701', zip4: '1234' } }),
    'address',
  ],
  [
    'providers',
    () => providerBody({ address: { line1: '1 A St', city: 'B', state: 'IL', postalCode: '62701', county: 'X' } }),
    'address',
  ],
  [
    'coverages',
    () =>
      coverageBody(patientId, payerId, {
        benefits: { copayCents: 2500, coinsuranceBasisPoints: null, deductibleCents: null, oopMaxCents: 1 },
      }),
    'benefits',
  ],
  [
    'coverages',
    () =>
      coverageBody(patientId, payerId, {
        relationship: 'child',
        subscriber: { firstName: 'J', lastName: 'T', birthDate: '1970-01-01', sex: 'male', ssn: '000000000' },
      }),
    'subscriber',
  ],
  // Text hygiene: unpaired surrogates, control characters and bidirectional overrides are refused.
  ['patients', () => patientBody({ firstName: 'Ja\uD800ne' }), 'firstName'],
  ['patients', () => patientBody({ lastName: 'Test\u0007patient' }), 'lastName'],
  ['patients', () => patientBody({ lastName: 'Test\u202Epatient' }), 'lastName'],
  [
    'patients',
    () => patientBody({ address: { line1: '42 \u2066Elm St', city: 'S', state: 'IL', postalCode: '62704' } }),
    'address.line1',
  ],
  ['payers', () => payerBody({ name: 'Acme\tHealth' }), 'name'],
  ['coverages', () => coverageBody(patientId, payerId, { memberId: 'XJH\u0085123' }), 'memberId'],
];

describe('bad input', () => {
  it.each(CASES.map(([r, b, p]) => ({ resource: r, body: b, path: p })))(
    '$resource: rejects a bad $path with 400 and writes nothing',
    async ({ resource, body, path }) => {
      const before = (
        await t.http.get(`/v1/${resource}`).query({ limit: 100 }).set('authorization', org.auth).expect(200)
      ).body.data.length;
      const res = await t.http.post(`/v1/${resource}`).set('authorization', org.auth).send(body()).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      const after = (
        await t.http.get(`/v1/${resource}`).query({ limit: 100 }).set('authorization', org.auth).expect(200)
      ).body.data.length;
      expect(after).toBe(before);
    },
  );

  it('rejects malformed JSON with a problem document', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('content-type', 'application/json')
      .send('{"firstName":')
      .expect(400);
    expect(res.body.code).toBe('invalid_json');
  });

  it('rejects an unsupported media type with 415', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('content-type', 'application/xml')
      .send('<patient/>')
      .expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('rejects a malformed id in the path with 400 naming the field', async () => {
    const res = await t.http.get('/v1/patients/not-an-id').set('authorization', org.auth).expect(400);
    expect(res.body.errors[0].path).toBe('id');
  });

  it('rejects a coverage whose patient or payer does not exist (404 naming the field)', async () => {
    const res = await t.http
      .post('/v1/coverages')
      .set('authorization', org.auth)
      .send(coverageBody('pat_0000000000000000000000000', payerId))
      .expect(404);
    expect(res.body.errors[0]).toMatchObject({ path: 'patientId', code: 'not_found' });
  });

  it('refuses a second patient with the same externalId, naming the existing one', async () => {
    const first = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ externalId: 'ehr-dup' }))
      .expect(201);
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ externalId: 'ehr-dup' }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'patient_external_id_taken', existingId: first.body.id });
  });

  it('refuses a second provider with the same NPI, naming the existing one', async () => {
    const first = await t.http
      .post('/v1/providers')
      .set('authorization', org.auth)
      .send(providerBody({ npi: '1987654328' }))
      .expect(201);
    const res = await t.http
      .post('/v1/providers')
      .set('authorization', org.auth)
      .send(providerBody({ npi: '1987654328' }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'provider_npi_taken', existingId: first.body.id });
  });

  it('validates PATCH bodies and the merged result', async () => {
    const cov = await t.http
      .post('/v1/coverages')
      .set('authorization', org.auth)
      .send(coverageBody(patientId, payerId))
      .expect(201);
    const res = await t.http
      .patch(`/v1/coverages/${cov.body.id}`)
      .set('authorization', org.auth)
      .set('if-match', cov.headers.etag!)
      .send({ effectiveTo: '2000-01-01' })
      .expect(400);
    expect(res.body.errors[0].path).toBe('effectiveTo');
    const again = await t.http.get(`/v1/coverages/${cov.body.id}`).set('authorization', org.auth).expect(200);
    expect(again.headers.etag).toBe('"v1"');
  });
});

describe('values PostgreSQL cannot store', () => {
  it.each([
    [
      'a NUL character in a name',
      () =>
        t.http
          .post('/v1/patients')
          .set('authorization', org.auth)
          .send(patientBody({ firstName: 'a\u0000b' })),
    ],
    [
      'year 0000 in a body date',
      () =>
        t.http
          .post('/v1/patients')
          .set('authorization', org.auth)
          .send(patientBody({ birthDate: '0000-01-01' })),
    ],
    [
      'year 0000 in updatedSince',
      () => t.http.get('/v1/patients').query({ updatedSince: '0000-01-01T00:00:00Z' }).set('authorization', org.auth),
    ],
    [
      'a NUL character in a query filter',
      () => t.http.get('/v1/patients').query({ externalId: 'a\u0000b' }).set('authorization', org.auth),
    ],
    [
      'a forged cursor with an impossible date',
      () =>
        t.http
          .get('/v1/patients')
          .query({
            cursor: Buffer.from(JSON.stringify({ t: '+275760-09-13T00:00:00.000Z', i: 'pat_0000000000' })).toString(
              'base64url',
            ),
          })
          .set('authorization', org.auth),
    ],
  ])('answers %s with 400, not 500', async (_label, call) => {
    const res = await call();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers malformed Basic credentials on the token endpoint with 401', async () => {
    const res = await t.http
      .post('/v1/oauth/token')
      .set('authorization', `Basic ${Buffer.from('%:x').toString('base64')}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(401);
  });
});

describe('text hygiene', () => {
  it('stores text NFC-normalized: a decomposed é is kept as the one precomposed character', async () => {
    const decomposed = 'Rene\u0301e';
    const created = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ firstName: decomposed, address: { ...patientBody().address, city: 'Cre\u0301teil' } }))
      .expect(201);
    expect(created.body.firstName).toBe('Ren\u00e9e');
    const read = await t.http.get(`/v1/patients/${created.body.id}`).set('authorization', org.auth).expect(200);
    expect(read.body.firstName).toBe('Ren\u00e9e');
    expect(read.body.address.city).toBe('Cr\u00e9teil');
    // What is stored, not only what is answered (a response would normalize again on its way out).
    const [row] = await queryRows<{ first_name: string }>(
      t.database.db,
      sql`select first_name from patients where id = ${created.body.id}`,
    );
    expect(row!.first_name).toBe('Ren\u00e9e');
  });

  it('names the problem in the validation error', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send(patientBody({ lastName: 'Test\u202Epatient' }))
      .expect(400);
    expect(res.body.errors).toContainEqual({
      path: 'lastName',
      code: 'custom',
      message: expect.stringMatching(/bidirectional/),
    });
  });

  it('lets multi-line fields take line feeds (LF or CR LF) and tabs, and nothing else', () => {
    const note = text({ multiline: true }).max(500);
    expect(note.parse('Line one\n\tindented')).toBe('Line one\n\tindented');
    expect(note.safeParse('carriage\rreturn').success).toBe(false);
    // CR LF (Windows clients, HTML textareas) is a line ending, not a stray control character.
    expect(note.safeParse('Line one\r\nLine two').success).toBe(true);
    expect(note.safeParse('bell\u0007').success).toBe(false);
    expect(note.safeParse('\u2067isolate').success).toBe(false);
    expect(text().safeParse('two\nlines').success).toBe(false);
    // A well-formed pair (an emoji) is not a lone surrogate.
    expect(text().parse('Jane \u{1F600}')).toBe('Jane \u{1F600}');
  });
});
