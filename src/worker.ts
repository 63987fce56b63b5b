import { pathToFileURL } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { describeFailure } from './lib/failure.js';
import { createLogger, type Logger } from './lib/logger.js';
import { openServices, type Services } from './services.js';

/** A recurring background job: what it does, how often. */
interface Job {
  name: string;
  everyMs: number;
  run(): Promise<Record<string, unknown> | undefined>;
}

const HOUR = 3_600_000;

function jobsOf(services: Services): Job[] {
  return [
    {
      name: 'purge-idempotency-keys',
      everyMs: HOUR,
      run: async () => ({ purged: await services.idempotency.purgeExpired() }),
    },
  ];
}

/**
 * Background jobs over the same services as the API: the idempotency-key purge, and webhook delivery (the outbox
 * pass and pg-boss workers; ERA polling will join them). `npm run worker` runs it on its own; `npm start` runs it
 * in the API process unless WORKER=off. A job's failure is logged (its error's class and codes, never a message that could hold PHI) and
 * the job runs again at its next turn; one job never overlaps itself.
 */
export function createWorker(services: Services, log: Logger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let starting: Promise<void> = Promise.resolve();

  async function runOnce(job: Job) {
    const started = services.clock.now().getTime();
    try {
      const result = await job.run();
      log.info({ job: job.name, ms: services.clock.now().getTime() - started, ...result }, 'job done');
    } catch (err) {
      log.error({ job: job.name, failure: describeFailure(err) }, 'job failed');
    }
  }

  function schedule(job: Job) {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const turn = runOnce(job).finally(() => {
        busy = false;
        running.delete(turn);
      });
      running.add(turn);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
    tick();
  }

  return {
    jobs: () => jobsOf(services).map((j) => j.name),
    start() {
      // Webhook delivery: the outbox pass every second and pg-boss workers, over the same database.
      starting = services.webhookDelivery
        .start()
        .catch((err) => log.error({ failure: describeFailure(err) }, 'webhook delivery did not start'));
      for (const job of jobsOf(services)) schedule(job);
      log.info({ jobs: jobsOf(services).map((j) => j.name) }, 'worker started');
    },
    /** Stops taking turns and waits for the ones running. */
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(running);
      await starting;
      await services.webhookDelivery.stop();
    },
    /** Runs every job once, now (tests, and operators with `npm run worker -- --once`). */
    async runAll() {
      for (const job of jobsOf(services)) await runOnce(job);
    },
  };
}
export type Worker = ReturnType<typeof createWorker>;

async function main() {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const { services, database } = await openServices(config, log);
  const worker = createWorker(services, log);
  if (process.argv.includes('--once')) {
    await worker.runAll();
    await database.close();
    return;
  }
  worker.start();
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) log.error({ failure: describeFailure(err) }, 'worker stopping after an error');
    else log.info({ signal }, 'worker stopping');
    await worker.stop();
    await database.close();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
