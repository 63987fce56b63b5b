import { Worker } from 'node:worker_threads';

/**
 * The API under measurement in its own thread (bench/support/app-worker.ts), with its CPU clock and V8 profiler
 * reachable from the load generator: a deployed server does not share an event loop with its clients.
 */
export async function startAppThread(url: string, poolMax: number) {
  // Workers do not inherit tsx's loader: a small .mjs entry registers it, then loads the TypeScript.
  const worker = new Worker(new URL('./app-worker-boot.mjs', import.meta.url), { workerData: { url, poolMax } });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { baseUrl: string }) => resolve(m.baseUrl));
    worker.once('error', reject);
  });
  /** Sends `message` and waits for the answer carrying `key`. */
  const ask = (message: unknown, key: string) =>
    new Promise<unknown>((resolve) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m && typeof m === 'object' && key in m) {
          worker.off('message', onMessage);
          resolve(m[key]);
        }
      };
      worker.on('message', onMessage);
      worker.postMessage(message);
    });
  return {
    baseUrl,
    /** The server thread's CPU time so far (ms), null off Linux. */
    cpuMs: async () => (await ask('cpu', 'cpuMs')) as number | null,
    profileStart: async () => void (await ask({ profile: 'start' }, 'profiling')),
    profileStop: async (file: string) => void (await ask({ profile: 'stop', file }, 'profiled')),
    async close() {
      const closed = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
export type AppThread = Awaited<ReturnType<typeof startAppThread>>;
