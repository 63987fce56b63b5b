import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { type PageQuery, toPage } from '../../lib/pagination.js';
import { invalidCursor, notFound } from '../../lib/platform.errors.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { newSigningSecret } from './webhook-signing.js';
import { type TargetGuard, TargetRefusedError } from './webhook-targets.js';
import { endpointDisabled, urlRefused } from './webhooks.errors.js';
import {
  type WebhookDeliveryAttemptRow,
  type WebhookEndpointRow,
  webhooksRepository as repo,
} from './webhooks.repository.js';
import type { WebhookEndpoint, WebhookEndpointCreate, WebhookEndpointUpdate } from './webhooks.schemas.js';

export function toWebhookEndpoint(row: WebhookEndpointRow, now: Date): WebhookEndpoint {
  const overlapping = row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    object: 'webhook_endpoint',
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEndpoint['eventTypes'],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: overlapping ? row.previousSecretExpiresAt!.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const toAttempt = ({ attempt: a, eventType }: { attempt: WebhookDeliveryAttemptRow; eventType: string }) => ({
  object: 'webhook_delivery_attempt' as const,
  webhookId: a.eventId,
  eventId: a.eventId,
  eventType: eventType as never,
  attempt: a.attempt,
  trigger: a.trigger,
  succeeded: a.succeeded,
  statusCode: a.statusCode,
  latencyMs: a.latencyMs,
  error: a.error,
  attemptedAt: a.attemptedAt.toISOString(),
});

function decodeSeq(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 1)
    throw invalidCursor('The cursor is not one this API returned.', {
      path: 'cursor',
      code: 'invalid_cursor',
      message: 'Pass the nextCursor of a previous page unchanged.',
    });
  return n;
}

/** Webhook endpoints (CRUD, secret rotation) and what was delivered to them. Sending is the worker's job. */
export function createWebhooksService({
  db,
  clock,
  ids,
  guard,
}: {
  db: Db;
  clock: Clock;
  ids: Ids;
  guard: TargetGuard;
}) {
  const withEtag = (row: WebhookEndpointRow) => ({
    body: toWebhookEndpoint(row, clock.now()),
    headers: { etag: etagOf(row.version) },
  });

  async function checkedUrl(url: string): Promise<string> {
    try {
      return (await guard.check(url)).href;
    } catch (err) {
      if (err instanceof TargetRefusedError) throw urlRefused(err.reason, err.message);
      throw err;
    }
  }

  async function mustFind(ctx: RequestContext, id: string) {
    const row = await repo.find(db, ctx.orgId, id);
    if (!row) throw notFound('webhook endpoint', id);
    return row;
  }

  return {
    async create(ctx: RequestContext, input: WebhookEndpointCreate) {
      const url = await checkedUrl(input.url);
      return writeTx(db, ctx, async (tx) => {
        const secret = newSigningSecret();
        await repo.ensureCursor(tx, ctx.orgId);
        const row = await repo.insert(tx, {
          orgId: ctx.orgId,
          id: ids.next('webhook'),
          url,
          description: input.description,
          eventTypes: input.eventTypes,
          enabled: input.enabled,
          disabledReason: input.enabled ? null : 'manual',
          secret,
        });
        const { body, headers } = withEtag(row);
        return { status: 201, body: { ...body, secret }, headers };
      });
    },

    retrieve: async (ctx: RequestContext, id: string) => withEtag(await mustFind(ctx, id)),

    list: async (ctx: RequestContext, page: PageQuery) =>
      toPage(await repo.list(db, ctx.orgId, page), page.limit, (r) => toWebhookEndpoint(r, clock.now())),

    async update(ctx: RequestContext, id: string, ifMatch: string | undefined, patch: WebhookEndpointUpdate) {
      const expected = expectedVersion(ifMatch);
      const url = patch.url === undefined ? undefined : await checkedUrl(patch.url);
      return writeTx(db, ctx, async (tx) => {
        const enabling =
          patch.enabled === undefined
            ? {}
            : patch.enabled
              ? { enabled: true, disabledReason: null, failingSince: null }
              : { enabled: false, disabledReason: 'manual' as const };
        const result = await repo.updateVersioned(tx, ctx.orgId, id, expected, {
          ...(url === undefined ? {} : { url }),
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.eventTypes === undefined ? {} : { eventTypes: patch.eventTypes }),
          ...enabling,
        });
        if (!result.row) throw result.reason === 'stale' ? preconditionFailed() : notFound('webhook endpoint', id);
        return { status: 200, ...withEtag(result.row) };
      });
    },

    remove: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        if (!(await repo.remove(tx, ctx.orgId, id))) throw notFound('webhook endpoint', id);
        return { status: 200, body: { id, object: 'webhook_endpoint' as const, deleted: true as const } };
      }),

    /** A new secret, shown once; the old one keeps signing beside it for the overlap, so receivers can switch. */
    rotateSecret: (ctx: RequestContext, id: string, overlapSeconds: number) =>
      writeTx(db, ctx, async (tx) => {
        const current = await repo.find(tx, ctx.orgId, id, { forUpdate: true });
        if (!current) throw notFound('webhook endpoint', id);
        const secret = newSigningSecret();
        const until = new Date(clock.now().getTime() + overlapSeconds * 1000);
        const result = await repo.updateVersioned(tx, ctx.orgId, id, null, {
          secret,
          previousSecret: overlapSeconds > 0 ? current.secret : null,
          previousSecretExpiresAt: overlapSeconds > 0 ? until : null,
        });
        const { body, headers } = withEtag(result.row!);
        return { status: 200, body: { ...body, secret }, headers };
      }),

    async deliveries(
      ctx: RequestContext,
      id: string,
      query: { limit: number; cursor?: string | undefined; eventId?: string | undefined },
    ) {
      await mustFind(ctx, id);
      const rows = await repo.attempts(db, ctx.orgId, id, {
        limit: query.limit,
        beforeSeq: query.cursor ? decodeSeq(query.cursor) : undefined,
        eventId: query.eventId,
      });
      const kept = rows.slice(0, query.limit);
      const last = kept[kept.length - 1];
      return {
        object: 'list' as const,
        data: kept.map(toAttempt),
        nextCursor:
          rows.length > query.limit && last ? Buffer.from(String(last.attempt.seq)).toString('base64url') : null,
      };
    },

    /** Sends the event to the endpoint again (same webhook-id); the worker queues it within a second. */
    redeliver: (ctx: RequestContext, id: string, eventId: string) =>
      writeTx(db, ctx, async (tx) => {
        const endpoint = await repo.find(tx, ctx.orgId, id);
        if (!endpoint) throw notFound('webhook endpoint', id);
        if (!endpoint.enabled) throw endpointDisabled(id);
        if (!(await repo.eventExists(tx, ctx.orgId, eventId))) throw notFound('event', eventId, 'eventId');
        await repo.requestRedelivery(tx, ctx.orgId, id, eventId);
        return {
          status: 202,
          body: { object: 'webhook_redelivery' as const, webhookEndpointId: id, eventId, status: 'queued' as const },
        };
      }),
  };
}
export type WebhooksService = ReturnType<typeof createWebhooksService>;
