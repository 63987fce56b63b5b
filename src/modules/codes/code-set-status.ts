import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { systemClock } from '../../lib/clock.js';
import { createCodeCoverageCache } from './code-coverage.js';

/** Modifiers are verified per publisher (see code-coverage.ts), so they are reported per family. */
export const STATUS_FAMILIES = [
  'icd10cm',
  'cpt',
  'hcpcs',
  'modifier:hcpcs',
  'modifier:cpt',
  'pos',
  'carc',
  'rarc',
  'adjustment-group',
] as const;

export interface CodeSetStatus {
  system: (typeof STATUS_FAMILIES)[number];
  /** Distinct codes held, in force or not. */
  records: number;
  /** The release most of its codes in force come from (null: none in force). */
  release: string | null;
  /** verified: an official release is loaded; starter: only our starter set (unknown codes are warnings). */
  state: 'verified' | 'starter' | 'empty';
}

/** What each code system holds and whether the scrubber can vouch for it (the coverage the scrub reads). */
export async function codeSetStatus(db: DbOrTx): Promise<CodeSetStatus[]> {
  const rows = await queryRows<{ family: string; records: number; release: string | null }>(
    db,
    sql`select case when system = 'modifier'
                  then case when code_key ~ '^[0-9]' then 'modifier:cpt' else 'modifier:hcpcs' end
                  else system end as family,
               count(distinct code_key)::int as records,
               mode() within group (order by release) filter (where effective_to is null or effective_to >= current_date) as release
        from codes group by 1`,
  );
  const coverage = await createCodeCoverageCache({ clock: systemClock }).get(db);
  const byFamily = new Map(rows.map((r) => [r.family, r]));
  return STATUS_FAMILIES.map((system) => {
    const row = byFamily.get(system);
    const records = row?.records ?? 0;
    const state = coverage.verified.has(system) ? 'verified' : records > 0 ? 'starter' : 'empty';
    return { system, records, release: row?.release ?? null, state };
  });
}
