import type { DbOrTx } from '../../db/client.js';
import { verifiedSystems } from './codes.repository.js';

/**
 * Which code systems hold an official release changes only when someone imports one, yet every claim
 * scrub asks. A process serves one database, so one cached answer, kept a minute; an import in this
 * process clears it at once (one run by the CLI in another process shows up within the minute).
 */
const TTL_MS = 60_000;
let cached: { at: number; systems: Set<string> } | null = null;

export async function cachedVerifiedSystems(db: DbOrTx): Promise<Set<string>> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.systems;
  const systems = new Set((await verifiedSystems(db)).map((r) => r.system));
  cached = { at: Date.now(), systems };
  return systems;
}

export function forgetVerifiedSystems(): void {
  cached = null;
}
