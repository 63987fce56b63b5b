export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Each test run has its own template (the global setup names the run), so two runs on one server never collide. */
export function templateDatabaseUrl(url: string) {
  const run = process.env.CLAIMS_TEST_RUN ?? 'default';
  const name = `claims_t_tpl_${run}`;
  return { name, url: withDatabase(url, name) };
}

/** Test databases older than this are leftovers of a run that died; the next run drops them. */
export const STALE_AFTER_MS = 6 * 3_600_000;
