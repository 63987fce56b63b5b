import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { RemittanceSource } from '../../src/modules/remittances/remittances.service.js';
import { benchApp } from './bench-services.js';

/**
 * Child process of the `memory` section: posts one 835 file through the remittance service, streamed from disk as
 * `npm run remittances:import` does, and prints its peak resident memory beside the baseline before posting.
 * argv: <database url> <file>.
 */
const [url, file] = process.argv.slice(2) as [string, string];
const database = await createDb({ databaseUrl: url, dataDir: 'unused', poolMax: 2 });
await migrate(database);
const { services } = await benchApp(database, { DATABASE_URL: url });
const org = await services.organizations.create({ name: 'Bench memory' });
const ctx = {
  orgId: org.id,
  timeZone: 'America/New_York',
  actor: 'bench',
  requestId: `bench_${randomUUID()}`,
  idempotency: null,
};
const source: RemittanceSource = {
  chunks: () => createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
};
globalThis.gc?.();
const baselineMb = process.memoryUsage().rss / 2 ** 20;
let peakMb = baselineMb;
const timer = setInterval(() => {
  peakMb = Math.max(peakMb, process.memoryUsage().rss / 2 ** 20);
}, 20);
const started = performance.now();
const outcome = await services.remittances.post(ctx, source);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peakMb = Math.max(peakMb, process.resourceUsage().maxRSS / 1024);
const claims = outcome.body.data.reduce((n, r) => n + r.claimCount, 0);
process.stdout.write(
  `${JSON.stringify({ fileMb: statSync(file).size / 2 ** 20, baselineMb, peakMb, seconds, claims, status: outcome.status })}\n`,
);
await database.close();
