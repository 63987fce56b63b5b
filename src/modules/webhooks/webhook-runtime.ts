import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { describeFailure } from '../../lib/failure.js';
import type { Logger } from '../../lib/logger.js';
import { createWebhookDeliverer } from './webhook-deliverer.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';
import { DELIVERY_QUEUE, type DeliveryJob, openQueue } from './webhook-queue.js';
import { createWebhookSender, type WebhookSender } from './webhook-sender.js';
import type { TargetGuard } from './webhook-targets.js';

/** Jobs one pg-boss worker takes per fetch; the workers together hold WEBHOOK_CONCURRENCY deliveries in flight. */
const BATCH_SIZE = 16;

export interface WebhookRuntimeSettings {
  timeoutMs: number;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** pg-boss maintenance (expiring the jobs of a dead worker); tests shorten it. */
  maintenanceIntervalSeconds?: number;
}

/** How often the outbox is read; a pass that finds work wakes the delivery workers at once. */
const DISPATCH_EVERY_MS = 1_000;

/** How long an idle delivery loop waits before fetching again (a dispatch that queued work wakes it sooner). */
const IDLE_MS = 500;

interface Running {
  boss: PgBoss;
  sender: WebhookSender;
  dispatcher: WebhookDispatcher;
  /** The delivery loops, each fetching a batch, delivering it, and fetching again until stopping. */
  loops: Promise<void>[];
  stopping: boolean;
  /** Idle loops waiting for work: resolving one wakes it. */
  waiting: Set<() => void>;
  timer: NodeJS.Timeout;
  /** The pass under way, if any: passes never overlap. */
  pass: Promise<unknown> | null;
}

/**
 * Webhook delivery in a worker process: pg-boss over our own database connection, its delivery workers, and the
 * outbox dispatcher that queues jobs. The API process never starts it (WORKER=off); `npm start` runs it inline.
 */
export function createWebhookRuntime(deps: {
  database: Database;
  clock: Clock;
  log: Logger;
  guard: TargetGuard;
  settings: WebhookRuntimeSettings;
}) {
  const { database, clock, log, guard, settings } = deps;
  let running: Running | null = null;

  async function start(): Promise<void> {
    if (running) return;
    // A job a dead worker left active is retried once it expires. Generous (twice the timeout, plus half a minute for
    // recording on a busy database): a live worker's job that outlived it would be handed out a second time.
    const expireInSeconds = 2 * Math.ceil(settings.timeoutMs / 1000) + 30;
    const boss = await openQueue(database, {
      retryLimit: settings.retryLimit,
      retryDelaySeconds: settings.retryDelaySeconds,
      expireInSeconds,
      // pg-boss expires abandoned jobs in its maintenance pass: run it about as often as a job can expire.
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds ?? Math.min(60, expireInSeconds),
    });
    boss.on('error', (err) => log.warn({ failure: describeFailure(err) }, 'webhook queue error'));
    const sender = createWebhookSender({ guard, timeoutMs: settings.timeoutMs, maxSockets: settings.concurrency });
    const deliver = createWebhookDeliverer({ db: database.db, boss, sender, clock });
    const state: Running = {
      boss,
      sender,
      dispatcher: createWebhookDispatcher({ db: database.db, boss }),
      loops: [],
      stopping: false,
      waiting: new Set(),
      pass: null,
      timer: setInterval(() => {
        if (state.pass) return;
        state.pass = dispatch()
          .catch((err) => log.error({ failure: describeFailure(err) }, 'webhook dispatch failed'))
          .finally(() => {
            state.pass = null;
          });
      }, DISPATCH_EVERY_MS),
    };
    state.timer.unref();
    // Our own fetch loops rather than boss.work(): the deliverer completes or fails its jobs in the transaction that
    // records the attempts, and pg-boss's worker would complete them again without awaiting it — a rejection there
    // (a database blip) would be unhandled and stop the process.
    const loops = Math.max(1, Math.ceil(settings.concurrency / BATCH_SIZE));
    for (let i = 0; i < loops; i++) state.loops.push(deliveryLoop(state, deliver));
    running = state;
  }

  const idle = (state: Running) =>
    new Promise<void>((wake) => {
      const done = () => {
        clearTimeout(timer);
        state.waiting.delete(done);
        wake();
      };
      const timer = setTimeout(done, IDLE_MS);
      state.waiting.add(done);
    });

  async function deliveryLoop(state: Running, deliver: ReturnType<typeof createWebhookDeliverer>) {
    while (!state.stopping) {
      let jobs: PgBoss.JobWithMetadata<DeliveryJob>[] = [];
      try {
        jobs =
          (await state.boss.fetch<DeliveryJob>(DELIVERY_QUEUE, { batchSize: BATCH_SIZE, includeMetadata: true })) ?? [];
      } catch (err) {
        log.warn({ failure: describeFailure(err) }, 'webhook fetch failed');
      }
      if (jobs.length === 0) {
        await idle(state);
        continue;
      }
      try {
        await deliver(jobs);
      } catch (err) {
        // Nothing of the batch was recorded: its jobs expire and pg-boss hands them out again.
        log.error({ failure: describeFailure(err) }, 'webhook delivery failed');
      }
    }
  }

  const wakeAll = (state: Running) => {
    for (const wake of [...state.waiting]) wake();
  };

  /** One outbox pass; wakes the delivery workers when it queued anything. Null until started. */
  async function dispatch() {
    const current = running;
    if (!current) return null;
    const result = await current.dispatcher.dispatch();
    if (result.queued) wakeAll(current);
    return result;
  }

  return {
    start,
    started: () => running !== null,
    dispatch,
    /** Lets deliveries in flight finish (up to the timeout), then stops; our connection stays open. */
    async stop() {
      const current = running;
      running = null;
      if (!current) return;
      clearInterval(current.timer);
      await current.pass;
      current.stopping = true;
      wakeAll(current);
      await Promise.all(current.loops);
      await current.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      current.sender.close();
    },
  };
}
export type WebhookRuntime = ReturnType<typeof createWebhookRuntime>;
