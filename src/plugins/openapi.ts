import swagger, { type SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { EVENT_TYPES, eventSchemaId } from '../domain/events.js';
import type { ErrorSpec } from '../lib/problem.js';
import { SCOPES } from '../lib/scopes.js';
import { applyContract, type Doc, type RouteFacts } from './openapi-contract.js';
import { pruneComponents } from './openapi-prune.js';

export const API_VERSION = '1.0.0';

/**
 * The reference page's own policy: everything from this origin, nothing inline but Swagger UI's styles. No
 * `upgrade-insecure-requests`: behind plain HTTP on any host name but localhost it made the browser fetch the
 * scripts over https, which nothing answers, and the page stayed blank.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

/** The document's `webhooks` as @fastify/swagger types it (OpenAPI 3.1 path items). */
type OpenApiWebhooks = NonNullable<
  Extract<NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']>, { webhooks?: unknown }>['webhooks']
>;

const WEBHOOK_HEADERS = [
  ['webhook-id', 'The event id: the same on every retry of this event (dedupe on it).'],
  ['webhook-timestamp', 'Unix seconds when this attempt was signed (refuse ones far from now).'],
  ['webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per active secret.'],
] as const;

/**
 * The `webhooks` section: what an endpoint subscribed to each event type receives, a POST of the event as the feed
 * returns it (its schema is that type's `…Event`), signed as Standard Webhooks defines. Any 2xx acknowledges it.
 */
/**
 * What a receiver gets: the event as the feed shows it (its schema, `eventSchemaId`), plus `timestamp`, the
 * Standard Webhooks name for the same instant as `createdAt`.
 */
/** A schema object as the document's types take it. */
type BodySchema = { $ref: string };

function webhookBodySchema(type: (typeof EVENT_TYPES)[number]): BodySchema {
  const id = eventSchemaId(type);
  const instant = { type: 'string', format: 'date-time', example: '2026-03-14T15:09:26.535Z' };
  return {
    type: 'object',
    description: `The \`${type}\` event as the feed shows it (\`${id}\`), with \`timestamp\` (Standard Webhooks) equal to \`createdAt\`.`,
    properties: {
      id: { type: 'string', example: 'evt_00000000000003e800000000000004d2' },
      object: { type: 'string', const: 'event' },
      type: { type: 'string', const: type },
      timestamp: instant,
      createdAt: instant,
      data: { $ref: `#/components/schemas/${id.slice(0, -'Event'.length)}Data` },
    },
    required: ['id', 'object', 'type', 'timestamp', 'createdAt', 'data'],
    additionalProperties: false,
    // (@fastify/swagger's path-item types accept a reference or its own schema type, not a plain JSON Schema.)
  } as unknown as BodySchema;
}

function eventWebhooks(): OpenApiWebhooks {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `on${eventSchemaId(type)}`,
          tags: ['webhooks'],
          summary: `${type}`,
          // We call the receiver: it authenticates us by the signature headers, not by a token.
          security: [],
          description: `Sent to each enabled endpoint subscribed to \`${type}\` (or \`*\`).`,
          parameters: WEBHOOK_HEADERS.map(([name, description]) => ({
            in: 'header' as const,
            name,
            required: true,
            description,
            schema: { type: 'string' },
          })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: webhookBodySchema(type) } },
          },
          responses: {
            '2XX': { description: 'Received: the event is not sent again (any other answer is retried).' },
          },
        },
      },
    ]),
  );
}

/** OpenAPI 3.1 from the zod route schemas; served at /openapi.json, browsable at /docs. */
export default fp(
  async (app: FastifyInstance, opts: { errors: readonly ErrorSpec[] }) => {
    const facts = new Map<string, RouteFacts>();
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Claims API',
          version: API_VERSION,
          description:
            'Headless claims processing: encounters in, clean X12 837P claims out, payer decisions read back, balances kept to the cent. ' +
            'Money is integer cents; ids carry a type prefix; errors are RFC 9457 problem+json; lists use cursor pagination.',
          license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
          contact: { name: 'Claims API team', email: 'api@claims-api.dev' },
        },
        servers: [{ url: '/', description: 'The server this document is served from' }],
        tags: [
          { name: 'auth', description: 'Tokens and signing keys' },
          { name: 'payers', description: 'Insurers and their EDI identifiers' },
          { name: 'providers', description: 'Billing, rendering and referring providers and facilities' },
          { name: 'patients', description: 'Patient demographics (PHI)' },
          { name: 'coverages', description: "A patient's insurance policies" },
          { name: 'encounters', description: 'Visits posted by EHRs; each builds and scrubs its claim' },
          { name: 'claims', description: 'Claims, their scrub issues, status and history' },
          { name: 'events', description: 'The change feed PM systems sync from' },
          { name: 'organization', description: 'Your organization and its settings (time zone)' },
          {
            name: 'codes',
            description: 'Code sets (ICD-10-CM, CPT, HCPCS, modifiers, POS, CARC, RARC) and NCCI edits',
          },
          { name: 'problems', description: 'What each error code means: every problem `type` resolves here' },
          { name: 'webhooks', description: 'Endpoints that receive events, signed (Standard Webhooks), with retries' },
          { name: 'system', description: 'Health and readiness' },
        ],
        webhooks: eventWebhooks(),
        components: {
          securitySchemes: {
            OAuth2: {
              type: 'oauth2',
              description:
                'Client-credentials tokens from POST /v1/oauth/token, sent as `Authorization: Bearer <token>`.',
              flows: { clientCredentials: { tokenUrl: '/v1/oauth/token', scopes: { ...SCOPES } } },
            },
          },
        },
      },
      transform: (input) => {
        const id = (input.schema as { operationId?: string } | undefined)?.operationId;
        const config = input.route.config as { idempotent?: boolean } | undefined;
        if (id) facts.set(id, { idempotent: config?.idempotent === true });
        return jsonSchemaTransform(input);
      },
      transformObject: (doc) => {
        const pruned = pruneComponents(jsonSchemaTransformObject(doc) as Parameters<typeof pruneComponents>[0]);
        const coded = withErrorCodes(pruned as Schemas, opts.errors);
        return applyContract(coded as unknown as Doc, opts.errors, facts) as unknown as ReturnType<
          typeof jsonSchemaTransformObject
        >;
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: DOCS_CSP,
      theme: { title: 'Claims API reference' },
      uiConfig: {
        deepLinking: true,
        docExpansion: 'list',
        filter: true,
        // Not persisted: a token that reads PHI does not stay in the browser's localStorage after the tab closes.
        persistAuthorization: false,
        displayRequestDuration: true,
        tagsSorter: 'alpha',
        defaultModelsExpandDepth: 0,
      },
      initOAuth: { scopeSeparator: ' ' },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);

type Schemas = { components?: { schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }> } };

/**
 * `Problem.code` as the enum of every registered error (src/errors.ts), each code's status and meaning in its
 * description: SDK users switch on the code and can see every value it may take.
 */
function withErrorCodes<T extends Schemas>(doc: T, errors: readonly ErrorSpec[]): T {
  const code = doc.components?.schemas?.Problem?.properties?.code;
  if (!code) return doc;
  code.enum = errors.map((e) => e.code);
  code.description = [
    'Stable snake_case error code; switch on this, not on the text. Every code, with its HTTP status:',
    '',
    ...errors.map((e) => `- \`${e.code}\` (${e.status}): ${e.description}`),
  ].join('\n');
  return doc;
}
