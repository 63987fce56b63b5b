import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { organizations } from './schema/index.js';
import type { AuthService } from '../modules/auth/auth.service.js';

export const DEMO_ORG_ID = 'org_demo000000000000000000';

/**
 * First start of a demo database: one organization and one API client. The client secret is
 * returned here once and never again (only its hash is stored).
 */
export async function seedDemo(db: Db, auth: AuthService): Promise<{ clientId: string; clientSecret: string } | null> {
  const existing = await db.select().from(organizations).where(eq(organizations.id, DEMO_ORG_ID)).limit(1);
  if (existing.length > 0) return null;
  await auth.createOrganization('Demo Family Practice', DEMO_ORG_ID);
  const client = await auth.createClient({ orgId: DEMO_ORG_ID, name: 'demo client' });
  return { clientId: client.clientId, clientSecret: client.clientSecret };
}
