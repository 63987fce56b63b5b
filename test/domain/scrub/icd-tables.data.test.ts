import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchesAnyCodeSpec } from '../../../src/domain/scrub/code-ranges.js';
import { DIAGNOSIS_DEMOGRAPHIC_EDITS } from '../../../src/domain/scrub/demographic.data.js';
import {
  ADDITIONAL_ONLY_CODES,
  CODE_FIRST_MANIFESTATION_CODES,
  EXTERNAL_CAUSE_CODES,
  FIRST_LISTED_ONLY_CODES,
  INFECTIOUS_AGENT_CODES,
  MANIFESTATION_CODES,
} from '../../../src/domain/scrub/icd-sequencing.data.js';

// The CMS FY2026 ICD-10-CM tabular order file from the shared reference data (see ../shared/data/README.md).
const ORDER_FILE = fileURLToPath(new URL('../../../../shared/data/codesets/icd10cm_order_2026.txt', import.meta.url));

interface OrderRow {
  code: string;
  billable: boolean;
  title: string;
}

function readOrderFile(): OrderRow[] {
  return readFileSync(ORDER_FILE, 'latin1')
    .split(/\r?\n/)
    .filter((line) => line.length > 16)
    .map((line) => ({ code: line.slice(6, 13).trim(), billable: line[14] === '1', title: line.slice(77).trim() }));
}

describe.skipIf(!existsSync(ORDER_FILE))('ICD-10-CM tables against the FY2026 order file', () => {
  const rows = existsSync(ORDER_FILE) ? readOrderFile() : [];
  const billable = rows.filter((row) => row.billable);

  it('lists exactly the billable codes titled "in ... classified elsewhere" as manifestations', () => {
    const titled = (row: OrderRow) =>
      /\bin\b.*classified elsewhere/i.test(row.title) &&
      !/as the cause of|due to conditions|associated with disorders/i.test(row.title);
    const expected = billable.filter(titled).map((row) => row.code);
    const listed = billable.filter((row) => matchesAnyCodeSpec(row.code, MANIFESTATION_CODES)).map((row) => row.code);
    expect(listed).toEqual(expected);
  });

  it('keeps external causes to chapter 20 and infectious agents to B95-B97', () => {
    const external = billable.filter((row) => matchesAnyCodeSpec(row.code, EXTERNAL_CAUSE_CODES));
    expect(external.every((row) => /^[VWXY]/.test(row.code))).toBe(true);
    const agents = billable.filter((row) => matchesAnyCodeSpec(row.code, INFECTIOUS_AGENT_CODES));
    expect(agents.every((row) => /as the cause of diseases classified elsewhere/i.test(row.title))).toBe(true);
  });

  it('has no sequencing spec that matches nothing, and names the codes it means', () => {
    const tables = [CODE_FIRST_MANIFESTATION_CODES, ADDITIONAL_ONLY_CODES, FIRST_LISTED_ONLY_CODES];
    const unmatched = tables.flat().filter((spec) => !billable.some((row) => matchesAnyCodeSpec(row.code, [spec])));
    expect(unmatched).toEqual([]);
    const titles = (specs: readonly string[]) =>
      billable.filter((row) => matchesAnyCodeSpec(row.code, specs)).map((row) => row.title);
    expect(titles(CODE_FIRST_MANIFESTATION_CODES).filter((t) => !/anemia in|syndrome/i.test(t))).toEqual([]);
    expect(
      titles(ADDITIONAL_ONLY_CODES).filter(
        (t) => !/gestation|birth|liveborn|stillborn|outcome of delivery|body mass index/i.test(t),
      ),
    ).toEqual([]);
    expect(titles(FIRST_LISTED_ONLY_CODES).some((t) => /clinical research/i.test(t))).toBe(false);
  });

  it('has no code spec in the sex and age table that matches nothing', () => {
    const specs = DIAGNOSIS_DEMOGRAPHIC_EDITS.flatMap((edit) => edit.codes);
    const unmatched = specs.filter((spec) => !billable.some((row) => matchesAnyCodeSpec(row.code, [spec])));
    expect(unmatched).toEqual([]);
  });

  it('only marks codes male-only or female-only that do not name the other sex', () => {
    for (const edit of DIAGNOSIS_DEMOGRAPHIC_EDITS) {
      if (!edit.sex) continue;
      const other =
        edit.sex === 'male'
          ? /\bfemale\b|\buter|\bovar|\bvagina\b|\bcervi|\bvulv/i
          : /\bmale\b|\bprostat|\btest[ie]|\bpenis|\bscrot/i;
      const conflicting = billable.filter((row) => matchesAnyCodeSpec(row.code, edit.codes) && other.test(row.title));
      expect(conflicting.map((row) => `${row.code} ${row.title}`)).toEqual([]);
    }
  });
});
