import { z } from 'zod';
import { EVENT_TYPES } from '../../domain/events.js';
import { IsoDateTime, Metadata, text } from '../../lib/schemas.js';
import { EventType } from '../events/events.schemas.js';

const EventTypeOrAll = z.union([z.literal('*'), EventType]);

const fields = {
  url: text()
    .min(1)
    .max(2048)
    .meta({
      description:
        'Where events are POSTed. https (plain http only to hosts the operator allows); never a private, loopback, ' +
        'link-local or metadata address unless the operator allows it.',
      example: 'https://pm.example.com/webhooks/claims',
    }),
  description: text({ multiline: true }).max(500).nullable().meta({ example: 'Practice-management sync' }),
  eventTypes: z
    .array(EventTypeOrAll)
    .min(1)
    .max(EVENT_TYPES.length + 1)
    .meta({
      description: 'Event types sent to this endpoint; `["*"]` sends every type.',
      example: ['claim.status_changed'],
    }),
  enabled: z.boolean().meta({
    description:
      'Whether events are sent. Turned off by the API after a delivery failed through all its retries (about three ' +
      'days); set true again to resume (events meanwhile are not sent: redeliver them by id or read the feed).',
  }),
};

export const WebhookEndpointCreate = z
  .object({ ...fields, description: fields.description.default(null), enabled: fields.enabled.default(true) })
  .strict()
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreate>;

export const WebhookEndpointUpdate = z.object(fields).partial().strict().meta({ id: 'WebhookEndpointUpdate' });
export type WebhookEndpointUpdate = z.infer<typeof WebhookEndpointUpdate>;

export const WebhookEndpoint = z
  .object({
    id: z.string().meta({ example: 'whk_01jd0example0000000000000' }),
    object: z.literal('webhook_endpoint'),
    ...fields,
    disabledReason: z
      .enum(['manual', 'failing'])
      .nullable()
      .meta({ description: '`manual`: set through the API; `failing`: every retry of a delivery failed.' }),
    failingSince: IsoDateTime.nullable().meta({ description: 'First failed attempt since the last success.' }),
    previousSecretExpiresAt: IsoDateTime.nullable().meta({
      description: 'During a secret rotation, until when the previous secret still signs (beside the new one).',
    }),
    ...Metadata,
  })
  .meta({
    id: 'WebhookEndpoint',
    description: 'Where the organization’s events are sent, signed (Standard Webhooks).',
  });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().meta({
    description:
      'The signing secret (`whsec_` + base64), shown only in this response. Verify `webhook-signature` with it ' +
      '(HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, base64, after `v1,`).',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).meta({ id: 'WebhookEndpointWithSecret' });

export const WebhookEndpointList = z
  .object({ object: z.literal('list'), data: z.array(WebhookEndpoint), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookEndpointList' });

export const WebhookEndpointDeleted = z
  .object({
    id: z.string().meta({ example: 'whk_01jd0example0000000000000' }),
    object: z.literal('webhook_endpoint'),
    deleted: z.literal(true),
  })
  .meta({ id: 'WebhookEndpointDeleted' });

export const WebhookSecretRotation = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .meta({
        description: 'How long the old secret keeps signing beside the new one (0 retires it now).',
        example: 86400,
      }),
  })
  .strict()
  .meta({ id: 'WebhookSecretRotation' });

export const WebhookDeliveryAttempt = z
  .object({
    object: z.literal('webhook_delivery_attempt'),
    webhookId: z.string().meta({ description: 'The `webhook-id` header: the event id, the same on every attempt.' }),
    eventId: z.string(),
    eventType: EventType,
    attempt: z.number().int().meta({ description: '1 for the first attempt of this delivery.' }),
    trigger: z.enum(['automatic', 'manual']),
    succeeded: z.boolean(),
    statusCode: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status; null when none came.' }),
    latencyMs: z.number().int(),
    error: z
      .string()
      .nullable()
      .meta({ description: '`http_status`, `timeout`, `connection_failed`, `dns_failed` or `target_refused`.' }),
    attemptedAt: IsoDateTime,
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const WebhookDeliveryAttemptList = z
  .object({ object: z.literal('list'), data: z.array(WebhookDeliveryAttempt), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryAttemptList' });

export const WebhookDeliveryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).optional().meta({ description: 'The `nextCursor` of the previous page (newest first).' }),
  eventId: z
    .string()
    .regex(/^evt_[0-9a-z]{10,40}$/)
    .optional()
    .meta({ description: 'Only the attempts of this event.' }),
});

export const WebhookRedelivery = z
  .object({
    object: z.literal('webhook_redelivery'),
    webhookEndpointId: z.string(),
    eventId: z.string(),
    status: z.literal('queued'),
  })
  .meta({ id: 'WebhookRedelivery', description: 'The event will be sent again, with the same webhook-id.' });

export const EndpointParams = z.object({
  id: z
    .string()
    .regex(/^whk_[0-9a-z]{10,40}$/, 'a whk_ id')
    .meta({ example: 'whk_01jd0example0000000000000' }),
});
export const RedeliveryParams = EndpointParams.extend({
  eventId: z
    .string()
    .regex(/^evt_[0-9a-z]{10,40}$/, 'an evt_ id')
    .meta({ example: 'evt_01jd0example0000000000000' }),
});
