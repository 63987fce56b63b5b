import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createClinic, encounterBody } from '../support/clinic.js';

const HCPCS_MODIFIERS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/codesets/hcpcs_level2_modifiers_sample.csv',
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The severity of modifier.unknown for each of `modifiers` on an office visit, in order. */
async function unknownModifiers(modifiers: string[]) {
  const c = await createClinic(t);
  const lines = modifiers.map((m) => ({
    code: '99213',
    modifiers: [m],
    units: 1,
    chargeCents: 100,
    diagnosisPointers: [1],
  }));
  const res = await t.http
    .post('/v1/encounters')
    .set('authorization', c.org.auth)
    .send(encounterBody(c, { lines }))
    .expect(201);
  const issues = res.body.claims[0].issues as { rule: string; severity: string; path: string }[];
  return issues.filter((i) => i.rule === 'modifier.unknown').map((i) => `${i.path}:${i.severity}`);
}

describe('modifier verification, per publisher', () => {
  it('only warns about unknown modifiers of either family while only the starter set is loaded', async () => {
    expect(await unknownModifiers(['83', 'ZZ'])).toEqual([
      'lines[0].modifiers[0]:warning',
      'lines[1].modifiers[0]:warning',
    ]);
  });

  it('after the HCPCS Level II modifier file, errors on unknown HCPCS modifiers but still only warns on CPT ones', async () => {
    await t.services.codes.importFile({ target: 'modifier', filePath: HCPCS_MODIFIERS, effective: '2024-10-01' });
    expect(await unknownModifiers(['83', 'ZZ'])).toEqual([
      'lines[0].modifiers[0]:warning', // 83 would be a CPT modifier: that list (AMA, licensed) is not loaded
      'lines[1].modifiers[0]:error', // ZZ is not in the HCPCS Level II list just imported
    ]);
  });
});
