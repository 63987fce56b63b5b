/**
 * `row_to_json` output → the row shape drizzle returns: camelCase keys, timestamps as Date. Used where
 * one statement does several things (a data-modifying CTE) and hands back the row it wrote or read.
 */
export function fromJsonRow<T>(json: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[camel] = camel === 'createdAt' || camel === 'updatedAt' || camel === 'lockedAt' || camel === 'expiresAt' ? new Date(value as string) : value;
  }
  return out as T;
}
