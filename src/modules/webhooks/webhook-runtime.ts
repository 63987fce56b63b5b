import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { describeFailure } from '../../lib/failure.js';
import type { Ids } from '../../lib/ids.js';
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

interface Running {
  boss: PgBoss;
  sender: WebhookSender;
  dispatcher: WebhookDispatcher;
  workerIds: string[];
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
  ids: Ids;
  log: Logger;
  guard: TargetGuard;
  settings: WebhookRuntimeSettings;
}) {
  const { database, clock, ids, log, guard, settings } = deps;
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
    const deliver = createWebhookDeliverer({ db: database.db, boss, sender, clock, ids });
    const workerIds: string[] = [];
    const workers = Math.max(1, Math.ceil(settings.concurrency / BATCH_SIZE));
    for (let i = 0; i < workers; i++) {
      const id: string = await boss.work<DeliveryJob>(
        DELIVERY_QUEUE,
        { batchSize: BATCH_SIZE, includeMetadata: true, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          await deliver(jobs);
          // A full batch means more are waiting: fetch again now instead of after the polling interval.
          if (jobs.length === BATCH_SIZE) boss.notifyWorker(id);
        },
      );
      workerIds.push(id);
    }
    const state: Running = {
      boss,
      sender,
      dispatcher: createWebhookDispatcher({ db: database.db, boss }),
      workerIds,
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
    running = state;
  }

  /** One outbox pass; wakes the delivery workers when it queued anything. Null until started. */
  async function dispatch() {
    const current = running;
    if (!current) return null;
    const result = await current.dispatcher.dispatch();
    if (result.queued) for (const id of current.workerIds) current.boss.notifyWorker(id);
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
      await current.boss.stop({ graceful: true, wait: true, timeout: settings.timeoutMs + 5_000 });
      current.sender.close();
    },
  };
}
export type WebhookRuntime = ReturnType<typeof createWebhookRuntime>;
