import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from './support/app.js';

type Header = { required?: boolean; schema?: { type?: string; enum?: string[] }; $ref?: string };
type Media = { example?: unknown; examples?: Record<string, { value: Record<string, unknown> }> };
type Op = {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { headers?: Record<string, Header>; content?: Record<string, Media> }>;
};
type Doc = { paths: Record<string, Record<string, Op>>; components: { headers: Record<string, Header> } };

let t: TestApp;
let org: TestOrg;
let doc: Doc;
const ops = new Map<string, Op>();

beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg('Live Contract Clinic');
  doc = (await t.http.get('/openapi.json').expect(200)).body;
  for (const methods of Object.values(doc.paths)) for (const op of Object.values(methods)) ops.set(op.operationId, op);
});
afterAll(() => t.close());

const op = (id: string) => {
  const found = ops.get(id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const headerSpec = (h: Header) => (h.$ref ? doc.components.headers[h.$ref.split('/').pop()!]! : h);

/** The answer's status is one the operation declares, and it carries every header the document says it does. */
function conforms(id: string, res: Response) {
  const declared = op(id).responses[String(res.status)];
  expect(declared, `${id} answered ${res.status}, which it does not declare`).toBeDefined();
  for (const [name, ref] of Object.entries(declared!.headers ?? {})) {
    const spec = headerSpec(ref);
    const value = res.headers[name.toLowerCase()];
    if (spec.required) expect(value, `${id} ${res.status} promises ${name}`).toBeDefined();
    if (value !== undefined && spec.schema?.type === 'integer') expect(value, name).toMatch(/^\d+$/);
    if (value !== undefined && spec.schema?.enum) expect(spec.schema.enum, name).toContain(value);
  }
  const problem = declared!.content?.['application/problem+json'];
  if (problem) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The documented example is of the same status as the live answer.
    for (const ex of Object.values(problem.examples ?? {})) expect(ex.value.status).toBe(res.status);
  }
  return res;
}

const example = (id: string) => op(id).requestBody!.content['application/json']!.example as Record<string, unknown>;

describe('the OpenAPI document against live responses', () => {
  it('createPayer with its own example: 201 with ETag, Location and X-Request-Id; the Location reads it back', async () => {
    const res = conforms(
      'createPayer',
      await t.http.post('/v1/payers').set('authorization', org.auth).send(example('createPayer')),
    );
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/payers/${res.body.id}`);
    const back = conforms(
      'retrievePayer',
      await t.http.get(String(res.headers.location)).set('authorization', org.auth),
    );
    expect(back.status).toBe(200);
    expect(back.headers.etag).toBe(res.headers.etag);
  });

  it('createPatient with its own example is accepted, and a replay says Idempotent-Replayed with the same Location', async () => {
    const send = () =>
      t.http
        .post('/v1/patients')
        .set('authorization', org.auth)
        .set('idempotency-key', 'live-contract-patient-1')
        .send(example('createPatient'));
    const first = conforms('createPatient', await send());
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = conforms('createPatient', await send());
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
  });

  it('updatePayer without If-Match is the 428 the document declares, and the document marks If-Match required', async () => {
    const created = await t.http.post('/v1/payers').set('authorization', org.auth).send(example('createPayer'));
    const ifMatch = op('updatePayer').parameters!.find((p) => p.name === 'if-match')!;
    expect(ifMatch.required).toBe(true);
    const res = conforms(
      'updatePayer',
      await t.http.patch(`/v1/payers/${created.body.id}`).set('authorization', org.auth).send({ name: 'Renamed' }),
    );
    expect(res.status).toBe(428);
    const ok = conforms(
      'updatePayer',
      await t.http
        .patch(`/v1/payers/${created.body.id}`)
        .set('authorization', org.auth)
        .set('if-match', String(created.headers.etag))
        .send({ name: 'Renamed' }),
    );
    expect(ok.status).toBe(200);
  });

  it('a 404 is declared, carries X-Request-Id, and its problem type resolves on the API', async () => {
    const res = conforms(
      'retrievePayer',
      await t.http.get('/v1/payers/pyr_01jd0example0000000000000').set('authorization', org.auth),
    );
    expect(res.status).toBe(404);
    const type = await t.http.get(res.body.type).set('accept', 'application/json').expect(200);
    expect(type.body).toMatchObject({ code: res.body.code, status: 404 });
  });

  it('401 and 403 answers are declared and carry their headers', async () => {
    conforms('listPayers', await t.http.get('/v1/payers').expect(401));
    const weak = await org.tokenWith(['claims:read']);
    conforms('listPayers', await t.http.get('/v1/payers').set('authorization', `Bearer ${weak}`).expect(403));
  });

  it('listClaims takes several statuses repeated or comma-separated, as the array parameter says', async () => {
    const status = op('listClaims').parameters!.find((p) => p.name === 'status') as unknown as {
      schema: { type: string };
    };
    expect(status.schema.type).toBe('array');
    conforms(
      'listClaims',
      await t.http.get('/v1/claims?status=ready&status=submitted').set('authorization', org.auth).expect(200),
    );
    conforms(
      'listClaims',
      await t.http.get('/v1/claims?status=ready,submitted').set('authorization', org.auth).expect(200),
    );
    conforms('listClaims', await t.http.get('/v1/claims?status=nonsense').set('authorization', org.auth).expect(400));
  });

  it('createToken answers with the rate-limit headers it documents', async () => {
    const client = await t.services.auth.createClient({ orgId: org.orgId, name: 'live', scopes: ['payers:read'] });
    const body = { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret };
    const ok = conforms('createToken', await t.http.post('/v1/oauth/token').type('form').send(body));
    expect(ok.status).toBe(200);
    const bad = conforms(
      'createToken',
      await t.http
        .post('/v1/oauth/token')
        .type('form')
        .send({ ...body, client_secret: 'cs_wrong' }),
    );
    expect(bad.status).toBe(401);
  });
});
