import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexImportSummary } from '../../src/modules/codes/code-search.importer.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

// The real files sit beside the repository (../shared/data/codesets). Locally they may be missing and the file is
// skipped with a note; in CI (CI=true) their absence is a failure, never a silent skip.
const REAL_CODESETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/codesets');
const ICD_FILE = path.join(REAL_CODESETS, 'icd10cm_order_2026.txt');
const INDEX_FILE = path.join(REAL_CODESETS, 'icd10cm_index_2017.xml');
const present = existsSync(ICD_FILE) && existsSync(INDEX_FILE);
const inCi = process.env.CI === 'true';
if (!present && !inCi)
  console.warn(`skipping the lay-vocabulary search tests: ${REAL_CODESETS} not found (set CI=true to make this fail)`);

const DATE_OF_SERVICE = '2026-01-15';

/**
 * What patients and front-desk staff say, and the code (or code prefix) a coder would pick, which must be among
 * the first five. Written down before the ranking was tried on them; the ones it still misses are listed in
 * bench/README.md with the reason, not quietly dropped.
 */
const LAY_PHRASES: [phrase: string, expected: string][] = [
  ['heart attack', 'I21'],
  ['kidney stones', 'N20.0'],
  ['pink eye', 'H10'],
  ['water pills', 'T50'],
  ['high blood pressure', 'I10'],
  ['sugar diabetes', 'E11'],
  ['neck pain', 'M54.2'],
  ['stomach ache', 'R10'],
  ['throwing up', 'R11'],
  ['heartburn', 'R12'],
  ['sore throat', 'J02.9'],
  ['strep throat', 'J02.0'],
  ['ear infection', 'H66'],
  ['swimmers ear', 'H60'],
  ['the flu', 'J11'],
  ['chest cold', 'J20'],
  ['common cold', 'J00'],
  ['stuffy nose', 'R09.81'],
  ['hay fever', 'J30'],
  ['shingles', 'B02'],
  ['chickenpox', 'B01'],
  ['hives', 'L50'],
  ['athletes foot', 'B35.3'],
  ['cold sore', 'B00'],
  ['bladder infection', 'N30'],
  ['blood in urine', 'R31'],
  ['enlarged prostate', 'N40'],
  ['underactive thyroid', 'E03'],
  ['low blood sugar', 'E16'],
  ['high cholesterol', 'E78'],
  ['gallstones', 'K80'],
  ['piles', 'K64'],
  ['pinched nerve', 'M54.1'],
  ['slipped disc', 'M51'],
  ['frozen shoulder', 'M75.0'],
  ['tennis elbow', 'M77.1'],
  ['mini stroke', 'G45.9'],
  ['ringing in the ears', 'H93.1'],
  ['earwax', 'H61.2'],
  ['dizzy spells', 'R42'],
  ['passed out', 'R55'],
  ['panic attacks', 'F41.0'],
  ['bed wetting', 'N39.44'],
  ['broken wrist', 'S62'],
  ['sprained ankle', 'S93.4'],
  ['dog bite', 'W54'],
];

/** Disease phrases whose first answer must not be an injury, poisoning or external-cause code. */
const NOT_INJURIES = ['hip pain', 'knee pain', 'headache', 'chest pain', 'back pain', 'shoulder pain', 'swelling'];

/** Queries that match nothing, or only after a typo is corrected or a word is dropped. */
const NO_MATCH = ['qwzx blorft', 'hypothyroidsm', 'diabetis type 2', 'chronic neck pain', 'asthmatic bronchitis xyz'];

describe.skipIf(!present && !inCi)(
  'lay-vocabulary code search on the full FY2026 file and the Alphabetic Index',
  () => {
    let t: TestApp;
    let org: TestOrg;
    let index: IndexImportSummary;

    beforeAll(async () => {
      expect(present, `expected the files in ${REAL_CODESETS}`).toBe(true);
      t = await createTestApp();
      org = await t.newOrg();
      await t.services.codes.importFile({ target: 'icd10cm', filePath: ICD_FILE });
      index = (await t.services.codes.importFile({
        target: 'icd10cm-index',
        filePath: INDEX_FILE,
      })) as IndexImportSummary;
    }, 600_000);
    afterAll(() => t?.close());

    const search = async (q: string, limit = 5) => {
      const res = await t.http
        .get('/v1/codes/icd10cm')
        .query({ q, validOn: DATE_OF_SERVICE, limit })
        .set('authorization', org.auth)
        .expect(200);
      return (res.body.data as { code: string }[]).map((c) => c.code);
    };

    it('imports the index entries with their see-references, mapped onto the loaded release', () => {
      expect(index).toMatchObject({ system: 'icd10cm-index', fileName: 'icd10cm_index_2017.xml' });
      expect(index.entries).toBeGreaterThan(75_000);
      expect(index.viaReferences).toBeGreaterThan(10_000);
      // FY2017 codes the FY2026 release has split or dropped either map onto a billable descendant or stay unmapped.
      expect(index.mapped / index.terms).toBeGreaterThan(0.95);
    });

    it.each(LAY_PHRASES)('finds %s → %s among the first five', async (phrase, expected) => {
      const found = await search(phrase);
      expect(
        found.some((code) => code.startsWith(expected)),
        `${phrase}: got ${found.join(', ')}`,
      ).toBe(true);
    });

    it.each(NOT_INJURIES)('ranks a disease or symptom code first for %s, not an injury', async (phrase) => {
      const [first] = await search(phrase);
      expect(first, phrase).toBeDefined();
      expect(first, phrase).not.toMatch(/^[STVWXY]/);
    });

    it('still ranks injury codes first when the words say injury', async () => {
      expect((await search('burn of hand'))[0]).toMatch(/^T23/);
    });

    // Their latency is the benchmark's (bench/codes.bench.ts): a shared test machine's timings prove nothing.
    it.each(NO_MATCH)('answers %s without the trigram scan over every description', async (phrase) => {
      expect(Array.isArray(await search(phrase))).toBe(true);
    });

    it('corrects a typo to the word the descriptions use', async () => {
      expect(await search('hypothyroidsm')).toContain('E03.9');
      expect(await search('qwzx blorft')).toEqual([]);
    });
  },
);
