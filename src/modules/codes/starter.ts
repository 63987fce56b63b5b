import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { CODE_SYSTEMS, type CodeRecord, type CodeSystem } from '../../domain/codesets/index.js';
import { starterCodes } from '../../domain/codesets/starter/index.js';
import { importCodes, sha256Of } from './codes.importer.js';

export const STARTER_RELEASE = 'Starter set (Claims API)';
/** Start date for starter codes whose source gives none (CPT numbers, POS, CARC). */
const STARTER_EFFECTIVE = '2000-01-01';

/**
 * Modifiers come from two publishers: the HCPCS Level II file carries only letter-first modifiers (LT, XS),
 * CPT's (25, 59) come only from a licensed CPT file. A system holding one family still needs the other's.
 */
const familyOf = (record: CodeRecord) =>
  record.system === 'modifier' ? (/^[0-9]/.test(record.code) ? 'modifier:cpt' : 'modifier:hcpcs') : record.system;

/**
 * Loads our starter code set (common diagnoses, procedures, modifiers, POS, CARC) into every code system —
 * and modifier family — that holds no code yet, whatever was imported into the others: after the official
 * ICD-10-CM and HCPCS files, CPT, CPT modifiers and POS still get theirs. A system already holding codes
 * (official or starter) is left alone, so loading twice changes nothing. Returns the systems it loaded.
 */
export async function loadStarterCodes(db: Db): Promise<CodeSystem[]> {
  const present = await queryRows<{ family: string; starter: boolean }>(
    db,
    sql`select case when system = 'modifier'
                  then case when code_key ~ '^[0-9]' then 'modifier:cpt' else 'modifier:hcpcs' end
                  else system end as family,
               bool_or(source = 'starter') as starter
        from codes group by 1`,
  );
  const held = new Map(present.map((p) => [p.family, p.starter]));
  const digest = sha256Of(JSON.stringify(starterCodes));
  const loaded: CodeSystem[] = [];
  for (const system of CODE_SYSTEMS) {
    const records = starterCodes.filter((c) => c.system === system && !held.has(familyOf(c)));
    // A starter release end-dates the starter codes it does not list: never load part of a system over
    // starter codes of its other family.
    const partial = records.length < starterCodes.filter((c) => c.system === system).length;
    if (records.length === 0 || (partial && [...held].some(([f, s]) => f.startsWith(`${system}:`) && s))) continue;
    await importCodes(db, {
      system,
      records,
      effective: STARTER_EFFECTIVE,
      release: STARTER_RELEASE,
      source: 'starter',
      fileName: 'starter',
      fileSha256: digest,
    });
    loaded.push(system);
  }
  return loaded;
}

/** `loadStarterCodes`, answering whether it loaded anything (the test and bench databases, the demo start). */
export async function loadStarterCodesIfEmpty(db: Db): Promise<boolean> {
  return (await loadStarterCodes(db)).length > 0;
}
