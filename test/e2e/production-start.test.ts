import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

describe('the server in production (NODE_ENV=production, embedded database, as the Docker image runs it)', () => {
  it('starts without a demo organization and prints no client secret or token', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claims-prod-'));
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    } as Record<string, string>;
    delete env.DATABASE_URL;
    delete env.SEED_DEMO;
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href,
        path.join(root, 'src/server.ts'),
      ],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
        const up = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(output).not.toMatch(/CLIENT_SECRET|export TOKEN|Demo organization/);
      // No organization, so no client: a made-up one is refused like any other.
      const token = await fetch(`http://127.0.0.1:${port}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=cli_demo&client_secret=nope',
      });
      expect(token.status).toBe(401);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
