import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Database, DbOrTx } from '../../db/client.js';

/** pg-boss queue of webhook deliveries; one job per (endpoint, event), retried by pg-boss with backoff. */
export const DELIVERY_QUEUE = 'webhook-delivery';

export interface DeliveryJob {
  orgId: string;
  endpointId: string;
  eventId: string;
  trigger: 'automatic' | 'manual';
}

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * pg-boss runs its SQL through our own connection (its `db` adapter), so the embedded PGlite and PostgreSQL take
 * the same path: a node-postgres pool answers both forms; PGlite runs parameterless text, which pg-boss sends for
 * its multi-statement schema and maintenance commands, through `exec`.
 */
export function queueExecutor(database: Database): Executor {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'postgres') {
    const pool = client as pg.Pool;
    return { executeSql: (text, values) => pool.query(text, values as unknown[]) };
  }
  const lite = client as PGlite;
  return {
    executeSql: async (text, values) =>
      values?.length ? lite.query(text, values as unknown[]) : ((await lite.exec(text)).at(-1) ?? { rows: [] }),
  };
}

/** pg-boss SQL (`$1`…) inside one of our drizzle transactions, so jobs commit or roll back with our rows. */
export function txExecutor(tx: DbOrTx): Executor {
  return {
    executeSql: async (text, values = []) => {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) =>
        i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`,
      );
      return (await tx.execute(sql.join(chunks))) as unknown as { rows: unknown[] };
    },
  };
}

/**
 * The automatic job of one delivery has an id derived from what it delivers: if it were ever queued twice, the
 * second insert is a no-op (pg-boss inserts `on conflict do nothing`).
 */
export function deliveryJobId(job: Pick<DeliveryJob, 'orgId' | 'endpointId' | 'eventId'>): string {
  const h = createHash('sha256').update(`${job.orgId}|${job.endpointId}|${job.eventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface QueueOptions {
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long a job may stay active before pg-boss takes it as abandoned (its worker died) and retries it. */
  expireInSeconds: number;
  maintenanceIntervalSeconds?: number;
}

export async function openQueue(database: Database, options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db: queueExecutor(database) as never,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  await boss.start();
  const settings: Omit<PgBoss.Queue, 'name'> = {
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    // pg-boss backoff: delay × 2^n × (1 + random()), exponential with jitter.
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds,
  };
  if (await boss.getQueue(DELIVERY_QUEUE))
    await boss.updateQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...settings });
  else {
    try {
      await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...settings });
    } catch (err) {
      // Another worker created it meanwhile.
      if (!(await boss.getQueue(DELIVERY_QUEUE))) throw err;
    }
  }
  return boss;
}

/** Queues delivery jobs inside the caller's transaction. */
export async function enqueueDeliveries(boss: PgBoss, tx: DbOrTx, jobs: DeliveryJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    jobs.map((data) => ({
      name: DELIVERY_QUEUE,
      data,
      ...(data.trigger === 'automatic' ? { id: deliveryJobId(data) } : {}),
    })),
    { db: txExecutor(tx) } as never,
  );
}
