import type { Services } from './services.js';

export const DEMO_ORG_ID = 'org_demo000000000000000000';

/**
 * First start of a demo database: one organization and one API client. The client secret is returned here
 * once and never again (only its hash is stored).
 */
export async function seedDemo(services: Services): Promise<{ clientId: string; clientSecret: string } | null> {
  if (await services.organizations.settings(DEMO_ORG_ID)) return null;
  await services.organizations.create({ name: 'Demo Family Practice', id: DEMO_ORG_ID });
  const client = await services.auth.createClient({ orgId: DEMO_ORG_ID, name: 'demo client' });
  return { clientId: client.clientId, clientSecret: client.clientSecret };
}
