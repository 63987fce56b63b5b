import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportSummary } from '../../src/modules/codes/code-files.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Clinic, createClinic, encounterBody } from '../support/clinic.js';

// The real CMS NCCI files (2026 Q2) sit beside the repository (../shared/data/codesets/ncci). Locally they may be
// missing and the file is skipped with a note; in CI (CI=true) their absence is a failure, never a silent skip.
const NCCI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/codesets/ncci');
const MUE_FILE = path.join(NCCI, 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv');
const AOC_FILE = path.join(NCCI, 'AOC_V2026Q2-MCR.csv');
const present = existsSync(MUE_FILE) && existsSync(AOC_FILE);
const inCi = process.env.CI === 'true';
if (!present && !inCi)
  console.warn(`skipping the real NCCI file tests: ${NCCI} not found (set CI=true to make this fail)`);

// A date the 2026 Q2 tables cover. Each visit below gets a day of its own: an add-on's primary billed on another
// claim of the patient that day counts too.
const DATE_OF_SERVICE = '2026-11-16';
let visits = 0;
const nextVisitDate = () =>
  new Date(Date.parse('2026-11-16T00:00:00Z') - ++visits * 86_400_000).toISOString().slice(0, 10);

interface Issue {
  rule: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
}
type Line = { code: string; units?: number; modifiers?: string[] };

describe.skipIf(!present && !inCi)('the real CMS MUE and add-on code edit files, imported and applied', () => {
  let t: TestApp;
  let clinic: Clinic;
  let mue: FileImportSummary;
  let aoc: FileImportSummary;

  beforeAll(async () => {
    expect(present, `expected the NCCI files in ${NCCI}`).toBe(true);
    t = await createTestApp();
    clinic = await createClinic(t);
    mue = await t.services.codes.importFile({ target: 'mue', filePath: MUE_FILE });
    aoc = await t.services.codes.importFile({ target: 'ncci-aoc', filePath: AOC_FILE });
  }, 120_000);
  afterAll(() => t?.close());

  async function issuesOf(lines: Line[]): Promise<Issue[]> {
    const body = encounterBody(clinic, {
      dateOfService: nextVisitDate(),
      lines: lines.map((l) => ({
        code: l.code,
        modifiers: l.modifiers ?? [],
        units: l.units ?? 1,
        chargeCents: 10_000,
        diagnosisPointers: [1],
      })),
    });
    const res = await t.http.post('/v1/encounters').set('authorization', clinic.org.auth).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.claims[0].issues as Issue[];
  }
  const edits = async (lines: Line[], rule: string) =>
    (await issuesOf(lines)).filter((i) => i.rule === rule).map((i) => [i.severity, i.path]);

  it('imports all 15,095 MUE rows and all 9,000 add-on edit rows (830 add-on codes), dated 2026-04-01', () => {
    expect(mue).toMatchObject({ kind: 'mue', release: 'mue 2026-04-01', records: 15_095, inserted: 15_095 });
    expect(aoc).toMatchObject({
      kind: 'ncci-aoc',
      release: 'ncci-aoc 2026-04-01',
      records: 9_000,
      inserted: 9_000,
      addOnCodes: 830,
    });
  });

  it('re-imports the add-on file without changes', async () => {
    const again = await t.services.codes.importFile({ target: 'ncci-aoc', filePath: AOC_FILE });
    expect(again).toMatchObject({ records: 9_000, inserted: 0, changed: 0, endDated: 0, unchanged: 9_000 });
  });

  it.each([
    ['99213', 2, 3, 'Clinical: Data'],
    ['36415', 2, 3, 'CMS Policy'],
    ['80053', 1, 3, 'CMS Policy'],
    ['99417', 6, 3, 'Clinical: Data'],
    ['G0439', 1, 2, 'Code Descriptor / CPT Instruction'],
    ['J1100', 120, 3, 'Clinical: Data'],
  ])('answers the MUE of %s: %i units, indicator %i (%s)', async (code, maxUnits, indicator, rationale) => {
    const res = await t.http
      .get(`/v1/edits/mue/${code}`)
      .query({ dateOfService: DATE_OF_SERVICE })
      .set('authorization', clinic.org.auth)
      .expect(200);
    expect(res.body).toMatchObject({ code, maxUnits, adjudicationIndicator: indicator, rationale });
  });

  it('applies the real MUE limits: 120 units of J1100 pass, 121 do not; 3 office visits in a day do not', async () => {
    expect(await edits([{ code: '99213' }, { code: 'J1100', units: 120 }], 'mue.units_exceeded')).toEqual([]);
    expect(await edits([{ code: '99213' }, { code: 'J1100', units: 121 }], 'mue.units_exceeded')).toEqual([
      ['error', 'lines[1].units'],
    ]);
    expect(await edits([{ code: '99213', units: 3 }], 'mue.units_exceeded')).toEqual([['error', 'lines[0].units']]);
  });

  it('takes the add-on primaries from the CMS table: 99417 with 98003 (not in our curated list) passes', async () => {
    expect(await edits([{ code: '98003' }, { code: '99417' }], 'procedure.add_on_without_primary')).toEqual([]);
    expect(await edits([{ code: '99215' }, { code: '99417' }], 'procedure.add_on_without_primary')).toEqual([]);
  });

  it('type 1: 99417 without one of its 11 listed primaries is an error naming them', async () => {
    const issues = (await issuesOf([{ code: '99213' }, { code: '99417' }])).filter(
      (i) => i.rule === 'procedure.add_on_without_primary',
    );
    expect(issues.map((i) => [i.severity, i.path])).toEqual([['error', 'lines[1].code']]);
    expect(issues[0]!.message).toContain('NCCI add-on code edit, type 1: 98003, 98007, 98011, 98015, 99205, 99215, …');
    expect(await edits([{ code: '11042' }, { code: '11045' }], 'procedure.add_on_without_primary')).toEqual([]);
    expect(await edits([{ code: '99292' }], 'procedure.add_on_without_primary')).toEqual([['error', 'lines[0].code']]);
  });

  it('type 2: 99140 (contractor-defined primaries) passes with any procedure, and is an error alone', async () => {
    expect(await edits([{ code: '00840' }, { code: '99140' }], 'procedure.add_on_without_primary')).toEqual([]);
    expect(await edits([{ code: '99140' }], 'procedure.add_on_without_primary')).toEqual([['error', 'lines[0].code']]);
  });

  it('type 3: 0984T with a listed primary passes; with an unlisted procedure it is a warning', async () => {
    expect(await edits([{ code: '36221' }, { code: '0984T' }], 'procedure.add_on_without_primary')).toEqual([]);
    expect(await edits([{ code: '99213' }, { code: '0984T' }], 'procedure.add_on_without_primary')).toEqual([
      ['warning', 'lines[1].code'],
    ]);
  });
});
