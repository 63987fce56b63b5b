import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
} from 'drizzle-orm/pg-core';
import { timestampMs } from './columns.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Global reference data (not per tenant). One row per version of a code: a new release that changes
 * or drops a code end-dates the old row (effective_to) and keeps it, so a claim dated last year still
 * validates against last year's codes.
 */
export const codes = pgTable(
  'codes',
  {
    system: text().notNull(),
    /** Canonical lookup key: upper case, no dot (E119). */
    codeKey: text().notNull(),
    /** Display form (E11.9). */
    code: text().notNull(),
    shortDescription: text().notNull(),
    longDescription: text().notNull(),
    billable: boolean().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    release: text().notNull(),
    /** Which publication the row came from (cms-icd10cm, cms-hcpcs, starter…): a new release only end-dates codes of its own source. */
    source: text().notNull(),
    attributes: jsonb().$type<Record<string, string>>().notNull().default({}),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', long_description || ' ' || short_description)`),
  },
  (t) => [
    primaryKey({ columns: [t.system, t.codeKey, t.effectiveFrom] }),
    index('codes_key_prefix_idx').using('btree', t.system, sql`${t.codeKey} text_pattern_ops`),
    index('codes_search_idx').using('gin', t.search),
    index('codes_trgm_idx').using('gin', sql`${t.longDescription} gin_trgm_ops`),
  ],
);

/** Each import: what was loaded, from which file, with what effect. */
export const codeReleases = pgTable('code_releases', {
  id: serial().primaryKey(),
  system: text().notNull(),
  label: text().notNull(),
  source: text().notNull(),
  effectiveFrom: date({ mode: 'string' }).notNull(),
  /**
   * The last day the release is meant to cover (ICD-10-CM: 30 September, the end of the federal fiscal year),
   * null when the publisher sets no end. A date of service after it falls in a release that is not loaded.
   */
  effectiveTo: date({ mode: 'string' }),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  records: integer().notNull(),
  inserted: integer().notNull(),
  endDated: integer().notNull(),
  unchanged: integer().notNull(),
  importedAt: timestampMs().notNull().default(sql`now()`),
});

/** NCCI procedure-to-procedure edits (practitioner). Column 2 is denied with column 1 unless a bypass modifier is allowed and present. */
export const ncciPtpEdits = pgTable(
  'ncci_ptp_edits',
  {
    column1: text().notNull(),
    column2: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    deletedOn: date({ mode: 'string' }),
    modifierIndicator: text().notNull(),
    rationale: text().notNull(),
    before1996: boolean().notNull().default(false),
    release: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.column1, t.column2, t.effectiveFrom] }), index().on(t.column2)],
);

/** Medically unlikely edits: the most units of a code one patient gets from one provider on one day. */
export const mueLimits = pgTable(
  'mue_limits',
  {
    code: text().notNull(),
    maxUnits: integer().notNull(),
    adjudicationIndicator: integer().notNull(),
    adjudicationText: text().notNull(),
    rationale: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    release: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.effectiveFrom] })],
);

/**
 * NCCI add-on code edits (the CMS AOC file, all rows, deleted ones included): an add-on code is paid only with
 * one of its primary procedures, same patient, practitioner and date. Type 1 lists every primary, type 2 none
 * (contractor-defined, primary_code null), type 3 some. Deletion dates are the last day a row applies.
 */
export const aocEdits = pgTable(
  'aoc_edits',
  {
    id: serial().primaryKey(),
    addOnCode: text().notNull(),
    primaryCode: text(),
    editType: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    deletedOn: date({ mode: 'string' }),
    addOnDeletedOn: date({ mode: 'string' }),
    primaryDeletedOn: date({ mode: 'string' }),
    notes: text().notNull(),
    release: text().notNull(),
  },
  (t) => [index().on(t.addOnCode)],
);
