import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clp835, x835 } from '../support/x835.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const loader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
let dir: string;
let orgId: string;

/** The operator commands as `npm run` runs them, on an embedded database of their own. */
function cli(script: string, args: string[]) {
  const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' } as Record<string, string>;
  delete env.DATABASE_URL;
  return run(process.execPath, ['--import', loader, path.join(root, 'src/bin', script), ...args], {
    cwd: dir,
    env,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const claims = (n: number): Clp835[] =>
  Array.from({ length: n }, (_, i) => ({
    pcn: `IMPORT${String(i).padStart(6, '0')}`,
    status: '1',
    chargeCents: 10000 + i,
    paidCents: 8000,
    adjustments: [{ group: 'CO' as const, reason: '45', cents: 2000 + i }],
  }));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'claims-import-'));
  const created = await cli('create-client.ts', ['--org-name', 'Import Clinic']);
  expect(created.code, created.stderr).toBe(0);
  orgId = JSON.parse(created.stdout).orgId;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run remittances:import', () => {
  it('streams a file through the service with progress, once; an unbalanced one posts nothing', async () => {
    const file = path.join(dir, 'era.835');
    writeFileSync(file, x835({ trace: 'IMPORT-EFT-1', claims: claims(3000) }));
    const first = await cli('import-remittances.ts', [file, '--org', orgId]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('checking');
    expect(first.stderr).toContain('posting');
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({ posted: true, remittances: [{ traceNumber: 'IMPORT-EFT-1', claimCount: 3000 }] });
    // None of these claims is ours: every one is kept, unmatched.
    expect(out.remittances[0].unmatchedCount).toBe(3000);
    expect(out.remittances[0].paymentCents).toBe(3000 * 8000);

    const again = await cli('import-remittances.ts', [file, '--org', orgId]);
    expect(JSON.parse(again.stdout)).toMatchObject({ posted: false, alreadyPosted: true });

    const bad = path.join(dir, 'bad.835');
    writeFileSync(bad, x835({ trace: 'IMPORT-EFT-2', claims: claims(10), paymentCents: 1 }));
    const refused = await cli('import-remittances.ts', [bad, '--org', orgId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('remittance_unbalanced');

    const usage = await cli('import-remittances.ts', [file]);
    expect(usage.code).toBe(2);
  }, 180_000);
});
