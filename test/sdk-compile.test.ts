import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The SDK as a separate project gets it: the built package (package.json + dist/, as `npm pack` ships it) in the
 * project's node_modules, compiled against by a consumer under moduleResolution NodeNext (a Node service, no DOM
 * types) and Bundler (a front-end or edge build), and the NodeNext build run with node.
 */

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sdk = path.join(root, 'sdk/typescript');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

const CONSUMER = `
import { ClaimsApiError, createClaimsClient, ifMatch, type ProblemCode, type Schema } from '@claims-api/sdk';
import { verifyWebhook } from '@claims-api/sdk/webhooks';

const pages = [
  { object: 'list', data: [{ id: 'pat_a' }, { id: 'pat_b' }], nextCursor: 'next' },
  { object: 'list', data: [{ id: 'pat_c' }], nextCursor: null },
];
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type, etag: '"v1"' } });

const claims = createClaimsClient({
  baseUrl: 'http://api.test',
  token: 'tok',
  fetch: async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/patients') return json(200, pages[url.searchParams.has('cursor') ? 1 : 0]);
    return json(412, { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'stale', code: 'precondition_failed', requestId: 'req_1' }, 'application/problem+json');
  },
});

const ids: string[] = [];
for await (const patient of claims.paginate('/v1/patients', { params: { query: { limit: 2 } } })) {
  const p: Schema<'Patient'> = patient;
  ids.push(p.id);
}

let code: ProblemCode | 'unexpected_response' | undefined;
try {
  await claims.PATCH('/v1/patients/{id}', { params: { path: { id: 'pat_a' }, header: ifMatch('"v1"') }, body: { phone: '2175550100' } });
} catch (err) {
  if (err instanceof ClaimsApiError) {
    switch (err.code) {
      case 'precondition_failed':
        code = err.code;
        break;
      default:
        code = undefined;
    }
  }
}

const secret = 'whsec_' + btoa('a-test-secret-of-32-bytes-length');
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('a-test-secret-of-32-bytes-length'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const body = JSON.stringify({ id: 'evt_1', type: 'claim.paid' });
const timestamp = String(Math.floor(Date.now() / 1000));
const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('msg_1.' + timestamp + '.' + body)));
const signature = 'v1,' + btoa(String.fromCharCode(...mac));
const event = await verifyWebhook(secret, { 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp, 'webhook-signature': signature }, body);

console.log(JSON.stringify({ ids, code, event: event.id }));
`;

let dir: string;

async function compile(project: string, args: string[] = []) {
  try {
    await run(process.execPath, [tsc, '-p', project, ...args], { cwd: path.dirname(project) });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${path.relative(dir, project)} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function consumer(name: string, compilerOptions: Record<string, unknown>): string {
  const project = path.join(dir, name);
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(path.join(project, 'consumer.ts'), CONSUMER);
  const base = { target: 'ES2022', strict: true, skipLibCheck: false, outDir: 'out', rootDir: '.' };
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, include: ['consumer.ts'] }),
  );
  return path.join(project, 'tsconfig.json');
}

let compiled: Record<'nodeNext' | 'bundler' | 'sourcesBundler', Promise<void>>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'claims-sdk-'));
  const installed = path.join(dir, 'node_modules/@claims-api/sdk');
  mkdirSync(installed, { recursive: true });
  copyFileSync(path.join(sdk, 'package.json'), path.join(installed, 'package.json'));
  // The package's runtime dependencies, as npm would install them beside it.
  for (const dep of ['openapi-fetch', 'openapi-typescript-helpers']) {
    symlinkSync(path.join(root, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
  }
  // The build is the NodeNext compile of the SDK's own sources (its tsconfig); then three checks side by side.
  await compile(path.join(sdk, 'tsconfig.build.json'), ['--outDir', path.join(installed, 'dist')]);
  const settle = (p: Promise<void>) => (p.catch(() => {}), p);
  compiled = {
    nodeNext: settle(
      compile(
        consumer('node-service', {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022'],
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
        }),
      ),
    ),
    bundler: settle(
      compile(
        consumer('web-app', {
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          noEmit: true,
        }),
      ),
    ),
    sourcesBundler: settle(
      compile(path.join(sdk, 'tsconfig.json'), ['--module', 'ESNext', '--moduleResolution', 'Bundler']),
    ),
  };
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the SDK package from a separate project', () => {
  it('compiles under moduleResolution NodeNext without DOM types, and runs on node', async () => {
    await compiled.nodeNext;
    const { stdout } = await run(process.execPath, [path.join(dir, 'node-service/out/consumer.js')]);
    expect(JSON.parse(stdout)).toEqual({
      ids: ['pat_a', 'pat_b', 'pat_c'],
      code: 'precondition_failed',
      event: 'evt_1',
    });
  }, 180_000);

  it('compiles under moduleResolution Bundler with DOM types', async () => {
    await compiled.bundler;
  }, 180_000);

  it('compiles its own sources under Bundler as well as NodeNext', async () => {
    await compiled.sourcesBundler;
  }, 180_000);
});
