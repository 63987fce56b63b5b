import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { patientBody } from '../support/factories.js';

let t: TestApp;
let org: TestOrg;
let port: number;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
  // Raw sockets below talk to a real listening server; supertest reuses its address.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

/** Writes bytes on a fresh connection and reads everything the server answers until it closes. */
function raw(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : null });
    });
    socket.write(bytes);
  });
}

function expectProblem(res: { headers: Record<string, string | string[] | undefined>; body: unknown }, code: string) {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.body).toMatchObject({ code, type: expect.stringContaining(code), requestId: expect.any(String) });
}

describe('errors answered before our handlers are problem+json', () => {
  it('400 for a malformed percent-encoding in the URL, without echoing the URL', async () => {
    const res = await t.http.get('/v1/claims/%E0%A4%A').set('authorization', org.auth).expect(400);
    expectProblem(res, 'invalid_url');
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
    expect(JSON.stringify(res.body)).not.toContain('%E0');
  });

  it('400 for malformed JSON', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('content-type', 'application/json')
      .send('{"firstName": "Jane",')
      .expect(400);
    expectProblem(res, 'invalid_json');
  });

  it('413 for a body over the limit', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .send({ ...patientBody(), notes: 'x'.repeat(6 * 1024 * 1024) })
      .expect(413);
    expectProblem(res, 'payload_too_large');
  });

  it('415 for a content type the operation does not take', async () => {
    const res = await t.http
      .post('/v1/patients')
      .set('authorization', org.auth)
      .set('content-type', 'application/xml')
      .send('<patient/>')
      .expect(415);
    expectProblem(res, 'unsupported_media_type');
  });

  it("431 for headers larger than Node's parser accepts", async () => {
    const res = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expectProblem(res, 'headers_too_large');
    expect(res.headers['x-request-id']).toBe((res.body as { requestId: string }).requestId);
  });

  it('400 for a request Node cannot parse at all', async () => {
    const res = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(res.status).toBe(400);
    expectProblem(res, 'bad_request');
  });
});

describe('security headers', () => {
  it('API responses carry nosniff, no-store and the helmet set', async () => {
    const res = await t.http.get('/v1/patients').set('authorization', org.auth).expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('errors from our handlers carry them too (401, 404)', async () => {
    const unauthorized = await t.http.get('/v1/patients').expect(401);
    expectProblem(unauthorized, unauthorized.body.code);
    const missing = await t.http.get('/v1/nothing-here').set('authorization', org.auth).expect(404);
    expectProblem(missing, 'route_not_found');
  });

  it('leaves the docs page its own caching and Content-Security-Policy', async () => {
    const res = await t.http.get('/docs/').expect(200);
    expect(res.headers['cache-control'] ?? '').not.toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
