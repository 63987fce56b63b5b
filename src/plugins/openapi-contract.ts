import type { ErrorSpec } from '../lib/problem.js';
import { titleFor } from '../lib/problem.js';
import { exampleOf, type JsonSchema } from './openapi-examples.js';
import { reachable } from './openapi-prune.js';

/**
 * What every operation of the document promises beyond its schemas, added in one place rather than in each route:
 * the response headers the server sends, a description for every response, examples for every request and
 * response (a 404's example is a 404), If-Match required where a 428 answers without it, and no meaningless
 * ±2^53 integer bounds. test/openapi-live.test.ts compares these promises with live responses.
 */

/** What the route declared that the document cannot see (collected by the swagger `transform`). */
export interface RouteFacts {
  idempotent: boolean;
}

/** Objects whose every 2xx answer carries their strong ETag (their services send `etagOf(version)`). */
export const VERSIONED_OBJECTS: ReadonlySet<string> = new Set([
  'Claim',
  'Coverage',
  'Encounter',
  'Organization',
  'Patient',
  'Payer',
  'Provider',
  'WebhookEndpoint',
  'WebhookEndpointWithSecret',
]);

const header = (description: string, schema: JsonSchema, required = true) => ({ description, required, schema });

export const RESPONSE_HEADERS = {
  'X-Request-Id': header(
    'The request id: the `X-Request-Id` you sent when it was valid (1–128 of `A-Za-z0-9._:-`), else one the server made. Quote it when reporting a problem.',
    { type: 'string', example: 'req_4f1c9e2b7d104c1e9a436a3e0b0f5d3c' },
  ),
  ETag: header("The object's strong entity tag; send it back as `If-Match` to change the object.", {
    type: 'string',
    example: '"v1"',
  }),
  Location: header('Where the created object can be read back.', {
    type: 'string',
    format: 'uri-reference',
    example: '/v1/payers/pyr_01jd0example0000000000000',
  }),
  'Idempotent-Replayed': header(
    '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`; absent otherwise.',
    { type: 'string', enum: ['true'] },
    false,
  ),
  'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 0, example: 30 }),
  'RateLimit-Policy': header(
    'The budgets this request counts against (draft-ietf-httpapi-ratelimit-headers): `q` requests per `w` seconds. An authenticated request counts against its `client` and its `organization`; one without a token against its `address`; a token request also against its `token` budget (client id and address).',
    { type: 'string', example: '"client";q=6000;w=60, "organization";q=12000;w=60' },
  ),
  RateLimit: header('What is left of each budget: `r` requests remaining, `t` seconds until the window resets.', {
    type: 'string',
    example: '"client";r=5998;t=41, "organization";r=11803;t=41',
  }),
};
type HeaderName = keyof typeof RESPONSE_HEADERS;

/** The example problem shown for each status (a code of that status; the generic one where there is one). */
const EXAMPLE_CODES: Record<string, string> = {
  '400': 'validation_failed',
  '401': 'invalid_token',
  '403': 'insufficient_scope',
  '404': 'resource_not_found',
  '409': 'conflict',
  '412': 'precondition_failed',
  '413': 'payload_too_large',
  '415': 'unsupported_media_type',
  '422': 'idempotency_key_reused',
  '428': 'precondition_required',
  '429': 'rate_limited',
  '503': 'database_unavailable',
};

/** Text bodies (raw X12) cannot be built from a schema; a short real-shaped file each. */
const TEXT_EXAMPLES: Record<string, string> = {
  createAcknowledgment:
    'ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMSAPI      *260314*1510*^*00501*000000101*0*P*:~GS*FA*CLEARINGHOUSE*CLAIMSAPI*20260314*1510*101*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*101~IEA*1*000000101~',
  createRemittance:
    'ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*CLAIMSAPI      *260314*1510*^*00501*000000201*0*P*:~GS*HP*ACMEHEALTH*CLAIMSAPI*20260314*1510*201*X*005010X221A1~ST*835*0001~BPR*I*80*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260314~TRN*1*12345*1512345678~N1*PR*ACME HEALTH PLAN~N1*PE*SPRINGFIELD CLINIC*XX*1234567893~CLP*PCN0001*1*100*80*20*12*PAYERCLM1~NM1*QC*1*TESTPATIENT*JANE~SVC*HC:99213*100*80**1~DTM*472*20260301~CAS*PR*2*20~SE*12*0001~GE*1*201~IEA*1*000000201~',
  downloadSubmissionFile:
    'ISA*00*          *00*          *ZZ*CLAIMSAPI      *ZZ*CLEARINGHOUSE  *260314*1510*^*00501*000000001*0*P*:~GS*HC*CLAIMSAPI*CLEARINGHOUSE*20260314*1510*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20260314*1510*CH~SE*3*0001~GE*1*1~IEA*1*000000001~',
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const REF = '#/components/schemas/';

type Op = {
  operationId: string;
  summary?: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema; description?: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Resp>;
};
type Media = { schema?: JsonSchema; example?: unknown; examples?: Record<string, unknown> };
type Resp = { description?: string; headers?: Record<string, unknown>; content?: Record<string, Media> };
export type Doc = {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, JsonSchema>; headers?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
};

const refName = (media?: Media) => media?.schema?.$ref?.slice(REF.length);
const human = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function successDescription(status: string, op: Op, media: Media | undefined, doc: Doc): string {
  const name = refName(media);
  const about = name ? doc.components.schemas[name]?.description : undefined;
  const what = name ? `the ${human(name)}` : 'the file';
  const tail = about ? ` ${about}` : '';
  if (status === '201') return `Created: ${what}.${tail}`;
  if (op.responses['201']) return `Already done: ${what} of the first identical request; nothing changed.${tail}`;
  return `${what[0]!.toUpperCase()}${what.slice(1)}.${tail}`;
}

function problemExample(status: string, op: Op, path: string, errors: readonly ErrorSpec[], facts: RouteFacts) {
  const byStatus = errors.filter((e) => String(e.status) === status);
  const wanted =
    status === '401' && op.operationId === 'createToken'
      ? 'invalid_client'
      : status === '409' && facts.idempotent
        ? 'idempotency_request_in_progress'
        : EXAMPLE_CODES[status];
  const spec = byStatus.find((e) => e.code === wanted) ?? byStatus[0];
  if (!spec) return undefined;
  const value: Record<string, unknown> = {
    type: `/problems/${spec.code}`,
    title: titleFor(spec.status),
    status: spec.status,
    detail: spec.description,
    code: spec.code,
    requestId: 'req_4f1c9e2b7d104c1e9a436a3e0b0f5d3c',
  };
  if (spec.code === 'validation_failed') {
    const where = op.requestBody ? 'body' : 'querystring';
    value.detail = `The request ${where} is not valid.`;
    value.errors = op.requestBody
      ? [{ path: 'name', code: 'too_small', message: 'Too small: expected string to have >=1 characters' }]
      : [{ path: 'limit', code: 'too_big', message: 'Too big: expected number to be <=100' }];
  }
  if (spec.code === 'resource_not_found') {
    const id = op.parameters?.find((p) => p.in === 'path' && p.name === 'id')?.schema?.example;
    const resource = /^\/v1\/([a-z-]+?)s?\//.exec(path)?.[1]?.replace(/-/g, ' ') ?? 'object';
    if (typeof id === 'string') value.detail = `No ${resource} with id '${id}' exists.`;
  }
  return { [spec.code]: { summary: `${spec.status} ${spec.code}`, value } };
}

function headersFor(status: string, op: Op, media: Media | undefined, facts: RouteFacts, doc: Doc) {
  const names: HeaderName[] = ['X-Request-Id'];
  const ok = status.startsWith('2');
  const name = refName(media);
  if (ok && name && VERSIONED_OBJECTS.has(name)) names.push('ETag');
  if (status === '201' && name && retrieveRouteOf(name, doc)) names.push('Location');
  if (ok && facts.idempotent) names.push('Idempotent-Replayed');
  // Every route is rate limited (plugins/rate-limit.ts), counted once the caller is known: a 2xx and a 429 always
  // carry the budgets; an answer refused earlier (no valid token, malformed, shed) may not.
  const counted = ok || status === '429';
  if (counted) names.push('RateLimit-Policy', 'RateLimit');
  if (status === '429') names.push('Retry-After');
  const headers: Record<string, unknown> = Object.fromEntries(
    names.map((n) => [n, { $ref: `#/components/headers/${n}` }]),
  );
  if (!counted)
    for (const n of ['RateLimit-Policy', 'RateLimit'] as const)
      headers[n] = { ...RESPONSE_HEADERS[n], required: false };
  // Sent on some answers of these statuses only: a 409 idempotency_request_in_progress, a 503 while draining.
  if ((status === '409' && facts.idempotent) || status === '503') {
    headers['Retry-After'] = header(
      status === '409'
        ? 'On `idempotency_request_in_progress`: seconds until the key can be claimed even if its request never ends.'
        : 'While the server sheds load or shuts down: seconds before retrying (another process may answer sooner).',
      { type: 'integer', minimum: 0, example: 1 },
      false,
    );
  }
  return headers;
}

/** The GET /v1/<things>/{id} that returns `name`: what a 201's Location points at (same rule as plugins/location.ts). */
function retrieveRouteOf(name: string, doc: Doc): string | undefined {
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!/^\/v1\/[a-z-]+\/\{id\}$/.test(path)) continue;
    if (refName(methods.get?.responses['200']?.content?.['application/json']) === name) return path;
  }
  return undefined;
}

/** zod states `Number.MAX_SAFE_INTEGER` for every integer it was given no bound for: drop what says nothing. */
function dropSafeIntegerBounds(node: unknown) {
  if (Array.isArray(node)) for (const n of node) dropSafeIntegerBounds(n);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.maximum === MAX_SAFE) delete o.maximum;
    if (o.minimum === -MAX_SAFE) delete o.minimum;
    for (const v of Object.values(o)) dropSafeIntegerBounds(v);
  }
}

/**
 * A default in a request schema means "you may leave it out", but openapi-typescript (and other generators, by
 * default) read a default as "always present" and make the field required. Request-only schemas state their
 * defaults in words instead; responses keep `default`, where the field is indeed always present.
 */
function defaultsIntoWords(doc: Doc) {
  const schemas = doc.components.schemas;
  const requests: unknown[] = [];
  const responses: unknown[] = [];
  for (const methods of Object.values(doc.paths))
    for (const op of Object.values(methods)) {
      requests.push(op.requestBody);
      responses.push(op.responses);
    }
  const inResponses = reachable(responses, schemas);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as JsonSchema;
      if ('default' in o && !o.$ref) {
        const said = ` Default: \`${JSON.stringify(o.default)}\`.`;
        o.description = o.description ? `${o.description}${said}` : said.trim();
        delete o.default;
      }
      for (const v of Object.values(o)) walk(v);
    }
  };
  for (const name of reachable(requests, schemas)) if (!inResponses.has(name)) walk(schemas[name]);
  walk(requests);
}

/** The 429 and 503 every operation may answer, in the same problem+json shape as the declared ones. */
function everywhere(status: '429' | '503'): Resp {
  return {
    description:
      status === '429'
        ? 'Over a rate-limit budget (see `RateLimit-Policy`); retry after `Retry-After` seconds.'
        : 'This instance is overloaded, shutting down, or has lost its database; retry after `Retry-After` seconds or on another instance.',
    content: { 'application/problem+json': { schema: { $ref: `${REF}Problem` } } },
  };
}

export function applyContract(doc: Doc, errors: readonly ErrorSpec[], facts: ReadonlyMap<string, RouteFacts>): Doc {
  dropSafeIntegerBounds(doc);
  defaultsIntoWords(doc);
  doc.components.headers = RESPONSE_HEADERS;
  const schemas = doc.components.schemas;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const op of Object.values(methods)) {
      const f = facts.get(op.operationId) ?? { idempotent: false };
      // Any operation can be over a budget or meet an overloaded or draining instance.
      for (const status of ['429', '503'] as const) op.responses[status] ??= everywhere(status);
      if (op.responses['428']) {
        const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
        if (ifMatch) ifMatch.required = true;
      }
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        media.example =
          type.startsWith('application/json') || type.endsWith('urlencoded')
            ? exampleOf(media.schema ?? {}, { components: schemas })
            : TEXT_EXAMPLES[op.operationId];
      }
      for (const [status, res] of Object.entries(op.responses)) {
        const [type, media] = Object.entries(res.content ?? {})[0] ?? [];
        if (status.startsWith('2')) {
          if (!res.description || res.description === 'Default Response')
            res.description = successDescription(status, op, media, doc);
          if (media)
            media.example =
              type === 'application/json'
                ? exampleOf(media.schema ?? {}, { components: schemas })
                : TEXT_EXAMPLES[op.operationId];
        } else if (media) {
          const examples = problemExample(status, op, path, errors, f);
          if (examples) media.examples = examples;
        }
        res.headers = { ...headersFor(status, op, media, f, doc), ...res.headers };
      }
    }
  }
  return doc;
}
