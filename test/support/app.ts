import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { newId } from '../../src/lib/ids.js';
import { ALL_SCOPES, type Scope } from '../../src/lib/scopes.js';
import { createTestDatabase } from './db.js';

export interface TestOrg {
  orgId: string;
  token: string;
  /** Authorization header value for the org's all-scopes token. */
  auth: string;
  tokenWith(scopes: Scope[]): Promise<string>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  http: ReturnType<typeof supertest>;
  newOrg(name?: string): Promise<TestOrg>;
  close(): Promise<void>;
}

/** The real application on a private database, listening on an ephemeral port for supertest. */
export async function createTestApp(
  env: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, { database, ...(logStream ? { logStream } : {}) });
  await app.ready();
  const http = supertest(app.server);

  async function newOrg(name = 'Test Clinic'): Promise<TestOrg> {
    const orgId = newId('organization');
    await app.authService.createOrganization(name, orgId);
    const tokenWith = async (scopes: Scope[]) =>
      (await app.authService.signToken({ orgId, subject: 'test-suite', scopes })).token;
    const token = await tokenWith(ALL_SCOPES);
    return { orgId, token, auth: `Bearer ${token}`, tokenWith };
  }

  return {
    app,
    database,
    config,
    http,
    newOrg,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
