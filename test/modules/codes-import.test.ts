import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { CodeFileError } from '../../src/domain/codesets/index.js';
import type { ImportTarget } from '../../src/modules/codes/code-files.js';
import { CodeImportError } from '../../src/modules/codes/codes.errors.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

// Code tables are global, but this file owns its database: the releases below are imported in order and
// each test builds on the previous one (FY2026 → FY2027 → FY2028, then the NCCI edits).
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/codesets-import');

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
});
afterAll(() => t.close());

const load = (target: ImportTarget, file: string) =>
  t.services.codes.importFile({ target, filePath: path.join(FIXTURES, file) });

async function tableCounts() {
  const [row] = await queryRows<{ codes: number; releases: number; ptp: number; mue: number }>(
    t.database.db,
    sql`select
    (select count(*)::int from codes) as codes, (select count(*)::int from code_releases) as releases,
    (select count(*)::int from ncci_ptp_edits) as ptp, (select count(*)::int from mue_limits) as mue`,
  );
  return row!;
}

/** Every stored version of one ICD-10-CM code, oldest first. */
const versionsOf = (codeKey: string) =>
  queryRows<{
    code: string;
    long_description: string;
    effective_from: string;
    effective_to: string | null;
    source: string;
  }>(
    t.database.db,
    sql`select code, long_description, effective_from::text, effective_to::text, source from codes
        where system = 'icd10cm' and code_key = ${codeKey} order by effective_from`,
  );

const allIcdRows = () =>
  queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select * from codes where system = 'icd10cm' order by code_key, effective_from`,
  );

async function validate(code: string, dateOfService: string) {
  const res = await t.http
    .post('/v1/codes/validate')
    .set('authorization', org.auth)
    .send({ items: [{ system: 'icd10cm', code, dateOfService }] })
    .expect(200);
  return res.body.data[0] as { valid: boolean; billable: boolean; reason: string | null; description: string | null };
}

describe('importing ICD-10-CM releases', () => {
  it('refuses a malformed order file, naming the bad line, and imports nothing', async () => {
    const before = await tableCounts();
    const error = await load('icd10cm', 'icd10cm_order_2028_bad_line_5.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeFileError);
    expect((error as CodeFileError).lineNumber).toBe(5);
    expect((error as Error).message).toMatch(/^line 5: .*flag/);
    expect(await tableCounts()).toEqual(before);
    expect(await versionsOf('A000')).toEqual([]);
  });

  it('loads release A (FY2026, dated from the file name); codes the starter set already holds are left unchanged', async () => {
    const before = await tableCounts();
    const summary = await load('icd10cm', 'icd10cm_order_2026_release_a.txt');
    expect(summary).toMatchObject({
      system: 'icd10cm',
      effectiveFrom: '2025-10-01',
      source: 'cms-icd10cm',
      records: 9,
      inserted: 6,
      changed: 0,
      endDated: 0,
      unchanged: 3,
    });
    const after = await tableCounts();
    expect(after.codes).toBe(before.codes + 6);
    expect(after.releases).toBe(before.releases + 1);
    expect(await versionsOf('A009')).toEqual([
      {
        code: 'A00.9',
        long_description: 'Cholera, unspecified',
        effective_from: '2025-10-01',
        effective_to: null,
        source: 'cms-icd10cm',
      },
    ]);
  });

  it('changes nothing when the same release is imported twice', async () => {
    const rows = await allIcdRows();
    const before = await tableCounts();
    const summary = await load('icd10cm', 'icd10cm_order_2026_release_a.txt');
    expect(summary).toMatchObject({ records: 9, inserted: 0, changed: 0, endDated: 0, unchanged: 9 });
    expect((await tableCounts()).codes).toBe(before.codes);
    expect(await allIcdRows()).toEqual(rows);
  });

  it('loads release B (FY2027): the dropped code is end-dated the day before and kept, the reworded one gets a new version', async () => {
    const before = await tableCounts();
    const summary = await load('icd10cm', 'icd10cm_order_2027_release_b.txt');
    expect(summary).toMatchObject({
      effectiveFrom: '2026-10-01',
      records: 9,
      inserted: 1,
      changed: 1,
      endDated: 1,
      unchanged: 7,
    });
    expect((await tableCounts()).codes).toBe(before.codes + 2); // A01.02 added, A01.00 versioned
    expect(await versionsOf('A009')).toMatchObject([{ effective_from: '2025-10-01', effective_to: '2026-09-30' }]);
    expect(await versionsOf('A0100')).toMatchObject([
      { long_description: 'Typhoid fever, unspecified', effective_from: '2025-10-01', effective_to: '2026-09-30' },
      { long_description: 'Typhoid fever, site not specified', effective_from: '2026-10-01', effective_to: null },
    ]);
    expect(await versionsOf('A0102')).toMatchObject([{ effective_from: '2026-10-01', effective_to: null }]);
  });

  it('validates an end-dated code on a date before its deletion and reports it terminated after', async () => {
    expect(await validate('A00.9', '2026-09-30')).toMatchObject({
      valid: true,
      billable: true,
      reason: null,
      description: 'Cholera, unspecified',
    });
    expect(await validate('A009', '2026-10-01')).toMatchObject({ valid: false, reason: 'terminated' });

    const old = await t.http
      .get('/v1/codes/icd10cm/A00.9')
      .query({ validOn: '2026-03-01' })
      .set('authorization', org.auth)
      .expect(200);
    expect(old.body).toMatchObject({
      code: 'A00.9',
      billable: true,
      effectiveFrom: '2025-10-01',
      effectiveTo: '2026-09-30',
    });
    const gone = await t.http
      .get('/v1/codes/icd10cm/A00.9')
      .query({ validOn: '2027-01-01' })
      .set('authorization', org.auth)
      .expect(404);
    expect(gone.body.code).toBe('code_not_effective');
  });

  it('serves the version of a reworded code valid on each date, and a new code only from its release', async () => {
    const then = await t.http
      .get('/v1/codes/icd10cm/A0100')
      .query({ validOn: '2026-03-01' })
      .set('authorization', org.auth)
      .expect(200);
    const now = await t.http
      .get('/v1/codes/icd10cm/a01.00')
      .query({ validOn: '2027-03-01' })
      .set('authorization', org.auth)
      .expect(200);
    expect(then.body).toMatchObject({
      code: 'A01.00',
      longDescription: 'Typhoid fever, unspecified',
      effectiveTo: '2026-09-30',
    });
    expect(now.body).toMatchObject({
      code: 'A01.00',
      longDescription: 'Typhoid fever, site not specified',
      effectiveTo: null,
    });
    expect(now.body.versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual([
      '2025-10-01',
      '2026-10-01',
    ]);

    expect(await validate('A01.02', '2026-03-01')).toMatchObject({ valid: false, reason: 'not_effective_on_date' });
    expect(await validate('A01.02', '2027-03-01')).toMatchObject({ valid: true, reason: null });

    const listed = async (validOn: string) => {
      const res = await t.http
        .get('/v1/codes/icd10cm')
        .query({ q: 'A0', validOn, limit: 100 })
        .set('authorization', org.auth)
        .expect(200);
      return res.body.data.map((c: { code: string }) => c.code);
    };
    // A09 comes from the starter set.
    expect(await listed('2026-03-01')).toEqual(['A00', 'A09', 'A00.0', 'A00.1', 'A00.9', 'A01.00', 'A01.01']);
    expect(await listed('2027-03-01')).toEqual(['A00', 'A09', 'A00.0', 'A00.1', 'A01.00', 'A01.01', 'A01.02']);
  });

  it('refuses a release older than one already loaded and changes nothing', async () => {
    const rows = await allIcdRows();
    const before = await tableCounts();
    const error = await load('icd10cm', 'icd10cm_order_2026_release_a.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeImportError);
    expect((error as Error).message).toMatch(/newer icd10cm release .*2026-10-01/);
    expect(await tableCounts()).toEqual(before);
    expect(await allIcdRows()).toEqual(rows);
  });

  it('loads release C (FY2028): a code shared with the starter set is end-dated, a deleted code comes back without filling its gap', async () => {
    const summary = await load('icd10cm', 'icd10cm_order_2028_release_c.txt');
    expect(summary).toMatchObject({ effectiveFrom: '2027-10-01', records: 9, endDated: 1, changed: 1, inserted: 0 });

    expect(await versionsOf('I10')).toMatchObject([
      { effective_from: '2025-10-01', effective_to: '2027-09-30', source: 'cms-icd10cm' },
    ]);
    expect(await validate('I10', '2027-09-30')).toMatchObject({ valid: true });
    expect(await validate('I10', '2027-10-01')).toMatchObject({ valid: false, reason: 'terminated' });

    expect(await versionsOf('A009')).toMatchObject([
      { effective_from: '2025-10-01', effective_to: '2026-09-30' },
      { effective_from: '2027-10-01', effective_to: null },
    ]);
    expect(await validate('A00.9', '2027-03-01')).toMatchObject({ valid: false, reason: 'not_effective_on_date' });
    expect(await validate('A00.9', '2027-10-01')).toMatchObject({ valid: true });
  });
});

describe('importing NCCI PTP edits', () => {
  const ptp = async (codes: string, dateOfService: string) => {
    const res = await t.http
      .get('/v1/edits/ptp')
      .query({ codes, dateOfService })
      .set('authorization', org.auth)
      .expect(200);
    return res.body.data as {
      column1: string;
      column2: string;
      modifierIndicator: string;
      bypassModifiers: string[];
      deletedOn: string | null;
    }[];
  };
  const CODES = '11042,97597,20610,20604,17110,11102,36415,36416';

  it('reads the edits past the preamble and serves each pair with its indicator and bypass modifiers', async () => {
    const summary = await load('ncci-ptp', 'ccipra-v311r0-f1_2025_jan.txt');
    expect(summary).toMatchObject({ kind: 'ncci-ptp', records: 4, inserted: 4, changed: 0, unchanged: 0 });

    const pairs = await ptp(CODES, '2025-01-15');
    expect(pairs.map((p) => `${p.column1}/${p.column2}`)).toEqual(['11042/97597', '20610/20604']);
    const [allowed, never] = pairs;
    expect(allowed).toMatchObject({ modifierIndicator: '1', deletedOn: null });
    expect(allowed!.bypassModifiers).toEqual(expect.arrayContaining(['59', 'XS', '25', 'LT']));
    expect(never).toMatchObject({ modifierIndicator: '0', bypassModifiers: [] });
  });

  it('returns a deleted edit only for dates of service before its deletion date', async () => {
    const before = await ptp(CODES, '2023-06-01');
    expect(before.map((p) => `${p.column1}/${p.column2}`)).toContain('17110/11102');
    expect(before.find((p) => p.column1 === '17110')).toMatchObject({
      deletedOn: '2024-01-01',
      modifierIndicator: '1',
    });
    const after = await ptp(CODES, '2024-06-01');
    expect(after.map((p) => p.column1)).not.toContain('17110');
    expect((await ptp('36415,36416', '1998-01-01')).map((p) => p.modifierIndicator)).toEqual(['9']);
    expect(await ptp('36415,36416', '2001-01-01')).toEqual([]);
  });

  it('applies the next quarter in place: a new deletion date and a new edit; re-importing it changes nothing', async () => {
    const summary = await load('ncci-ptp', 'ccipra-v312r0-f1_2025_apr.txt');
    expect(summary).toMatchObject({ records: 5, inserted: 1, changed: 1, unchanged: 3 });
    expect((await ptp('20610,20604', '2025-03-31')).map((p) => p.deletedOn)).toEqual(['2025-04-01']);
    expect(await ptp('20610,20604', '2025-04-01')).toEqual([]);
    expect(await ptp('96372,99211', '2025-04-01')).toMatchObject([
      { column1: '96372', column2: '99211', modifierIndicator: '1' },
    ]);

    const counts = await tableCounts();
    expect(await load('ncci-ptp', 'ccipra-v312r0-f1_2025_apr.txt')).toMatchObject({
      records: 5,
      inserted: 0,
      changed: 0,
      unchanged: 5,
    });
    expect((await tableCounts()).ptp).toBe(counts.ptp);
  });
});

describe('importing MUE limits', () => {
  const mue = (code: string, dateOfService: string, status = 200) =>
    t.http.get(`/v1/edits/mue/${code}`).query({ dateOfService }).set('authorization', org.auth).expect(status);

  it('loads a release dated from its file name and serves each limit', async () => {
    const summary = await load('mue', 'MCR_MUE_PractitionerServices_Eff_01-01-2025.csv');
    expect(summary).toMatchObject({ kind: 'mue', records: 5, inserted: 5, changed: 0, endDated: 0 });
    const res = await mue('36415', '2025-02-01');
    expect(res.body).toMatchObject({
      object: 'mue',
      code: '36415',
      maxUnits: 2,
      adjudicationIndicator: 3,
      adjudicationText: 'Date of Service Edit: Clinical',
      rationale: 'Clinical: Data, Nature of Service',
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
    });
    expect((await mue('j1100', '2025-02-01')).body).toMatchObject({ code: 'J1100', maxUnits: 60 });
    expect((await mue('36415', '2024-12-31', 404)).body.code).toBe('mue_not_found');
  });

  it('versions a changed limit: the old date keeps the old limit, the new date gets the new one', async () => {
    const summary = await load('mue', 'MCR_MUE_PractitionerServices_Eff_04-01-2025.csv');
    expect(summary).toMatchObject({ records: 5, inserted: 1, changed: 1, endDated: 1, unchanged: 3 });
    expect((await mue('36415', '2025-03-31')).body).toMatchObject({
      maxUnits: 2,
      effectiveFrom: '2025-01-01',
      effectiveTo: '2025-03-31',
    });
    expect((await mue('36415', '2025-04-01')).body).toMatchObject({
      maxUnits: 3,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
    });
    // Dropped from the April file: in force until March 31 only.
    expect((await mue('17110', '2025-03-31')).body).toMatchObject({ maxUnits: 1, effectiveTo: '2025-03-31' });
    await mue('17110', '2025-04-01', 404);
    expect((await mue('96372', '2025-04-01')).body).toMatchObject({ maxUnits: 4 });
    expect((await mue('J1100', '2025-06-01')).body).toMatchObject({ maxUnits: 60, effectiveFrom: '2025-01-01' });
  });

  it('refuses the January file after the April one and changes nothing', async () => {
    const before = await tableCounts();
    const error = await load('mue', 'MCR_MUE_PractitionerServices_Eff_01-01-2025.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeImportError);
    expect((error as Error).message).toMatch(/newer MUE release .*2025-04-01/);
    expect(await tableCounts()).toEqual(before);
    await mue('17110', '2025-04-01', 404);
  });
});
