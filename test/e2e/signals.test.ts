import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientBody } from '../support/factories.js';
import {
  createStore,
  PREPARE_TIMEOUT_MS,
  prepareEmbedded,
  isRunning,
  type Outcome,
  send,
  type ServerProcess,
  type ServerStore,
  startServer,
} from './server-process.js';

/**
 * `npm start` under load, then a stop signal: requests already running finish, a request that arrives on
 * a connection still open gets 503 problem+json with Retry-After, new connections are refused, and the
 * process (npm, and the server it runs) exits 0 without leaving the server behind.
 */

let prepared: ServerStore | undefined;
const stores: ServerStore[] = [];
let seq = 0;

beforeAll(async () => {
  prepared = await prepareEmbedded();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  for (const store of [...stores, ...(prepared ? [prepared] : [])]) await store.close();
});

async function start(options: { via: 'npm' | 'node'; detached?: boolean }) {
  const store = await createStore(prepared?.env().DATA_DIR);
  stores.push(store);
  return startServer(store, options);
}

/** Keeps `loops` clients posting patients (each request on its own connection) until stopped. */
function load(server: ServerProcess, loops = 4) {
  const outcomes: (Outcome & { key: string })[] = [];
  let running = true;
  const workers = Array.from({ length: loops }, async () => {
    while (running) {
      const key = `load-${seq++}`;
      const outcome = await send(server.port, {
        method: 'POST',
        path: '/v1/patients',
        token: server.token,
        key,
        body: patientBody({ externalId: key }),
      });
      outcomes.push({ ...outcome, key });
      if (outcome.error === 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

function rawSocket(port: number): Promise<{ socket: Socket; response: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      const response = new Promise<string>((done) => socket.on('close', () => done(data)));
      resolve({ socket, response });
    });
    socket.on('error', reject);
  });
}

/** A POST whose body is still arriving when the signal comes: the request is in flight. */
async function inFlightPost(server: ServerProcess) {
  const { socket, response } = await rawSocket(server.port);
  const body = JSON.stringify(patientBody({ externalId: `slow-${seq++}` }));
  socket.write(
    `POST /v1/patients HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${server.token}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n` +
      body.slice(0, 20),
  );
  return { finish: () => socket.write(body.slice(20)), response };
}

/** A request whose headers are still arriving when the signal comes: it reaches a draining server. */
async function lateRequest(server: ServerProcess) {
  const { socket, response } = await rawSocket(server.port);
  socket.write('GET /v1/patients HTTP/1.1\r\nhost: 127.0.0.1\r\n');
  return { finish: () => socket.write(`authorization: Bearer ${server.token}\r\n\r\n`), response };
}

const statusOf = (raw: string) => Number(raw.split(' ')[1]);
const header = (raw: string, name: string) =>
  new RegExp(`^${name}: *(.*)$`, 'im').exec(raw.split('\r\n\r\n')[0]!)?.[1]?.trim();

async function stopUnderLoad(server: ServerProcess, signal: () => void) {
  const traffic = load(server);
  await new Promise((r) => setTimeout(r, 800));
  const slow = await inFlightPost(server);
  const late = await lateRequest(server);
  // A barrier: once a request sent after those bytes is answered, the server has read them (the slow POST is
  // in flight, the late request's connection is busy). PGlite runs on the event loop, which load keeps busy.
  expect((await send(server.port, { method: 'GET', path: '/health' })).status).toBe(200);
  const before = traffic.outcomes.length;
  signal();
  // Draining has begun once the server stops accepting connections.
  while (!(await send(server.port, { method: 'GET', path: '/health' })).error) {
    await new Promise((r) => setTimeout(r, 20));
  }
  slow.finish();
  late.finish();
  const [slowResponse, lateResponse] = await Promise.all([slow.response, late.response]);
  const exit = await server.exited;
  await traffic.stop();
  return { exit, slowResponse, lateResponse, outcomes: traffic.outcomes, before };
}

function expectCleanStop(result: Awaited<ReturnType<typeof stopUnderLoad>>, server: ServerProcess) {
  expect(result.exit, server.output()).toEqual({ code: 0, signal: null });
  expect(isRunning(server.serverPid)).toBe(false);
  // The request in flight when the signal came finished.
  expect(statusOf(result.slowResponse)).toBe(201);
  // The one that arrived while draining: 503 problem+json, Retry-After, connection closed.
  expect(statusOf(result.lateResponse)).toBe(503);
  expect(header(result.lateResponse, 'content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(header(result.lateResponse, 'retry-after'))).toBeGreaterThanOrEqual(1);
  expect(result.lateResponse).toContain('"code":"shutting_down"');
  // Under load: every answer is a whole 201 or a 503 problem; a request no one answered was refused.
  expect(result.before).toBeGreaterThan(0);
  for (const o of result.outcomes) {
    if (o.error) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(o.error);
    else if (o.status === 503) expect(o.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    else expect(o.status).toBe(201);
  }
  expect(server.output()).not.toMatch(/second stop signal|killed by timeout/);
}

describe('stop signals under load', () => {
  it('SIGTERM to the npm process `npm start` is: drains, then npm and the server exit 0', async () => {
    const server = await start({ via: 'npm' });
    expect(server.serverPid).not.toBe(server.child.pid);
    const result = await stopUnderLoad(server, () => server.child.kill('SIGTERM'));
    expectCleanStop(result, server);
    // Requests whose connection was reset never reached a handler: retried on a restarted server, none replays.
    const reset = result.outcomes.filter((o) => o.error === 'ECONNRESET');
    if (reset.length) {
      const again = await startServer(stores.at(-1)!, { via: 'node' });
      for (const o of reset) {
        const retry = await send(again.port, {
          method: 'POST',
          path: '/v1/patients',
          token: again.token,
          key: o.key,
          body: patientBody({ externalId: o.key }),
        });
        expect(retry.headers?.['idempotent-replayed']).toBeUndefined();
      }
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('SIGINT to the whole process group (Ctrl-C: the server gets it from the terminal and again from npm) is one stop', async () => {
    const server = await start({ via: 'npm', detached: true });
    const result = await stopUnderLoad(server, () => process.kill(-server.child.pid!, 'SIGINT'));
    expectCleanStop(result, server);
  });

  it('SIGTERM to the server process npm started: it drains and exits 0, and so does npm', async () => {
    const server = await start({ via: 'npm' });
    const result = await stopUnderLoad(server, () => process.kill(server.serverPid, 'SIGTERM'));
    expectCleanStop(result, server);
  });
});
