import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webhookBody } from '../src/modules/webhooks/webhook-deliverer.js';
import { exampleOf, type JsonSchema } from '../src/plugins/openapi-examples.js';
import { renderOpenApi } from '../src/openapi-document.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('openapi/openapi.json', () => {
  it('matches what the code generates (run `npm run openapi` after changing routes)', async () => {
    const committed = readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8');
    expect(await renderOpenApi()).toBe(committed);
  });

  it('gives every operation an operationId, a tag, a summary and documented errors', async () => {
    const doc = JSON.parse(await renderOpenApi());
    const ids = new Set<string>();
    for (const [route, methods] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${route}`;
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(op.operationId as string), `${where} duplicate operationId`).toBe(false);
        ids.add(op.operationId as string);
        expect((op.tags as string[])?.length, where).toBeGreaterThan(0);
        expect(op.summary, where).toBeTruthy();
        const statuses = Object.keys(op.responses as object);
        if ((op.security as unknown[] | undefined)?.length)
          expect(statuses, where).toEqual(expect.arrayContaining(['401', '403']));
        if (route.startsWith('/v1/'))
          expect(
            statuses.some((s) => s.startsWith('4')),
            where,
          ).toBe(true);
      }
    }
  });
});

describe('what the document promises about every operation', () => {
  type Res = { description: string; headers?: Record<string, { $ref: string }>; content?: Record<string, Media> };
  type Media = {
    example?: unknown;
    examples?: Record<string, { value: { status: number; type: string; code: string } }>;
  };
  type Op = {
    operationId: string;
    parameters?: { in: string; name: string; required?: boolean }[];
    requestBody?: { content: Record<string, Media> };
    responses: Record<string, Res>;
  };
  let rendered: Promise<string> | undefined;
  const text = () => (rendered ??= renderOpenApi());
  const load = async () => JSON.parse(await text());
  const operations = (doc: { paths: Record<string, Record<string, Op>> }) =>
    Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${route}`, method, route, op })),
    );

  it('describes every response, gives each X-Request-Id, and a real example per status', async () => {
    const doc = await load();
    const codes: string[] = doc.components.schemas.Problem.properties.code.enum;
    for (const { where, op } of operations(doc)) {
      for (const [status, res] of Object.entries(op.responses)) {
        expect(res.description, `${where} ${status}`).not.toMatch(/^(Default Response)?$/);
        expect(res.headers?.['X-Request-Id'], `${where} ${status}`).toBeDefined();
        for (const [type, media] of Object.entries(res.content ?? {})) {
          if (type === 'application/problem+json') {
            const examples = Object.values(media.examples ?? {});
            expect(examples.length, `${where} ${status}`).toBeGreaterThan(0);
            for (const { value } of examples) {
              expect(value.status, `${where} ${status} example`).toBe(Number(status));
              expect(codes, where).toContain(value.code);
              expect(value.type).toBe(`/problems/${value.code}`);
            }
          } else expect(media.example, `${where} ${status} ${type}`).toBeDefined();
        }
      }
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
        expect(media.example, `${where} request ${type}`).toBeDefined();
    }
  });

  it('builds every JSON example from realistic values: no field falls back on a made-up one', async () => {
    const doc = await load();
    const gaps: string[] = [];
    const components = doc.components.schemas as Record<string, JsonSchema>;
    for (const { where, op } of operations(doc)) {
      const media = [
        ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({ at: `${where} request`, type, m })),
        ...Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([status, res]) =>
            Object.entries(res.content ?? {}).map(([type, m]) => ({ at: `${where} ${status}`, type, m })),
          ),
      ];
      for (const { at, type, m } of media) {
        if (!type.startsWith('application/json') && !type.endsWith('urlencoded')) continue;
        exampleOf((m as { schema?: JsonSchema }).schema ?? {}, {
          components,
          onGap: (field) => gaps.push(`${at}${field}`),
        });
      }
    }
    expect(gaps).toEqual([]);
  });

  it('marks If-Match required wherever a 428 answers without it, and promises ETag and Location where sent', async () => {
    const doc = await load();
    for (const { where, op } of operations(doc)) {
      const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
      if (op.responses['428']) expect(ifMatch?.required, where).toBe(true);
    }
    const created = doc.paths['/v1/payers'].post.responses['201'].headers;
    expect(Object.keys(created)).toEqual(expect.arrayContaining(['ETag', 'Location', 'Idempotent-Replayed']));
    expect(Object.keys(doc.paths['/v1/oauth/token'].post.responses['429'].headers)).toEqual(
      expect.arrayContaining(['Retry-After', 'RateLimit-Policy', 'RateLimit']),
    );
    // Every operation is rate limited: its 2xx promise the IETF RateLimit headers, and it may answer 429 and 503.
    for (const { where, op } of operations(doc)) {
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['429', '503']));
      for (const [status, res] of Object.entries(op.responses))
        if (status.startsWith('2'))
          expect(Object.keys(res.headers ?? {}), `${where} ${status}`).toEqual(
            expect.arrayContaining(['RateLimit-Policy', 'RateLimit']),
          );
    }
    expect(doc.components.headers.ETag.required).toBe(true);
    expect(doc.components.headers['Idempotent-Replayed'].required).toBe(false);
  });

  it('states no meaningless ±2^53 integer bounds, and lists multi-value filters as arrays', async () => {
    expect(await text()).not.toContain(String(Number.MAX_SAFE_INTEGER));
    const doc = await load();
    const param = (route: string, name: string) =>
      doc.paths[route].get.parameters.find((p: { name: string }) => p.name === name);
    const filters: [string, string][] = [
      ['/v1/claims', 'status'],
      ['/v1/events', 'types'],
      ['/v1/edits/ptp', 'codes'],
    ];
    for (const [route, name] of filters) expect(param(route, name).schema.type, `${route} ${name}`).toBe('array');
  });
});

describe('OpenAPI lint (Redocly recommended rules)', () => {
  it('reports no errors', async () => {
    const { lintFromString, createConfig } = await import('@redocly/openapi-core');
    const source = readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8');
    const problems = await lintFromString({
      source,
      absoluteRef: path.join(root, 'openapi/openapi.json'),
      // Every example must validate against its schema, with no field the schema does not have.
      config: await createConfig({
        extends: ['recommended'],
        rules: {
          'no-invalid-media-type-examples': { severity: 'error', allowAdditionalProperties: false },
          'no-invalid-parameter-examples': 'error',
          'no-invalid-schema-examples': 'error',
        },
      }),
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });
});

describe('the webhooks section', () => {
  it('describes the body a receiver gets: every field webhookBody sends, no other', async () => {
    const doc = JSON.parse(await renderOpenApi());
    const body = JSON.parse(
      webhookBody({
        eventId: 'evt_00000000000003e800000000000004d2',
        eventType: 'claim.status_changed',
        eventCreatedAt: new Date('2026-03-14T15:09:26.535Z'),
        eventData: {},
      } as unknown as Parameters<typeof webhookBody>[0]),
    );
    const schema = doc.webhooks['claim.status_changed'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(body).sort());
    expect([...schema.required].sort()).toEqual(Object.keys(body).sort());
    expect(schema.additionalProperties).toBe(false);
    expect(body.timestamp).toBe(body.createdAt);
    const dataRef = schema.properties.data.$ref.split('/').pop();
    expect(doc.components.schemas[dataRef]).toBeDefined();
  });
});
