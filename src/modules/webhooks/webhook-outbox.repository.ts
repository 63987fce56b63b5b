import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import type { EventType } from '../../domain/events.js';

export interface OutboxEvent {
  id: string;
  type: EventType;
  txId: number;
  seq: number;
  createdAt: Date;
}

export interface DeliveryContext {
  orgId: string;
  endpointId: string;
  eventId: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  deliveryCreatedAt: Date;
  url: string;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  eventType: EventType;
  eventData: Record<string, unknown>;
  eventCreatedAt: Date;
}

export interface AttemptRecord {
  orgId: string;
  endpointId: string;
  eventId: string;
  attempt: number;
  trigger: 'automatic' | 'manual';
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  attemptedAt: Date;
  /** The delivery's status after this attempt. */
  status: 'pending' | 'succeeded' | 'failed';
}

/** One array parameter (drizzle would spread a bare array into a list of parameters). */
const arr = (values: unknown[]) => sql.param(values);

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** The dispatcher's and the delivery worker's SQL: the outbox read in commit-safe order, and the delivery rows. */
export const outboxRepository = {
  /** Organizations whose cursor no other dispatcher holds, each locked for this transaction. */
  lockCursor: async (tx: DbOrTx, orgId: string) =>
    (
      await queryRows<{ tx_id: string; seq: string }>(
        tx,
        sql`select tx_id, seq from webhook_outbox_cursors where org_id = ${orgId} for update skip locked`,
      )
    ).map((r) => ({ txId: Number(r.tx_id), seq: Number(r.seq) }))[0],

  cursorOrgs: async (db: DbOrTx) =>
    (await queryRows<{ org_id: string }>(db, sql`select org_id from webhook_outbox_cursors order by org_id`)).map(
      (r) => r.org_id,
    ),

  /**
   * Events after the cursor, oldest first, only of transactions older than every one still running (snapshot
   * xmin, as the feed reads them): an event that commits later can never land behind the cursor.
   */
  eventsAfter: async (tx: DbOrTx, orgId: string, from: { txId: number; seq: number }, limit: number) =>
    (
      await queryRows<{ id: string; type: EventType; tx_id: string; seq: string; created_at: unknown }>(
        tx,
        sql`select id, type, tx_id, seq, created_at from events
            where org_id = ${orgId}
              and tx_id < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
              and (tx_id, seq) > (${from.txId}, ${from.seq})
            order by tx_id, seq limit ${limit}`,
      )
    ).map((r) => ({
      id: r.id,
      type: r.type,
      txId: Number(r.tx_id),
      seq: Number(r.seq),
      createdAt: toDate(r.created_at),
    })),

  enabledEndpoints: async (tx: DbOrTx, orgId: string) =>
    (
      await queryRows<{ id: string; event_types: string[]; created_at: unknown }>(
        tx,
        sql`select id, event_types, created_at from webhook_endpoints where org_id = ${orgId} and enabled`,
      )
    ).map((r) => ({ id: r.id, eventTypes: r.event_types, createdAt: toDate(r.created_at) })),

  moveCursor: (tx: DbOrTx, orgId: string, to: { txId: number; seq: number }) =>
    tx.execute(
      sql`update webhook_outbox_cursors set tx_id = ${to.txId}, seq = ${to.seq}, updated_at = now() where org_id = ${orgId}`,
    ),

  /** New deliveries; those that already exist are left alone and not returned. */
  insertDeliveries: async (tx: DbOrTx, orgId: string, pairs: { endpointId: string; eventId: string }[]) =>
    pairs.length === 0
      ? []
      : await queryRows<{ endpoint_id: string; event_id: string }>(
          tx,
          sql`insert into webhook_deliveries (org_id, endpoint_id, event_id)
              select ${orgId}, p.endpoint_id, p.event_id
              from unnest(${arr(pairs.map((p) => p.endpointId))}::text[], ${arr(pairs.map((p) => p.eventId))}::text[])
                as p(endpoint_id, event_id)
              on conflict do nothing
              returning endpoint_id, event_id`,
        ),

  /** Redeliveries asked for through the API, taken (and cleared) by one dispatcher. */
  takeRedeliveries: async (tx: DbOrTx, limit: number) =>
    await queryRows<{ org_id: string; endpoint_id: string; event_id: string }>(
      tx,
      sql`with taken as (
            select org_id, endpoint_id, event_id from webhook_deliveries
            where redeliver_requested_at is not null
            order by redeliver_requested_at limit ${limit}
            for update skip locked)
          update webhook_deliveries d set redeliver_requested_at = null, status = 'pending', updated_at = now()
          from taken t
          where d.org_id = t.org_id and d.endpoint_id = t.endpoint_id and d.event_id = t.event_id
          returning d.org_id, d.endpoint_id, d.event_id`,
    ),

  /** Everything one batch of jobs needs to sign and send, in one read. */
  contexts: async (db: DbOrTx, keys: { orgId: string; endpointId: string; eventId: string }[]) =>
    (
      await queryRows<Record<string, unknown>>(
        db,
        sql`select d.org_id, d.endpoint_id, d.event_id, d.status, d.attempts, d.created_at as delivery_created_at,
                   e.url, e.enabled, e.secret, e.previous_secret, e.previous_secret_expires_at,
                   ev.type as event_type, ev.data as event_data, ev.created_at as event_created_at
            from unnest(${arr(keys.map((k) => k.orgId))}::text[], ${arr(keys.map((k) => k.endpointId))}::text[],
                        ${arr(keys.map((k) => k.eventId))}::text[]) as k(org_id, endpoint_id, event_id)
            join webhook_deliveries d using (org_id, endpoint_id, event_id)
            join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id
            join events ev on ev.org_id = d.org_id and ev.id = d.event_id`,
      )
    ).map(
      (r): DeliveryContext => ({
        orgId: r.org_id as string,
        endpointId: r.endpoint_id as string,
        eventId: r.event_id as string,
        status: r.status as DeliveryContext['status'],
        attempts: Number(r.attempts),
        deliveryCreatedAt: toDate(r.delivery_created_at),
        url: r.url as string,
        enabled: r.enabled as boolean,
        secret: r.secret as string,
        previousSecret: (r.previous_secret as string | null) ?? null,
        previousSecretExpiresAt: r.previous_secret_expires_at ? toDate(r.previous_secret_expires_at) : null,
        eventType: r.event_type as EventType,
        eventData: (typeof r.event_data === 'string' ? JSON.parse(r.event_data) : r.event_data) as Record<
          string,
          unknown
        >,
        eventCreatedAt: toDate(r.event_created_at),
      }),
    ),

  /** A batch's attempts, each delivery's new state, and each endpoint's failing streak, in three statements. */
  async recordAttempts(tx: DbOrTx, records: AttemptRecord[]) {
    if (records.length === 0) return;
    const col = <K extends keyof AttemptRecord>(k: K) => records.map((r) => r[k]);
    const at = records.map((r) => r.attemptedAt.toISOString());
    await tx.execute(sql`
      insert into webhook_delivery_attempts
        (org_id, endpoint_id, event_id, attempt, trigger, succeeded, status_code, latency_ms, error, attempted_at)
      select * from unnest(${arr(col('orgId'))}::text[], ${arr(col('endpointId'))}::text[], ${arr(col('eventId'))}::text[],
        ${arr(col('attempt'))}::int[], ${arr(col('trigger'))}::text[], ${arr(col('succeeded'))}::bool[], ${arr(col('statusCode'))}::int[],
        ${arr(col('latencyMs'))}::int[], ${arr(col('error'))}::text[], ${arr(at)}::timestamptz[])`);
    await tx.execute(sql`
      update webhook_deliveries d set status = r.status, attempts = d.attempts + 1, last_attempt_at = r.at,
        updated_at = now()
      from unnest(${arr(col('orgId'))}::text[], ${arr(col('endpointId'))}::text[], ${arr(col('eventId'))}::text[],
        ${arr(col('status'))}::text[], ${arr(at)}::timestamptz[]) as r(org_id, endpoint_id, event_id, status, at)
      where d.org_id = r.org_id and d.endpoint_id = r.endpoint_id and d.event_id = r.event_id`);
    // One success means the endpoint answers: its failing streak ends. Otherwise the streak starts at the first failure.
    await tx.execute(sql`
      update webhook_endpoints e set failing_since = case when r.any_ok then null else coalesce(e.failing_since, r.first_at) end
      from (select org_id, endpoint_id, bool_or(ok) as any_ok, min(at) as first_at
            from unnest(${arr(col('orgId'))}::text[], ${arr(col('endpointId'))}::text[], ${arr(col('succeeded'))}::bool[],
              ${arr(at)}::timestamptz[]) as a(org_id, endpoint_id, ok, at)
            group by org_id, endpoint_id) r
      where e.org_id = r.org_id and e.id = r.endpoint_id
        and (e.failing_since is distinct from case when r.any_ok then null else coalesce(e.failing_since, r.first_at) end)`);
  },

  markFailed: (tx: DbOrTx, key: { orgId: string; endpointId: string; eventId: string }) =>
    tx.execute(sql`update webhook_deliveries set status = 'failed', updated_at = now()
      where org_id = ${key.orgId} and endpoint_id = ${key.endpointId} and event_id = ${key.eventId}`),

  /**
   * Disables an endpoint whose every attempt since this delivery's first one has failed (its failing streak started
   * no later than that): a delivery that used up its retries means about three days without one success.
   */
  disableIfFailingThrough: async (tx: DbOrTx, orgId: string, endpointId: string, eventId: string) =>
    (
      await queryRows<{ id: string; url: string; failing_since: unknown }>(
        tx,
        sql`update webhook_endpoints set enabled = false, disabled_reason = 'failing', version = version + 1,
              updated_at = now()
            where org_id = ${orgId} and id = ${endpointId} and enabled
              and failing_since is not null
              and failing_since <= (select min(attempted_at) from webhook_delivery_attempts
                                    where org_id = ${orgId} and endpoint_id = ${endpointId} and event_id = ${eventId})
            returning id, url, failing_since`,
      )
    ).map((r) => ({ id: r.id, url: r.url, failingSince: toDate(r.failing_since) }))[0],
};
