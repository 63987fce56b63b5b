import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TargetGuard } from './webhook-targets.js';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Stable code when not ok: `http_status`, `timeout`, `connection_failed`, `target_refused`, `dns_failed`. */
  error: string | null;
}

/** Response bodies are read only to free the connection: a receiver's answer is not stored (it could hold anything). */
const MAX_RESPONSE_BYTES = 64 * 1024;

function errorCode(err: unknown): string {
  const e = err as { code?: string; name?: string };
  if (e.code === 'ETARGETREFUSED') return 'target_refused';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'dns_failed';
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || e.code === 'ETIMEOUT')
    return 'timeout';
  return 'connection_failed';
}

/**
 * POSTs webhook bodies over keep-alive connections whose addresses the target guard checks at connect time (so a
 * DNS answer that changed since the endpoint was saved cannot point a delivery inside our network). Redirects are
 * not followed: a 3xx is a failed attempt. Anything but 2xx within the timeout is a failure.
 */
export function createWebhookSender({
  guard,
  timeoutMs,
  maxSockets,
}: {
  guard: TargetGuard;
  timeoutMs: number;
  maxSockets: number;
}) {
  const options = { keepAlive: true, maxSockets, lookup: guard.guardedLookup };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };

  function post(url: URL, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const done = (ok: boolean, statusCode: number | null, error: string | null): SendResult => ({
      ok,
      statusCode,
      error,
      latencyMs: Math.round(performance.now() - started),
    });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal is never looked up, so the guard's lookup would not see it: check it here.
    if (isIP(host) && !guard.addressAllowed(host)) return Promise.resolve(done(false, null, 'target_refused'));
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = lib.request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol as 'http:' | 'https:'],
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'claims-api-webhooks/1',
          },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          const status = res.statusCode ?? 0;
          const finish = () =>
            resolve(done(status >= 200 && status < 300, status, status >= 200 && status < 300 ? null : 'http_status'));
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        },
      );
      req.on('error', (err) => resolve(done(false, null, errorCode(err))));
      req.end(body);
    });
  }

  return {
    post,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
export type WebhookSender = ReturnType<typeof createWebhookSender>;
