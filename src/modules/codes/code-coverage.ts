import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AddOnEdit, CodeReplacement, CodeSetEnd } from '../../domain/scrub/index.js';
import type { Clock } from '../../lib/clock.js';
import { readAddOnEdits, readCodeReplacements, readCodeSetEnds } from './release-facts.js';

const SCRUBBED_SYSTEMS = ['icd10cm', 'cpt', 'hcpcs', 'modifier', 'pos'] as const;
type ScrubbedSystem = (typeof SCRUBBED_SYSTEMS)[number];

/**
 * What the loaded code sets can vouch for and what they tell the scrubber: its `verifiedSystems`, `codeSetStart`,
 * `codeSetEnd`, `codeReplacements` and `addOnEdits`.
 */
export interface CodeSetCoverage {
  /**
   * Systems holding an official (non-starter) release; modifiers per family (`modifier:hcpcs`, `modifier:cpt`),
   * because the HCPCS Level II file carries no CPT modifier and CPT's are loaded only from a licensed file.
   */
  verified: ReadonlySet<string>;
  /** The first date of service each system's loaded code set covers. */
  codeSetStart: Partial<Record<ScrubbedSystem, string>>;
  /** Where each system's latest release ends, when it has an end (ICD-10-CM: 30 September). */
  codeSetEnd: Partial<Record<ScrubbedSystem, CodeSetEnd>>;
  /** What releases put in place of the ICD-10-CM codes they deleted or turned into headers, by code key. */
  codeReplacements: ReadonlyMap<string, readonly CodeReplacement[]>;
  /** The CMS add-on code edits by add-on code; null when none are loaded (the curated list applies). */
  addOnEdits: ReadonlyMap<string, readonly AddOnEdit[]> | null;
}

/** The parts of the coverage read from whole tables: read again only when a release was imported since. */
interface ReleaseTables {
  stamp: string;
  codeReplacements: CodeSetCoverage['codeReplacements'];
  addOnEdits: CodeSetCoverage['addOnEdits'];
}

/**
 * An official release covers its system from its effective date (the FY2026 ICD-10-CM order file from
 * 2025-10-01). The starter set's release row carries a nominal date, so a system holding only starter codes
 * covers from its earliest code. Each query reads a few rows (modifiers: a few hundred).
 */
async function readCoverage(
  db: DbOrTx,
  tables: ReleaseTables | null,
): Promise<CodeSetCoverage & { tables: ReleaseTables }> {
  const official = await queryRows<{ system: string; start: string }>(
    db,
    sql`select system, min(effective_from)::text as start from code_releases where source <> 'starter' group by system`,
  );
  const families = await queryRows<{ family: string }>(
    db,
    sql`select distinct case when code_key ~ '^[0-9]' then 'modifier:cpt' else 'modifier:hcpcs' end as family
        from codes where system = 'modifier' and source <> 'starter'`,
  );
  const verified = new Set([
    ...official.map((r) => r.system).filter((s) => s !== 'modifier'),
    ...families.map((r) => r.family),
  ]);
  const codeSetStart: CodeSetCoverage['codeSetStart'] = {};
  for (const r of official) {
    if ((SCRUBBED_SYSTEMS as readonly string[]).includes(r.system)) codeSetStart[r.system as ScrubbedSystem] = r.start;
  }
  const starterOnly = SCRUBBED_SYSTEMS.filter((system) => codeSetStart[system] === undefined);
  if (starterOnly.length > 0) {
    const starter = await queryRows<{ system: ScrubbedSystem; start: string }>(
      db,
      sql`select system, min(effective_from)::text as start from codes
          where system in (${sql.join(
            starterOnly.map((x) => sql`${x}`),
            sql`, `,
          )}) group by system`,
    );
    for (const r of starter) codeSetStart[r.system] = r.start;
  }
  const codeSetEnd = await readCodeSetEnds(db, SCRUBBED_SYSTEMS);
  const [stamp] = await queryRows<{ stamp: string }>(
    db,
    sql`select count(*) || ':' || coalesce(max(id), 0) as stamp from code_releases`,
  );
  const fresh =
    tables?.stamp === stamp!.stamp
      ? tables
      : {
          stamp: stamp!.stamp,
          codeReplacements: await readCodeReplacements(db),
          addOnEdits: await readAddOnEdits(db),
        };
  return { verified, codeSetStart, codeSetEnd, ...fresh, tables: fresh };
}

/**
 * Coverage changes only when someone imports a release, yet every claim scrub asks: one cached answer per
 * process (a process serves one database), kept a minute. An import in this process clears it at once; one
 * run by the CLI in another process shows up within the minute.
 */
export function createCodeCoverageCache({ clock, ttlMs = 60_000 }: { clock: Clock; ttlMs?: number }) {
  let cached: { at: number; coverage: Promise<CodeSetCoverage> } | null = null;
  // Kept across refreshes: the replacements and the add-on table are re-read only after an import.
  let tables: ReleaseTables | null = null;
  return {
    get(db: DbOrTx): Promise<CodeSetCoverage> {
      const now = clock.now().getTime();
      if (cached && now - cached.at < ttlMs) return cached.coverage;
      const coverage = readCoverage(db, tables).then(({ tables: read, ...rest }) => {
        tables = read;
        return rest;
      });
      const entry = { at: now, coverage };
      cached = entry;
      // A read that failed (its transaction aborted) is not kept: the next caller reads again.
      coverage.catch(() => {
        if (cached === entry) cached = null;
      });
      return coverage;
    },
    forget(): void {
      cached = null;
    },
  };
}
export type CodeCoverageCache = ReturnType<typeof createCodeCoverageCache>;
