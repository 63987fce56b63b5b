import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import type { ImportTarget } from '../../src/modules/codes/code-files.js';
import { CodeImportError } from '../../src/modules/codes/codes.errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic, encounterBody } from '../support/clinic.js';

// Two databases: one gets FY2027 from the addenda, the other from the full FY2027 order file; the tests build on
// each other in order (FY2026 first, then FY2027).
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/codesets-addenda');
const FY2027 = 'ICD-10-CM FY2027 (effective 2026-10-01)';

let viaAddenda: TestApp;
let viaOrderFile: TestApp;
let clinic: Clinic;
beforeAll(async () => {
  [viaAddenda, viaOrderFile] = await Promise.all([createTestApp(), createTestApp()]);
  clinic = await createClinic(viaAddenda);
});
afterAll(() => Promise.all([viaAddenda?.close(), viaOrderFile?.close()]));

const load = (t: TestApp, target: ImportTarget, file: string) =>
  t.services.codes.importFile({ target, filePath: path.join(FIXTURES, file) });

/** Every stored ICD-10-CM version, with every column an import writes but the order-number attribute. */
const icdRows = (t: TestApp) =>
  queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select code_key, code, short_description, long_description, billable, effective_from::text, effective_to::text, release, source
        from codes where system = 'icd10cm' order by code_key, effective_from`,
  );

interface Issue {
  rule: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
  hint: string;
}

async function scrubVisit(dateOfService: string, diagnoses: string[]): Promise<Issue[]> {
  const body = encounterBody(clinic, {
    dateOfService,
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: [{ code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1] }],
  });
  const res = await viaAddenda.http.post('/v1/encounters').set('authorization', clinic.org.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.claims[0].issues as Issue[];
}
const icdIssues = (issues: Issue[]) => issues.filter((i) => i.rule.startsWith('icd.'));

async function validate(code: string, dateOfService: string) {
  const res = await viaAddenda.http
    .post('/v1/codes/validate')
    .set('authorization', clinic.org.auth)
    .send({ items: [{ system: 'icd10cm', code, dateOfService }] })
    .expect(200);
  return [res.body.data[0].valid, res.body.data[0].reason];
}

describe('the ICD-10-CM FY2027 addenda, imported on top of FY2026', () => {
  it('refuses the addenda while no earlier release is loaded, and imports nothing', async () => {
    const before = await icdRows(viaAddenda);
    const error = await load(viaAddenda, 'icd10cm-addenda', 'icd10cm_order_addenda_2027_mini.txt').catch((e) => e);
    expect(error).toBeInstanceOf(CodeImportError);
    expect(error.message).toMatch(
      /No ICD-10-CM release before 2026-10-01 is loaded: .* updates icd10cm_order_2026\.txt/,
    );
    expect(await icdRows(viaAddenda)).toEqual(before);
  });

  it('with only FY2026 loaded, a visit after 30 September 2026 is warned about, not called unknown', async () => {
    await load(viaAddenda, 'icd10cm', 'icd10cm_order_2026_mini.txt');
    await load(viaOrderFile, 'icd10cm', 'icd10cm_order_2026_mini.txt');
    const issues = icdIssues(await scrubVisit('2026-10-05', ['I42.00', 'I10']));
    expect(issues.map((i) => [i.rule, i.severity, i.path])).toEqual([
      ['icd.unknown', 'warning', 'diagnoses[0].code'],
      ['icd.code_set_outdated', 'warning', 'diagnoses'],
    ]);
    expect(issues[0]!.message).toContain(
      `ends 2026-09-30; the date of service falls in ${FY2027}, which is not loaded`,
    );
    expect(issues[1]!.hint).toContain(`import ${FY2027}`);
    // Inside FY2026 an unknown code is still an error.
    const inFy2026 = icdIssues(await scrubVisit('2026-09-30', ['I42.00']));
    expect(inFy2026.map((i) => [i.rule, i.severity])).toEqual([['icd.unknown', 'error']]);
  });

  it('refuses addenda written for another release, naming the line, and changes nothing', async () => {
    const before = await icdRows(viaAddenda);
    const error = await load(viaAddenda, 'icd10cm-addenda', 'icd10cm_order_addenda_2027_other_base.txt').catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CodeImportError);
    expect(error.message).toMatch(/^icd10cm_order_addenda_2027_other_base\.txt line 2: deletes A00\.9 as/);
    expect(await icdRows(viaAddenda)).toEqual(before);
  });

  it('gives exactly the rows the full FY2027 order file gives', async () => {
    const summary = await load(viaAddenda, 'icd10cm-addenda', 'icd10cm_order_addenda_2027_mini.txt');
    expect(summary).toMatchObject({
      system: 'icd10cm',
      release: 'icd10cm 2026-10-01',
      effectiveFrom: '2026-10-01',
      base: 'icd10cm 2025-10-01',
      addenda: { added: 5, deleted: 2, revised: 1 },
      records: 14,
      inserted: 4, // A01.02, I42.00, I42.01, I42.09
      changed: 2, // A01.00 retitled, I42.0 now a header
      endDated: 1, // A00.9
    });
    const full = await load(viaOrderFile, 'icd10cm', 'icd10cm_order_2027_mini.txt');
    expect(full).toMatchObject({ records: 14, inserted: 4, changed: 2, endDated: 1 });
    expect(await icdRows(viaAddenda)).toEqual(await icdRows(viaOrderFile));

    const releases = await queryRows<{ file_name: string; effective_to: string }>(
      viaAddenda.database.db,
      sql`select file_name, effective_to::text from code_releases where system = 'icd10cm' and source <> 'starter' order by id`,
    );
    expect(releases).toEqual([
      { file_name: 'icd10cm_order_2026_mini.txt', effective_to: '2026-09-30' },
      { file_name: 'icd10cm_order_addenda_2027_mini.txt', effective_to: '2027-09-30' },
    ]);
  });

  it('changes nothing when the same addenda are imported again', async () => {
    const before = await icdRows(viaAddenda);
    const again = await load(viaAddenda, 'icd10cm-addenda', 'icd10cm_order_addenda_2027_mini.txt');
    expect(again).toMatchObject({ inserted: 0, changed: 0, endDated: 0, unchanged: 14 });
    expect(await icdRows(viaAddenda)).toEqual(before);
  });

  it.each([
    ['I42.00', '2026-10-01', true, null],
    ['I42.00', '2026-09-30', false, 'not_effective_on_date'],
    ['I42.0', '2026-09-30', true, null],
    ['I42.0', '2026-10-01', false, 'not_billable_header'],
    ['A00.9', '2026-09-30', true, null],
    ['A00.9', '2026-10-01', false, 'terminated'],
  ])('validates %s on %s against the release in force (valid %s, %s)', async (code, date, valid, reason) => {
    expect(await validate(code, date)).toEqual([valid, reason]);
  });

  it('scrubs a visit from 2026-10-01 against FY2027: new codes pass, a deleted or divided code names its FY2027 codes', async () => {
    expect(icdIssues(await scrubVisit('2026-10-05', ['I42.00', 'A01.02', 'I10']))).toEqual([]);
    const issues = icdIssues(await scrubVisit('2026-10-05', ['I42.0', 'A00.9']));
    expect(issues.map((i) => [i.rule, i.severity, i.path])).toEqual([
      ['icd.not_effective', 'error', 'diagnoses[1].code'],
      ['icd.not_billable', 'error', 'diagnoses[0].code'],
    ]);
    expect(issues[0]!.hint).toBe(
      'A00.9 was deleted by the ICD-10-CM release of 2026-10-01; the codes under A00 on the date of service are A00.0, A00.1: pick the one the documentation supports.',
    );
    expect(issues[1]!.message).toBe('I42.0 is an ICD-10-CM category header since 2026-10-01, not a billable code.');
    expect(issues[1]!.hint).toContain('I42.0 is divided into I42.00, I42.01, I42.09');
  });

  it('scrubs a visit before 2026-10-01 against FY2026', async () => {
    expect(icdIssues(await scrubVisit('2026-09-30', ['I42.0', 'A00.9']))).toEqual([]);
    const issues = icdIssues(await scrubVisit('2026-09-30', ['I42.00']));
    expect(issues.map((i) => [i.rule, i.severity])).toEqual([['icd.not_effective', 'error']]);
  });
});
