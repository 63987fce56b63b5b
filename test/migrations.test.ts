import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('migrations/', () => {
  it('already holds every schema change (run `npm run generate` after editing src/db/schema)', () => {
    // drizzle-kit resolves --out relative to the working directory, so the scratch copy lives in the repo (gitignored).
    const rel = `.tmp-migrations-${process.pid}`;
    const out = path.join(root, rel);
    try {
      cpSync(path.join(root, 'migrations'), out, { recursive: true });
      const before = readdirSync(out).sort();
      const log = execFileSync(
        path.join(root, 'node_modules/.bin/drizzle-kit'),
        [
          'generate',
          '--dialect',
          'postgresql',
          '--schema',
          './src/db/schema/index.ts',
          '--out',
          rel,
          '--casing',
          'snake_case',
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(log).toContain('No schema changes');
      expect(readdirSync(out).sort(), log).toEqual(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
