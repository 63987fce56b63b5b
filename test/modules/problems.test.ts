import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SPECS } from '../../src/errors.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg('Problems Clinic');
});
afterAll(() => t.close());

describe('problem types (/problems)', () => {
  it('lists every registered error code with its status and meaning, without a token', async () => {
    const res = await t.http.get('/problems').expect(200);
    expect(res.body.data.map((p: { code: string }) => p.code)).toEqual(ERROR_SPECS.map((e) => e.code));
    const notFound = res.body.data.find((p: { code: string }) => p.code === 'resource_not_found');
    expect(notFound).toEqual({
      object: 'problem_type',
      type: '/problems/resource_not_found',
      code: 'resource_not_found',
      status: 404,
      title: 'Not Found',
      description: 'No such object in your organization.',
    });
  });

  it("resolves the type of a live problem to that problem's code", async () => {
    const bad = await t.http.post('/v1/payers').set('authorization', org.auth).send({}).expect(400);
    expect(bad.body.type).toBe('/problems/validation_failed');
    const type = await t.http.get(bad.body.type).expect(200);
    expect(type.body).toMatchObject({ code: 'validation_failed', status: 400 });
  });

  it('gives a browser an HTML page, escaped, with links to every code and the docs', async () => {
    const one = await t.http
      .get('/problems/precondition_required')
      .set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .expect(200);
    expect(one.headers['content-type']).toMatch(/^text\/html/);
    expect(one.headers.vary).toMatch(/accept/i);
    expect(one.text).toContain('<code>precondition_required</code>');
    expect(one.text).toContain('If-Match is required');
    const all = await t.http.get('/problems').set('accept', 'text/html').expect(200);
    for (const e of ERROR_SPECS) expect(all.text).toContain(`href="/problems/${e.code}"`);
    expect(all.text).toContain('href="/docs"');
  });

  it('answers an unknown code with a 404 problem, and a malformed one with a 400', async () => {
    const res = await t.http.get('/problems/no_such_code').expect(404);
    expect(res.body).toMatchObject({ code: 'resource_not_found', status: 404 });
    await t.http.get('/problems/Not-A-Code').expect(400);
  });
});
