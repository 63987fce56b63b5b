import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './lib/clock.js';
import type { Ids } from './lib/ids.js';
import type { Logger } from './lib/logger.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createTokenVerifier } from './modules/auth/token-verifier.js';
import { createClaimsService } from './modules/claims/claims.service.js';
import { createCodeCoverageCache } from './modules/codes/code-coverage.js';
import { createCodesService } from './modules/codes/codes.service.js';
import { createCoveragesService } from './modules/coverages/coverages.service.js';
import { createEventsService } from './modules/events/events.service.js';
import { createIdempotencyService } from './modules/idempotency/idempotency.service.js';
import { createIntakeService } from './modules/intake/intake.service.js';
import { createOrganizationsService } from './modules/organizations/organizations.service.js';
import { createPatientsService } from './modules/patients/patients.service.js';
import { createPayersService } from './modules/payers/payers.service.js';
import { createProvidersService } from './modules/providers/providers.service.js';

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
  const idempotency = createIdempotencyService({ db, ttlHours: config.IDEMPOTENCY_TTL_HOURS });
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
  const claims = createClaimsService({
    db,
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

  return {
    config,
    clock,
    ids,
    log,
    database: { kind: database.kind, ping: database.ping },
    organizations,
    auth,
    idempotency,
    payers,
    providers,
    patients,
    coverages,
    codes,
    claims,
    intake,
    events,
  };
}
export type Services = Awaited<ReturnType<typeof createServices>>;
