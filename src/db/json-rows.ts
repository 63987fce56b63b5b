/** snake_case column name → camelCase key, computed once per name (rows repeat the same few dozen). */
const camelNames = new Map<string, string>();
const camel = (key: string) => {
  let name = camelNames.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(key, name);
  }
  return name;
};
const TIMESTAMP_KEYS = new Set(['createdAt', 'updatedAt', 'lockedAt', 'expiresAt']);

/**
 * `row_to_json` output → the row shape drizzle returns: camelCase keys, timestamps as Date. Used where
 * one statement does several things (a data-modifying CTE) and hands back the row it wrote or read.
 */
export function fromJsonRow<T>(json: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in json) {
    const name = camel(key);
    const value = json[key];
    out[name] = TIMESTAMP_KEYS.has(name) && value !== null ? new Date(value as string) : value;
  }
  return out as T;
}
