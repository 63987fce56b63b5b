import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { type Clock, systemClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';
import { createLogger } from '../../src/lib/logger.js';
import { ALL_SCOPES, type Scope } from '../../src/lib/scopes.js';
import { createServices, type Services } from '../../src/services.js';
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
  services: Services;
  database: Database;
  config: Config;
  http: ReturnType<typeof supertest>;
  newOrg(name?: string, settings?: { timeZone?: string }): Promise<TestOrg>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where logs go (default: nowhere unless LOG_LEVEL is set); tests capture them to prove no PHI is written. */
  logStream?: NodeJS.WritableStream;
  /** The services' clock (default: the system clock); a fixed clock makes "today" what the test says. */
  clock?: Clock;
}

/** The real application on a private database, listening on an ephemeral port for supertest. */
/**
 * Tests make thousands of requests a minute with one client, and CPU-heavy steps (a code-set import on the
 * embedded database) lag the event loop: budgets and load shedding are off unless a test sets them
 * (test/plugins/rate-limit.test.ts, test/plugins/load-shedding.test.ts).
 */
export const UNLIMITED: Record<string, string> = {
  RATE_LIMIT_CLIENT: '100000000',
  RATE_LIMIT_ORGANIZATION: '100000000',
  RATE_LIMIT_ADDRESS: '100000000',
  LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
  LOAD_SHED_MAX_POOL_WAITING: '0',
  // Every response a test reaches is checked to encode, by its schema, to the JSON production sends as built.
  RESPONSE_CHECK: 'compare',
};

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...UNLIMITED, ...env });
  const clock = options.clock ?? systemClock;
  const log = createLogger(config.LOG_LEVEL, options.logStream);
  const services = await createServices({ database, clock, ids: createIds(clock), config, log });
  const app = await buildApp(services);
  await app.ready();
  const http = supertest(app.server);

  async function newOrg(name = 'Test Clinic', settings: { timeZone?: string } = {}): Promise<TestOrg> {
    const { id: orgId } = await services.organizations.create({ name, ...settings });
    const tokenWith = async (scopes: Scope[]) =>
      (await services.auth.signToken({ orgId, subject: 'test-suite', scopes })).token;
    const token = await tokenWith(ALL_SCOPES);
    return { orgId, token, auth: `Bearer ${token}`, tokenWith };
  }

  return {
    app,
    services,
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
