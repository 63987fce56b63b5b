import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { CODE_SYSTEMS } from '../../domain/codesets/index.js';
import { starterCodes } from '../../domain/codesets/starter/index.js';
import { importCodes, sha256Of } from './codes.importer.js';

export const STARTER_RELEASE = 'Starter set (Claims API)';
/** Start date for starter codes whose source gives none (CPT numbers, POS, CARC). */
const STARTER_EFFECTIVE = '2000-01-01';

/**
 * Loads our starter code set (common diagnoses, procedures, modifiers, POS, CARC) when no code set
 * has been imported yet: the embedded demo works out of the box; operators import the full official
 * releases with `npm run codes:import`.
 */
export async function loadStarterCodesIfEmpty(db: Db): Promise<boolean> {
  const [loaded] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from code_releases`);
  if (loaded && loaded.n > 0) return false;
  const digest = sha256Of(JSON.stringify(starterCodes));
  for (const system of CODE_SYSTEMS) {
    const records = starterCodes.filter((c) => c.system === system);
    if (records.length === 0) continue;
    await importCodes(db, {
      system,
      records,
      effective: STARTER_EFFECTIVE,
      release: STARTER_RELEASE,
      source: 'starter',
      fileName: 'starter',
      fileSha256: digest,
    });
  }
  return true;
}
