import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { send, sendOk } from '../../lib/reply.js';
import { createErrors, problems, readErrors, secured, updateErrors } from '../../lib/route.js';
import { IdempotencyHeaders, IfMatchHeaders, ListQuery } from '../../lib/schemas.js';
import {
  EndpointParams,
  RedeliveryParams,
  WebhookDeliveryAttemptList,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointDeleted,
  WebhookEndpointList,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
  WebhookRedelivery,
  WebhookSecretRotation,
} from './webhooks.schemas.js';
import type { WebhooksService } from './webhooks.service.js';

const tags = ['webhooks'];
const base = '/v1/webhook-endpoints';
const read = secured('webhooks:read');
const write = secured('webhooks:write');

export const webhooksRoutes: FastifyPluginAsyncZod<{ webhooks: WebhooksService }> = async (app, { webhooks }) => {
  app.post(
    base,
    {
      config: { idempotent: true },
      schema: {
        operationId: 'createWebhookEndpoint',
        tags,
        summary: 'Create a webhook endpoint',
        description:
          'Registers a URL for the event types given. The response holds the signing secret, shown this once. ' +
          'Every event after this is POSTed with Standard Webhooks headers (webhook-id = the event id, the same on ' +
          'every retry; webhook-timestamp; webhook-signature) and retried with exponential backoff for about three days.',
        security: write,
        headers: IdempotencyHeaders,
        body: WebhookEndpointCreate,
        response: { 201: WebhookEndpointWithSecret, ...createErrors() },
      },
    },
    async (req, reply) => send(reply, await webhooks.create(req.ctx, req.body)),
  );

  app.get(
    base,
    {
      schema: {
        operationId: 'listWebhookEndpoints',
        tags,
        summary: 'List webhook endpoints',
        description: 'Endpoints ordered by (updatedAt, id); secrets are never listed.',
        security: read,
        querystring: ListQuery,
        response: { 200: WebhookEndpointList, ...problems(400, 401, 403) },
      },
    },
    async (req) => webhooks.list(req.ctx, req.query),
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        operationId: 'retrieveWebhookEndpoint',
        tags,
        summary: 'Retrieve a webhook endpoint',
        description: 'Returns the endpoint (without its secret) and its ETag.',
        security: read,
        params: EndpointParams,
        response: { 200: WebhookEndpoint, ...readErrors() },
      },
    },
    async (req, reply) => sendOk(reply, await webhooks.retrieve(req.ctx, req.params.id)),
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        operationId: 'updateWebhookEndpoint',
        tags,
        summary: 'Update a webhook endpoint',
        description:
          'Changes the fields sent (If-Match required). `enabled: true` re-enables an endpoint the API disabled.',
        security: write,
        params: EndpointParams,
        headers: IfMatchHeaders,
        body: WebhookEndpointUpdate,
        response: { 200: WebhookEndpoint, ...updateErrors() },
      },
    },
    async (req, reply) => send(reply, await webhooks.update(req.ctx, req.params.id, req.headers['if-match'], req.body)),
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        operationId: 'deleteWebhookEndpoint',
        tags,
        summary: 'Delete a webhook endpoint',
        description: 'Stops all deliveries to it and deletes its delivery records.',
        security: write,
        params: EndpointParams,
        response: { 200: WebhookEndpointDeleted, ...readErrors() },
      },
    },
    async (req, reply) => send(reply, await webhooks.remove(req.ctx, req.params.id)),
  );

  app.post(
    `${base}/:id/rotate-secret`,
    {
      config: { idempotent: true },
      schema: {
        operationId: 'rotateWebhookEndpointSecret',
        tags,
        summary: 'Rotate a webhook endpoint’s signing secret',
        description:
          'Makes a new secret, shown this once. For `overlapSeconds` (default a day) every message carries two ' +
          'signatures, one per secret, space-separated in webhook-signature, so the receiver can switch without a gap.',
        security: write,
        params: EndpointParams,
        headers: IdempotencyHeaders,
        body: WebhookSecretRotation,
        response: { 200: WebhookEndpointWithSecret, ...readErrors(), ...problems(409, 422) },
      },
    },
    async (req, reply) => send(reply, await webhooks.rotateSecret(req.ctx, req.params.id, req.body.overlapSeconds)),
  );

  app.get(
    `${base}/:id/deliveries`,
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'List delivery attempts',
        description: 'Every attempt to this endpoint, newest first: status code, latency and error code.',
        security: read,
        params: EndpointParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryAttemptList, ...readErrors() },
      },
    },
    async (req) => webhooks.deliveries(req.ctx, req.params.id, req.query),
  );

  app.post(
    `${base}/:id/deliveries/:eventId/retry`,
    {
      schema: {
        operationId: 'retryWebhookDelivery',
        tags,
        summary: 'Redeliver an event',
        description:
          'Sends the event to this endpoint again, with the same webhook-id (receivers that already processed it ' +
          'drop it), whether or not it was sent before. The worker queues it within about a second.',
        security: write,
        params: RedeliveryParams,
        response: { 202: WebhookRedelivery, ...readErrors(), ...problems(409) },
      },
    },
    async (req, reply) => send(reply, await webhooks.redeliver(req.ctx, req.params.id, req.params.eventId)),
  );
};
