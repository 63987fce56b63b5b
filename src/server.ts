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

  const seed = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && database.kind === 'pglite');
  const created = seed ? await seedDemo(services) : null;
  if (seed && (await services.codes.loadStarterIfEmpty())) log.info('loaded the starter code set');

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const worker = config.WORKER === 'inline' ? createWorker(services, log) : null;
  worker?.start();

  if (seed) printWelcome(address, database.kind, config.DATA_DIR, created, await devToken(services));

  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) log.error({ failure: describeFailure(err) }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await worker?.stop();
    await app.close();
    await database.close();
  });
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
