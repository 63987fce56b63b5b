import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let child: ChildProcess;
let output = '';
let base = '';

/** Starts the real server the way `npm start` does, with no DATABASE_URL, in an empty directory. */
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'claims-e2e-'));
  const env = { ...process.env, PORT: '0', LOG_LEVEL: 'warn' } as Record<string, string>;
  delete env.DATABASE_URL;
  child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href,
      path.join(root, 'src/server.ts'),
    ],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!/export TOKEN=\S+/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  base = /listening on (http:\/\/\S+)/.exec(output)![1]!;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh machine (embedded PGlite)', () => {
  it('serves health, readiness, the OpenAPI document and the docs', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready', database: 'pglite' });
    expect((await (await fetch(`${base}/openapi.json`)).json()).openapi).toBe('3.1.0');
    expect((await fetch(`${base}/docs`, { redirect: 'follow' })).status).toBe(200);
  });

  it('prints client credentials that get a token, then creates and reads back a patient', async () => {
    const clientId = /CLIENT_ID=(\S+)/.exec(output)![1]!;
    const clientSecret = /CLIENT_SECRET=(\S+)/.exec(output)![1]!;
    const tokenRes = await fetch(`${base}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/v1/patients`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ firstName: 'Eve', lastName: 'Embedded', birthDate: '1990-05-01', sex: 'female' }),
    });
    expect(created.status).toBe(201);
    const patient = (await created.json()) as { id: string };
    const read = await fetch(`${base}/v1/patients/${patient.id}`, { headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: patient.id, lastName: 'Embedded' });
    expect(output).not.toContain('Embedded');
  });
});
