/**
 * The API under measurement, in its own thread: clients of a real deployment run elsewhere, so the
 * load generator (main thread) does not share an event loop with the server it measures. Same code,
 * same database, same pool size as the in-process app used for setup and query profiling.
 * Messages: 'cpu' → { cpuMs } (this thread's CPU time so far); { profile: 'start' } → { profiling: true } and
 * { profile: 'stop', file } → { profiled: file } (a V8 CPU profile of this thread); 'close' → 'closed'.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../src/db/client.js';
import { benchApp } from './bench-services.js';
import { threadCpuMs } from './cpu-usage.js';

const { url, poolMax } = workerData as { url: string; poolMax: number };
const database = await createDb({ databaseUrl: url, dataDir: 'unused', poolMax });
const { app } = await benchApp(database, { DATABASE_URL: url, DATABASE_POOL_MAX: String(poolMax) });
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
let session: Session | null = null;
parentPort!.on('message', (message) => {
  if (message && typeof message === 'object' && 'profile' in message) {
    void (async () => {
      if (message.profile === 'start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        parentPort!.postMessage({ profiling: true });
      } else if (session) {
        const { profile } = await session.post('Profiler.stop');
        await writeFile(message.file, JSON.stringify(profile));
        session.disconnect();
        session = null;
        parentPort!.postMessage({ profiled: message.file });
      }
    })();
    return;
  }
  if (message === 'cpu') {
    parentPort!.postMessage({ cpuMs: threadCpuMs() });
    return;
  }
  if (message !== 'close') return;
  void app
    .close()
    .then(() => database.close())
    .then(() => parentPort!.postMessage('closed'));
});
parentPort!.postMessage({ baseUrl });
