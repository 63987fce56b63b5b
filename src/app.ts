import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AppError } from './lib/problem.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import idempotencyPlugin from './plugins/idempotency.js';
import openapiPlugin from './plugins/openapi.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { payersRoutes } from './modules/payers/payers.routes.js';
import { createPayersService } from './modules/payers/payers.service.js';
import { providersRoutes } from './modules/providers/providers.routes.js';
import { createProvidersService } from './modules/providers/providers.service.js';
import { patientsRoutes } from './modules/patients/patients.routes.js';
import { createPatientsService } from './modules/patients/patients.service.js';
import { coveragesRoutes } from './modules/coverages/coverages.routes.js';
import { createCoveragesService } from './modules/coverages/coverages.service.js';
import { codesRoutes } from './modules/codes/codes.routes.js';
import { createCodesService } from './modules/codes/codes.service.js';
import { claimsRoutes } from './modules/claims/claims.routes.js';
import { createClaimsService } from './modules/claims/claims.service.js';
import { encountersRoutes } from './modules/encounters/encounters.routes.js';
import { createEncountersService } from './modules/encounters/encounters.service.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { createEventsService } from './modules/events/events.service.js';

export interface AppDeps {
  database: Database;
  /** Where logs go (default stdout); tests capture them to prove no PHI is written. */
  logStream?: NodeJS.WritableStream;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP application. Never listens: src/server.ts does, tests use inject/supertest. */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const { database } = deps;
  const db = database.db;
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // No PHI or secrets in logs: no bodies, no query strings, credentials redacted.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0], remoteAddress: req.ip }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming)
        ? incoming
        : `req_${randomUUID().replaceAll('-', '')}`;
    },
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(errorsPlugin);
  // Opt-in per route (the token endpoint): slows down client-secret guessing.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError(429, 'rate_limited', `Too many requests; retry in ${context.after}.`, {
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  await app.register(openapiPlugin);
  await app.register(authPlugin, { config, db });
  await app.register(idempotencyPlugin, { db, ttlHours: config.IDEMPOTENCY_TTL_HOURS });

  const auth = createAuthService({ db, config, keys: () => app.signingKeys() });
  app.decorate('authService', auth);
  await app.register(healthRoutes, { ping: database.ping, kind: database.kind });
  await app.register(authRoutes, { auth, tokensPerMinute: config.AUTH_TOKEN_RATE_LIMIT_PER_MINUTE });
  await app.register(payersRoutes, { payers: createPayersService({ db }) });
  await app.register(providersRoutes, { providers: createProvidersService({ db }) });
  await app.register(patientsRoutes, { patients: createPatientsService({ db }) });
  await app.register(coveragesRoutes, { coverages: createCoveragesService({ db }) });
  await app.register(codesRoutes, { codes: createCodesService({ db }) });
  await app.register(encountersRoutes, { encounters: createEncountersService({ db }) });
  await app.register(claimsRoutes, { claims: createClaimsService({ db }) });
  await app.register(eventsRoutes, { events: createEventsService({ db }) });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    authService: ReturnType<typeof createAuthService>;
  }
}
