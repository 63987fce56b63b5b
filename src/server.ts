import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, type Config, loadConfig } from './config.js';
import { DEMO_ORG_ID, seedDemo } from './seed-demo.js';
import { createLogger } from './lib/logger.js';
import { ALL_SCOPES } from './lib/scopes.js';
import { describeFailure } from './lib/failure.js';
import { openServices, type Services } from './services.js';
import { createWorker } from './worker.js';

async function main(config: Config) {
  const log = createLogger(config.LOG_LEVEL);
  const { services, database } = await openServices(config, log);
  const app = await buildApp(services);

  // The demo organization, its client secret and a dev token: on the embedded database outside production, or when
  // asked for (SEED_DEMO=true). A production server never prints a secret unless told to.
  const seed =
    config.SEED_DEMO === 'true' ||
    (config.SEED_DEMO === 'auto' && database.kind === 'pglite' && config.NODE_ENV !== 'production');
  const created = seed ? await seedDemo(services) : null;
  if (seed && (await services.codes.loadStarterIfEmpty())) log.info('loaded the starter code set');

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const worker = config.WORKER === 'inline' ? createWorker(services, log) : null;
  worker?.start();

  if (seed) printWelcome(address, database.kind, config.DATA_DIR, created, await devToken(services));

  const shutdown = closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT_MS,
      skip: STOP_SIGNALS,
      logger: { error: (m: unknown) => logShutdownFailure(log, m) },
    },
    async ({ err }) => {
      if (err) log.error({ failure: describeFailure(err) }, 'shutting down after an error');
      // Draining: the worker takes no new turns; the server stops listening, answers 503 to requests that
      // still arrive on open connections, and waits for the running ones; then the database closes.
      await Promise.all([worker?.stop(), app.close()]);
      await database.close();
      log.info('stopped');
    },
  );
  onStopSignal(log, () => void shutdown.close());
}

/** Graceful stops; close-with-grace keeps the rest (SIGHUP, SIGQUIT, …, uncaught errors). */
const STOP_SIGNALS: ('SIGTERM' | 'SIGINT')[] = ['SIGTERM', 'SIGINT'];
/** A stop signal repeated within this window is the same stop, delivered twice. */
const REPEAT_WINDOW_MS = 2_000;

/**
 * Runs `stop` on the first SIGTERM or SIGINT. Ctrl-C in a terminal signals the whole process group, so under
 * `npm start` this process gets SIGINT from the terminal and again from npm, which forwards it; systemd and
 * `kill -TERM -<group>` do the same with SIGTERM. A repeat within REPEAT_WINDOW_MS is that same stop; a later
 * one is an operator insisting, and the process exits at once (code 1).
 */
function onStopSignal(log: ReturnType<typeof createLogger>, stop: () => void) {
  let first = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      const now = performance.now();
      if (first === 0) {
        first = now;
        log.info({ signal }, 'shutting down');
        stop();
      } else if (now - first > REPEAT_WINDOW_MS) {
        log.error({ signal }, 'second stop signal: exiting now');
        process.exit(1);
      }
    });
  }
}

/** close-with-grace's own complaints (a timeout, a failing close): an error's class and codes only, as everywhere. */
function logShutdownFailure(log: ReturnType<typeof createLogger>, message: unknown) {
  if (message instanceof Error) log.error({ failure: describeFailure(message) }, 'shutdown failed');
  else log.error(String(message));
}

async function devToken(services: Services) {
  const { token } = await services.auth.signToken({
    orgId: DEMO_ORG_ID,
    subject: 'dev-console',
    scopes: ALL_SCOPES,
    ttlSeconds: 86_400,
  });
  return token;
}

function printWelcome(
  address: string,
  kind: string,
  dataDir: string,
  created: { clientId: string; clientSecret: string } | null,
  token: string,
) {
  const lines = [
    '',
    `Claims API listening on ${address} (database: ${kind}${kind === 'pglite' ? `, stored in ${dataDir}/` : ''})`,
    `  API reference:  ${address}/docs    OpenAPI: ${address}/openapi.json`,
    '',
    created
      ? [
          'Demo organization created. Its API client (shown this once; only a hash is stored):',
          `  CLIENT_ID=${created.clientId}`,
          `  CLIENT_SECRET=${created.clientSecret}`,
          `  curl -s ${address}/v1/oauth/token -d grant_type=client_credentials -d client_id=$CLIENT_ID -d client_secret=$CLIENT_SECRET`,
        ].join('\n')
      : 'Demo organization already exists (client secret was shown on first start). Create another with `npm run client:create`.',
    '',
    'Development token for the demo organization (all scopes, valid 24 h):',
    `  export TOKEN=${token}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  await main(loadConfig(process.env));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
