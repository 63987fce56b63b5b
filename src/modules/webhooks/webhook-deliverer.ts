import type PgBoss from 'pg-boss';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { emitEvent } from '../events/events.service.js';
import { type AttemptRecord, type DeliveryContext, outboxRepository as outbox } from './webhook-outbox.repository.js';
import { DELIVERY_QUEUE, type DeliveryJob, txExecutor } from './webhook-queue.js';
import type { SendResult, WebhookSender } from './webhook-sender.js';
import { signingSecrets, webhookHeaders } from './webhook-signing.js';

type Job = PgBoss.JobWithMetadata<DeliveryJob>;
const keyOf = (k: { orgId: string; endpointId: string; eventId: string }) => `${k.orgId}|${k.endpointId}|${k.eventId}`;

/** The body every attempt of one delivery sends: the event as the feed shows it (Standard Webhooks type/timestamp/data). */
export function webhookBody(ctx: DeliveryContext): string {
  const createdAt = ctx.eventCreatedAt.toISOString();
  return JSON.stringify({
    id: ctx.eventId,
    object: 'event',
    type: ctx.eventType,
    timestamp: createdAt,
    createdAt,
    data: ctx.eventData,
  });
}

/**
 * Delivers one batch of pg-boss jobs. Each job signs and POSTs its event with the event id as `webhook-id`, the
 * same on every attempt, so a receiver can drop a repeat. The attempts, the deliveries' states and the jobs'
 * completion (or pg-boss retry, with exponential backoff and jitter) commit in one transaction: a worker that dies
 * before it leaves the job active, and pg-boss hands it out again once it expires (the receiver then sees the same
 * webhook-id twice at most). A delivery that used up its retries disables an endpoint that failed all along.
 */
export function createWebhookDeliverer({
  db,
  boss,
  sender,
  clock,
}: {
  db: Db;
  boss: PgBoss;
  sender: WebhookSender;
  clock: Clock;
}) {
  async function attempt(job: Job, ctx: DeliveryContext): Promise<{ record: AttemptRecord; final: boolean }> {
    const at = clock.now();
    const body = webhookBody(ctx);
    const headers = webhookHeaders(signingSecrets(ctx, at), ctx.eventId, at, body);
    let result: SendResult;
    try {
      result = await sender.post(new URL(ctx.url), headers, body);
    } catch {
      result = { ok: false, statusCode: null, latencyMs: 0, error: 'connection_failed' };
    }
    const final = !result.ok && job.retryCount >= job.retryLimit;
    return {
      final,
      record: {
        orgId: ctx.orgId,
        endpointId: ctx.endpointId,
        eventId: ctx.eventId,
        attempt: ctx.attempts + 1,
        trigger: job.data.trigger,
        succeeded: result.ok,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
        attemptedAt: at,
        status: result.ok ? 'succeeded' : final ? 'failed' : 'pending',
      },
    };
  }

  /** What became of one job; written with the others that finished meanwhile (see `recorder`). */
  type Outcome =
    | { job: Job; kind: 'skip' | 'disabled' }
    | { job: Job; kind: 'attempt'; record: AttemptRecord; final: boolean };

  async function record(outcomes: Outcome[]) {
    const attempts = outcomes.filter((o) => o.kind === 'attempt');
    const retry = attempts.filter((o) => !o.record.succeeded && !o.final);
    const finished = outcomes.filter((o) => !retry.includes(o as never)).map((o) => o.job.id);
    await db.transaction(async (tx) => {
      const q = { db: txExecutor(tx) };
      await outbox.recordAttempts(
        tx,
        attempts.map((a) => a.record),
      );
      for (const o of outcomes) if (o.kind === 'disabled') await outbox.markFailed(tx, o.job.data);
      for (const a of attempts) if (a.final) await disableIfFailing(tx, a.record);
      // (pg-boss takes the connection option after the output argument.)
      if (finished.length) await boss.complete(DELIVERY_QUEUE, finished as unknown as string, {}, q);
      if (retry.length) {
        const output = { error: [...new Set(retry.map((r) => r.record.error ?? 'failed'))].join(',') };
        await boss.fail(DELIVERY_QUEUE, retry.map((r) => r.job.id) as unknown as string, output, q);
      }
    });
  }

  /**
   * Group commit: each job's outcome is written as soon as it is known, together with every other outcome that
   * came in while the previous write ran. A slow receiver in a batch so never holds back the record of the fast
   * ones (were the worker to die then, only the unrecorded ones would be sent again).
   */
  const pending: { outcome: Outcome; done: () => void; failed: (e: unknown) => void }[] = [];
  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length) {
        const taken = pending.splice(0);
        try {
          await record(taken.map((p) => p.outcome));
          for (const p of taken) p.done();
        } catch (err) {
          for (const p of taken) p.failed(err);
        }
      }
    } finally {
      flushing = false;
    }
  }
  const recorded = (outcome: Outcome) =>
    new Promise<void>((done, failed) => {
      pending.push({ outcome, done, failed });
      void flush();
    });

  return async function deliver(jobs: Job[]): Promise<void> {
    const contexts = new Map(
      (
        await outbox.contexts(
          db,
          jobs.map((j) => j.data),
        )
      ).map((c) => [keyOf(c), c]),
    );
    await Promise.all(
      jobs.map(async (job) => {
        const ctx = contexts.get(keyOf(job.data));
        // Gone (endpoint deleted), or already delivered by an earlier run of this job: nothing to send.
        if (!ctx || (ctx.status === 'succeeded' && job.data.trigger === 'automatic'))
          return recorded({ job, kind: 'skip' });
        if (!ctx.enabled) return recorded({ job, kind: 'disabled' });
        const { record: attempted, final } = await attempt(job, ctx);
        return recorded({ job, kind: 'attempt', record: attempted, final });
      }),
    );
  };

  async function disableIfFailing(tx: Tx, record: AttemptRecord) {
    const endpoint = await outbox.disableIfFailingThrough(tx, record.orgId, record.endpointId, record.eventId);
    if (!endpoint) return;
    await emitEvent(tx, record.orgId, {
      type: 'webhook_endpoint.disabled',
      data: {
        webhookEndpointId: endpoint.id,
        reason: 'failing',
        failingSince: endpoint.failingSince.toISOString(),
        lastEventId: record.eventId,
      },
    });
  }
}
export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;
