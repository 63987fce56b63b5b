export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function templateDatabaseUrl(url: string) {
  const name = 'claims_t_template';
  return { name, url: withDatabase(url, name) };
}
