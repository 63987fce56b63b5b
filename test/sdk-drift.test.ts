import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the generated SDK types', () => {
  it('are what openapi-typescript makes of the committed openapi/openapi.json (npm run sdk:generate)', async () => {
    const result = await run(process.execPath, [path.join(root, 'sdk/typescript/scripts/generate.mjs'), '--check'], {
      cwd: root,
    }).catch((err: { stderr?: string; code?: number }) => err);
    expect(result.stderr ?? '', 'sdk/typescript/src/generated/schema.ts drifted: run npm run sdk:generate').toBe('');
  }, 120_000);
});
