import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../support/db.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where a spawned server keeps its data: a private clone of the migrated template on PostgreSQL (with the
 * demo seeded, so it prints a token), or an embedded PGlite directory copied from one prepared once
 * (a first embedded start migrates and seeds for tens of seconds; a copy starts in a few).
 */
export interface ServerStore {
  env(): Record<string, string>;
  /** Runs a SQL statement beside the server (PostgreSQL only). */
  url?: string;
  close(): Promise<void>;
}

export async function createStore(prepared?: string): Promise<ServerStore> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    return {
      env: () => ({ DATABASE_URL: database.url!, SEED_DEMO: 'true' }),
      url: database.url!,
      close: database.close,
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-proc-'));
  if (prepared) cpSync(prepared, dir, { recursive: true });
  return { env: () => ({ DATA_DIR: dir }), close: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The embedded database a test file's servers start from (a copy each): migrated and seeded by one real
 * start. None on PostgreSQL, where every store is a fresh clone of the migrated template.
 */
export async function prepareEmbedded(): Promise<ServerStore | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const store = await createStore();
  // A first embedded start migrates, seeds and loads the starter codes: slow on a busy machine.
  const server = await startServer(store, { via: 'node', startTimeoutMs: 280_000 });
  server.child.kill('SIGTERM');
  await server.exited;
  return store;
}

/** Long enough for `beforeAll(prepareEmbedded)` to finish on a busy machine. */
export const PREPARE_TIMEOUT_MS = 300_000;

export interface ServerProcess {
  /** What was spawned: npm (with the server as its child) or the server itself. */
  child: ChildProcess;
  /** The server's own process id (npm's child under `npm start`). */
  serverPid: number;
  port: number;
  token: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the server as `npm start` does (`via: 'npm'`), or its node process directly, on port 0, and waits
 * for it to print its address and development token.
 */
export async function startServer(
  store: ServerStore,
  options: { via: 'npm' | 'node'; detached?: boolean; startTimeoutMs?: number } = { via: 'npm' },
): Promise<ServerProcess> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL; // each server counts its own budgets unless a test shares a Redis on purpose (scale-out)
  Object.assign(env, store.env());
  const [command, args] =
    options.via === 'npm' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/server.ts']];
  const child = spawn(command, args as string[], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + (options.startTimeoutMs ?? 50_000);
  while (!/export TOKEN=\S+/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(/listening on http:\/\/[^:]+:(\d+)/.exec(output)![1]);
  const token = /export TOKEN=(\S+)/.exec(output)![1]!;
  const serverPid = options.via === 'npm' ? childrenOf(child.pid!)[0]! : child.pid!;
  return { child, serverPid, port, token, output: () => output, exited };
}

/** Direct children of a process (Linux /proc). */
export function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Outcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  /** The socket error when no response came back (ECONNREFUSED, ECONNRESET…). */
  error?: string;
}

/** One request on a connection of its own (no keep-alive), so each is accepted, answered or refused whole. */
export function send(
  port: number,
  options: { method: string; path: string; token?: string; key?: string; body?: unknown },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        agent: false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.key ? { 'idempotency-key': options.key } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(payload);
  });
}
