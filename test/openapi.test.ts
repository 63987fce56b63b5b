import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

describe('OpenAPI lint (Redocly recommended rules)', () => {
  it('reports no errors', async () => {
    const { lintFromString, createConfig } = await import('@redocly/openapi-core');
    const source = readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8');
    const problems = await lintFromString({
      source,
      absoluteRef: path.join(root, 'openapi/openapi.json'),
      config: await createConfig({ extends: ['recommended'] }),
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });
});
