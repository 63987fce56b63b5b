import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_SPECS } from '../src/errors.js';
import type { ErrorSpec } from '../src/lib/problem.js';

const SRC = path.resolve('src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
const sources = files(SRC).filter((f) => f.endsWith('.ts'));
const rel = (f: string) => path.relative(process.cwd(), f);

describe('time is a dependency', () => {
  it('reads the wall clock only in src/lib/clock.ts: services take the clock they are given', () => {
    const readers = sources
      .filter((f) => rel(f) !== path.join('src', 'lib', 'clock.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
          .filter(({ line }) => /\bDate\.now\(\)|new Date\(\)/.test(line) && !line.trimStart().startsWith('//'))
          .map(({ at }) => at),
      );
    expect(readers).toEqual([]);
  });
});

describe('errors come from one registry', () => {
  it('gathers every *.errors.ts in src/errors.ts', async () => {
    const declared: string[] = [];
    for (const file of sources.filter((f) => f.endsWith('.errors.ts'))) {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        if (!value || typeof value !== 'object') continue;
        for (const spec of Object.values(value as Record<string, ErrorSpec>)) {
          if (spec && typeof spec === 'object' && typeof spec.code === 'string' && typeof spec.status === 'number') {
            declared.push(spec.code);
          }
        }
      }
    }
    expect([...new Set(declared)].sort()).toEqual([...ERROR_CODES]);
  });

  it('gives every error a snake_case code, a 4xx or 5xx status and a description', () => {
    for (const spec of ERROR_SPECS) {
      expect(spec.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(spec.status >= 400 && spec.status < 600, spec.code).toBe(true);
      expect(spec.description.length, spec.code).toBeGreaterThan(10);
    }
  });

  it('publishes the codes as the Problem.code enum of the OpenAPI document', () => {
    const doc = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'));
    const code = doc.components.schemas.Problem.properties.code;
    expect(code.enum).toEqual([...ERROR_CODES]);
    for (const spec of ERROR_SPECS) expect(code.description).toContain(`\`${spec.code}\` (${spec.status})`);
  });

  it('never throws an HTTP error from a repository', () => {
    const offenders = sources
      .filter((f) => f.endsWith('.repository.ts'))
      .filter((f) => /\bAppError\b|platform\.errors|\.errors\.js/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
