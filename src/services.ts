import type { Config } from './config.js';
import { createDb, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { type Clock, systemClock } from './lib/clock.js';
import { describeFailure } from './lib/failure.js';
import { createIds, type Ids } from './lib/ids.js';
import type { Logger } from './lib/logger.js';
import { createAcknowledgmentsService } from './modules/acknowledgments/acknowledgments.service.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createTokenVerifier } from './modules/auth/token-verifier.js';
import { createBalancesService } from './modules/balances/balances.service.js';
import { createClaimsService } from './modules/claims/claims.service.js';
import { createCodeCoverageCache } from './modules/codes/code-coverage.js';
import { createCodesService } from './modules/codes/codes.service.js';
import { createCoveragesService } from './modules/coverages/coverages.service.js';
import { createEventsService } from './modules/events/events.service.js';
import { createIdempotencyService } from './modules/idempotency/idempotency.service.js';
import { createInstanceLock } from './modules/idempotency/instance-lock.js';
import { createLedgerService } from './modules/ledger/ledger.service.js';
import { createIntakeService } from './modules/intake/intake.service.js';
import { createOrganizationsService } from './modules/organizations/organizations.service.js';
import { createPatientsService } from './modules/patients/patients.service.js';
import { createPaymentsService } from './modules/payments/payments.service.js';
import { createPayersService } from './modules/payers/payers.service.js';
import { createProvidersService } from './modules/providers/providers.service.js';
import { createRemittancesService } from './modules/remittances/remittances.service.js';
import { createReportsService } from './modules/reports/reports.service.js';
import { createSubmissionsService } from './modules/submissions/submissions.service.js';
import { createWebhookRuntime } from './modules/webhooks/webhook-runtime.js';
import { createTargetGuard, targetPolicyOf } from './modules/webhooks/webhook-targets.js';
import { createWebhooksService } from './modules/webhooks/webhooks.service.js';

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  ids: Ids;
  config: Config;
  log: Logger;
}

/**
 * The composition root: every service, built once, each given only what it needs. The HTTP app, the worker
 * and the CLI entries all start here. A module reaches another only through what is handed to it here.
 */
export async function createServices({ database, clock, ids, config, log }: ServiceDeps) {
  const { db } = database;
  const organizations = createOrganizationsService({ db, clock, ids });
  const tokens = await createTokenVerifier({ db, config, clock, ids });
  const auth = createAuthService({
    db,
    config,
    clock,
    ids,
    tokens,
    organizationSettings: organizations.settings,
  });
  const idempotency = createIdempotencyService({
    db,
    ttlHours: config.IDEMPOTENCY_TTL_HOURS,
    instance: createInstanceLock(database, (err) =>
      log.warn({ failure: describeFailure(err) }, 'idempotency instance lock lost; taking a new one'),
    ),
    // A request's transaction can wait a statement timeout, and sit idle as long again, before PostgreSQL
    // ends it: a claim older than that belongs to a stuck request.
    leaseSeconds: Math.ceil((2 * config.DATABASE_STATEMENT_TIMEOUT_MS) / 1000),
  });
  const payers = createPayersService({ db, ids });
  const providers = createProvidersService({ db, ids });
  const patients = createPatientsService({ db, clock, ids });
  const coverages = createCoveragesService({
    db,
    ids,
    references: { patient: patients.lookup, payer: payers.lookup },
  });
  const codeCoverage = createCodeCoverageCache({ clock });
  const codes = createCodesService({ db, clock, coverage: codeCoverage });
  const ledger = createLedgerService({ ids });
  const claims = createClaimsService({
    db,
    ledger,
    clock,
    ids,
    codeCoverage,
    parties: {
      patient: patients.lookup,
      providers: providers.lookupMany,
      coverage: coverages.lookup,
      payer: payers.lookup,
    },
  });
  const intake = createIntakeService({ db, ids, claims });
  const events = createEventsService({ db });
  const balances = createBalancesService({ db, clock, ledger, claims, patients });
  const payments = createPaymentsService({ db, clock, ids, ledger, claims, patients });

  const remittances = createRemittancesService({ db, clock, ids, claims, ledger });
  const submissions = createSubmissionsService({
    db,
    clock,
    ids,
    claims,
    organizations,
    cob: { latestDecisions: remittances.latestDecisions, coverage: coverages.lookup, payer: payers.lookup },
  });
  const acknowledgments = createAcknowledgmentsService({ db, clock, ids, claims, submissions });
  const reports = createReportsService({ db, clock });
  const webhookTargets = createTargetGuard(targetPolicyOf(config));
  const webhooks = createWebhooksService({ db, clock, ids, guard: webhookTargets });
  // Started only by the worker (src/worker.ts): the API process never delivers.
  const webhookDelivery = createWebhookRuntime({
    database,
    clock,
    log,
    guard: webhookTargets,
    settings: {
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      concurrency: config.WEBHOOK_CONCURRENCY,
      retryLimit: config.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: config.WEBHOOK_RETRY_DELAY_SECONDS,
    },
  });

  return {
    config,
    clock,
    ids,
    log,
    database: { kind: database.kind, ping: database.ping, waiting: database.waiting },
    organizations,
    auth,
    idempotency,
    payers,
    providers,
    patients,
    coverages,
    codes,
    claims,
    ledger,
    intake,
    submissions,
    acknowledgments,
    remittances,
    balances,
    payments,
    reports,
    events,
    webhooks,
    webhookDelivery,
  };
}
export type Services = Awaited<ReturnType<typeof createServices>>;

/**
 * Opens the configured database (PostgreSQL, or the embedded one), reporting pool errors to the log, and
 * migrates it. The CLI gets a small pool and no API session limits (a full code-set import outlasts them).
 */
export async function openDatabase(config: Config, log: Logger, options: { cli?: boolean } = {}): Promise<Database> {
  const database = await createDb({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: options.cli ? 2 : config.DATABASE_POOL_MAX,
    ...(options.cli ? {} : { statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS }),
    onPoolError: (err) => log.warn({ failure: describeFailure(err) }, 'database connection lost'),
  });
  try {
    await migrate(database);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** What every process entry (server, worker, CLI) does first: the database, migrated, and the services on the wall clock. */
export async function openServices(config: Config, log: Logger, options: { cli?: boolean } = {}) {
  const database = await openDatabase(config, log, options);
  try {
    const services = await createServices({ database, clock: systemClock, ids: createIds(systemClock), config, log });
    return { services, database };
  } catch (err) {
    await database.close();
    throw err;
  }
}
