import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { codeSetStatus } from '../../src/modules/codes/code-set-status.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createClinic, encounterBody } from '../support/clinic.js';

const fixture = (name: string) => path.resolve('test/fixtures/codesets', name);
const stateOf = async (t: TestApp) =>
  Object.fromEntries((await codeSetStatus(t.database.db)).map((s) => [s.system, s.state]));

describe('npm run setup: the code sets on a fresh database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  // The test database is cloned with the starter set loaded: empty the code tables to start where a new
  // PostgreSQL database starts after its migrations.
  beforeEach(async () => {
    await t.database.db.execute(sql`truncate codes, code_releases, code_search_words`);
  });

  it('loads the starter set into every system on a fresh database, and nothing the second time', async () => {
    expect(await t.services.codes.loadStarter()).toEqual([
      'icd10cm',
      'cpt',
      'hcpcs',
      'modifier',
      'pos',
      'carc',
      'adjustment-group',
    ]);
    expect(await t.services.codes.loadStarter()).toEqual([]);
    const status = await codeSetStatus(t.database.db);
    expect(status.find((s) => s.system === 'pos')).toMatchObject({
      state: 'starter',
      release: 'Starter set (Claims API)',
    });
    expect(status.find((s) => s.system === 'rarc')).toMatchObject({ state: 'empty', records: 0, release: null });
  });

  it('still loads the other systems after an official import of one (the SEED_DEMO-after-import bug)', async () => {
    await t.services.codes.importFile({
      target: 'pos',
      filePath: fixture('place_of_service_sample.csv'),
      effective: '2020-01-01',
    });
    const loaded = await t.services.codes.loadStarter();
    expect(loaded).toContain('cpt');
    expect(loaded).toContain('modifier');
    expect(loaded).not.toContain('pos');
    expect(await stateOf(t)).toMatchObject({
      pos: 'verified',
      cpt: 'starter',
      icd10cm: 'starter',
      'modifier:cpt': 'starter',
    });
    const [pos] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from codes where system = 'pos' and source = 'starter'`,
    );
    expect(pos!.n).toBe(0); // the official release is not mixed with our list
  });

  it('after the HCPCS modifier file, CPT modifiers still get the starter set', async () => {
    await t.services.codes.importFile({
      target: 'modifier',
      filePath: fixture('hcpcs_level2_modifiers_sample.csv'),
      effective: '2024-10-01',
    });
    expect(await t.services.codes.loadStarter()).toContain('modifier');
    expect(await stateOf(t)).toMatchObject({ 'modifier:hcpcs': 'verified', 'modifier:cpt': 'starter' });
    expect(await t.services.codes.loadStarter()).toEqual([]);
  });

  it('a clean visit comes back ready after an official import and the starter set', async () => {
    await t.services.codes.importFile({
      target: 'pos',
      filePath: fixture('place_of_service_sample.csv'),
      effective: '2020-01-01',
    });
    await t.services.codes.loadStarter();
    const clinic = await createClinic(t);
    const res = await t.http
      .post('/v1/encounters')
      .set('authorization', clinic.org.auth)
      .send(encounterBody(clinic))
      .expect(201);
    expect(res.body.claims[0]).toMatchObject({ status: 'ready' });
  });
});

describe('npm run setup (the command)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-setup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, imports the files given once, fills the rest with the starter set and prints the table', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/bin/setup.ts',
          '--pos',
          fixture('place_of_service_sample.csv'),
          '--pos-effective',
          '2020-01-01',
        ],
        { env: { ...env, DATA_DIR: dir, LOG_LEVEL: 'silent' } },
      );
    const first = await run();
    expect(first.stdout).toContain('pos: imported');
    expect(first.stdout).toMatch(/starter set loaded into: icd10cm, cpt, hcpcs, modifier, carc, adjustment-group/);
    expect(first.stdout).toMatch(/^pos\s+\d+\s+verified\s+pos 2020-01-01$/m);
    expect(first.stdout).toMatch(/^cpt\s+\d+\s+starter\s+Starter set \(Claims API\)$/m);
    const second = await run();
    expect(second.stdout).toContain('already imported (pos 2020-01-01)');
    expect(second.stdout).toContain('starter set: nothing to load');
  }, 120_000);
});
