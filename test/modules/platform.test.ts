import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { coverageBody, patientBody, payerBody } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform', () => {
  it('answers liveness and readiness', async () => {
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/ready').expect(200)).body.status).toBe('ready');
  });

  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    expect((await t.http.get('/health').set('x-request-id', 'abc-123').expect(200)).headers['x-request-id']).toBe(
      'abc-123',
    );
    const generated = (await t.http.get('/health').set('x-request-id', 'bad id with spaces').expect(200)).headers[
      'x-request-id'
    ];
    expect(generated).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('answers unknown routes with a problem document', async () => {
    const res = await t.http.get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'route_not_found', title: 'Not Found' });
  });

  it('serves the OpenAPI document and the browsable docs', async () => {
    expect((await t.http.get('/openapi.json').expect(200)).body.openapi).toBe('3.1.0');
    await t.http.get('/docs/').expect(200);
  });

  it('writes an audit row for every read and write of patient data', async () => {
    const org = await t.newOrg();
    const patient = await t.http.post('/v1/patients').set('authorization', org.auth).send(patientBody()).expect(201);
    const payer = await t.http.post('/v1/payers').set('authorization', org.auth).send(payerBody()).expect(201);
    const cov = await t.http
      .post('/v1/coverages')
      .set('authorization', org.auth)
      .set('x-request-id', 'audit-cov')
      .send(coverageBody(patient.body.id, payer.body.id))
      .expect(201);
    await t.http
      .get(`/v1/patients/${patient.body.id}`)
      .set('authorization', org.auth)
      .set('x-request-id', 'audit-read')
      .expect(200);
    await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
    await t.http
      .patch(`/v1/patients/${patient.body.id}`)
      .set('authorization', org.auth)
      .set('if-match', '"v1"')
      .send({ phone: '2175550100' })
      .expect(200);
    await t.http.get(`/v1/coverages/${cov.body.id}`).set('authorization', org.auth).expect(200);
    const rows = await queryRows<{ action: string; resource_ids: string[]; request_id: string; actor: string }>(
      t.database.db,
      sql`select action, resource_ids, request_id, actor from audit_events where org_id = ${org.orgId} order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'patient.create',
      'coverage.create',
      'patient.read',
      'patient.list',
      'patient.update',
      'coverage.read',
    ]);
    expect(rows.find((r) => r.action === 'patient.read')).toMatchObject({
      request_id: 'audit-read',
      actor: 'test-suite',
      resource_ids: [patient.body.id],
    });
    expect(rows.find((r) => r.action === 'coverage.create')!.request_id).toBe('audit-cov');
    const other = await t.newOrg();
    await t.http.get(`/v1/patients/${patient.body.id}`).set('authorization', other.auth).expect(404);
    const leaked = await queryRows(t.database.db, sql`select 1 from audit_events where org_id = ${other.orgId}`);
    expect(leaked).toHaveLength(0);
  });
});
