import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_SPECS } from './errors.js';
import { describeFailure } from './lib/failure.js';
import { X12_BODY_LIMIT } from './lib/x12-upload.js';
import { acknowledgmentsRoutes } from './modules/acknowledgments/acknowledgments.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { balancesRoutes } from './modules/balances/balances.routes.js';
import { claimsRoutes } from './modules/claims/claims.routes.js';
import { codesRoutes } from './modules/codes/codes.routes.js';
import { coveragesRoutes } from './modules/coverages/coverages.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { organizationsRoutes } from './modules/organizations/organizations.routes.js';
import { patientsRoutes } from './modules/patients/patients.routes.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { problemsRoutes } from './modules/problems/problems.routes.js';
import { payersRoutes } from './modules/payers/payers.routes.js';
import { providersRoutes } from './modules/providers/providers.routes.js';
import { remittancesRoutes } from './modules/remittances/remittances.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { submissionsRoutes } from './modules/submissions/submissions.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import authPlugin from './plugins/auth.js';
import corsPlugin from './plugins/cors.js';
import drainPlugin from './plugins/drain.js';
import { clientErrorHandler, frameworkErrors } from './plugins/early-errors.js';
import errorsPlugin from './plugins/errors.js';
import idempotencyPlugin from './plugins/idempotency.js';
import loadSheddingPlugin from './plugins/load-shedding.js';
import locationPlugin from './plugins/location.js';
import openapiPlugin from './plugins/openapi.js';
import rateLimitPlugin from './plugins/rate-limit.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import type { Services } from './services.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the HTTP application over services built by createServices (src/services.ts). Never listens:
 * src/server.ts does; tests use supertest. Logs go to the services' logger (no bodies, no PHI).
 */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming)
        ? incoming
        : `req_${randomUUID().replaceAll('-', '')}`;
    },
    bodyLimit: 5 * 1024 * 1024,
    // Errors answered before our routes run are problem+json too (plugins/early-errors.ts), and so is the
    // 503 of a draining server (plugins/drain.ts).
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
    // A hop count trusts that many proxies in front of us (the function form Fastify's types accept).
    trustProxy:
      typeof config.TRUST_PROXY === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.TRUST_PROXY)
        : config.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // X12 files (999, 277CA, 835) are posted raw (src/lib/x12-upload.ts); text/plain keeps Fastify's own parser.
  app.addContentTypeParser(
    ['application/edi-x12', 'application/octet-stream'],
    { parseAs: 'string', bodyLimit: X12_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(errorsPlugin);
  await app.register(drainPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(corsPlugin, { origins: config.CORS_ORIGINS });
  await app.register(loadSheddingPlugin, {
    maxEventLoopDelayMs: config.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS,
    maxPoolWaiting: config.LOAD_SHED_MAX_POOL_WAITING,
    poolWaiting: services.database.waiting,
  });
  await app.register(openapiPlugin, { errors: ERROR_SPECS });
  await app.register(authPlugin, { auth: services.auth });
  const window = config.RATE_LIMIT_WINDOW_SECONDS;
  await app.register(rateLimitPlugin, {
    client: { name: 'client', limit: config.RATE_LIMIT_CLIENT, windowSeconds: window },
    organization: { name: 'organization', limit: config.RATE_LIMIT_ORGANIZATION, windowSeconds: window },
    address: { name: 'address', limit: config.RATE_LIMIT_ADDRESS, windowSeconds: window },
    token: { name: 'token', limit: config.AUTH_TOKEN_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
    redisUrl: config.REDIS_URL,
    redisPrefix: config.RATE_LIMIT_REDIS_PREFIX,
    onStoreError: (err) => services.log.warn({ failure: describeFailure(err) }, 'rate-limit store unavailable'),
  });
  await app.register(idempotencyPlugin, { idempotency: services.idempotency });
  await app.register(locationPlugin);

  await app.register(healthRoutes, { ping: services.database.ping, kind: services.database.kind });
  await app.register(problemsRoutes, { errors: ERROR_SPECS });
  await app.register(authRoutes, { auth: services.auth });
  await app.register(organizationsRoutes, { organizations: services.organizations });
  await app.register(payersRoutes, { payers: services.payers });
  await app.register(providersRoutes, { providers: services.providers });
  await app.register(patientsRoutes, { patients: services.patients });
  await app.register(coveragesRoutes, { coverages: services.coverages });
  await app.register(codesRoutes, { codes: services.codes });
  await app.register(intakeRoutes, { intake: services.intake });
  const responseCheck = config.RESPONSE_CHECK ?? 'validate';
  await app.register(claimsRoutes, { claims: services.claims, responseCheck });
  await app.register(submissionsRoutes, { submissions: services.submissions });
  await app.register(acknowledgmentsRoutes, { acknowledgments: services.acknowledgments });
  await app.register(remittancesRoutes, { remittances: services.remittances });
  await app.register(balancesRoutes, { balances: services.balances, responseCheck });
  await app.register(paymentsRoutes, { payments: services.payments });
  await app.register(reportsRoutes, { reports: services.reports });
  await app.register(eventsRoutes, { events: services.events });
  await app.register(webhooksRoutes, { webhooks: services.webhooks });
  return app;
}
