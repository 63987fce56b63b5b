import { TOKEN_PATH, type TokenProvider } from './auth.js';

export interface RetryOptions {
  /** Further attempts after the first (default 2). 0 turns retrying off. */
  retries?: number;
  /** The first back-off; it doubles per attempt, with jitter (default 250 ms). */
  baseDelayMs?: number;
  /** The longest wait between attempts, also for a server's `Retry-After` (default 5 s). */
  maxDelayMs?: number;
}

export type FetchLike = (request: Request) => Promise<Response>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Answers that mean "not done, try again": the request was not applied (or, with a key, will be answered once). */
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * The SDK's fetch: adds the bearer token, renews it once on a 401, and retries what is safe to retry — reads, and
 * writes that carry an Idempotency-Key (the same key on every attempt, so the API applies the write once and
 * replays its first answer). A 429 is retried whatever the method: the API refused it before doing anything.
 */
export function createTransport(options: {
  fetch: FetchLike;
  tokens: TokenProvider | undefined;
  retry?: RetryOptions | undefined;
}): FetchLike {
  const { tokens } = options;
  const retries = options.retry?.retries ?? 2;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;

  return async (request) => {
    const keyed = request.headers.has('idempotency-key');
    const repeatable = SAFE_METHODS.has(request.method) || keyed;
    const authorize = tokens !== undefined && !request.headers.has('authorization') && !isTokenRequest(request);
    let renewed = false;

    for (let attempt = 0; ; attempt++) {
      const outgoing = request.clone();
      const token = authorize ? await tokens.get() : undefined;
      if (token) outgoing.headers.set('authorization', `Bearer ${token}`);

      let response: Response;
      try {
        response = await options.fetch(outgoing);
      } catch (err) {
        if (!repeatable || attempt >= retries || isAbort(err, request)) throw err;
        await sleep(backoff(attempt, baseDelayMs, maxDelayMs), request.signal);
        continue;
      }

      if (response.status === 401 && token && tokens?.renewable && !renewed) {
        // An expired or revoked token: one fresh token, then the API's answer stands.
        renewed = true;
        tokens.invalidate(token);
        await discard(response);
        attempt--;
        continue;
      }
      if (attempt >= retries || !(await shouldRetry(response, repeatable, keyed))) return response;
      const wait = retryAfterMs(response) ?? backoff(attempt, baseDelayMs, maxDelayMs);
      await discard(response);
      await sleep(Math.min(wait, maxDelayMs), request.signal);
    }
  };
}

async function shouldRetry(response: Response, repeatable: boolean, keyed: boolean): Promise<boolean> {
  if (response.status === 429) return true;
  if (RETRYABLE_STATUS.has(response.status)) return repeatable;
  // The first request with this key is still running: asking again later gets its stored answer.
  if (response.status === 409 && keyed) return (await problemCode(response)) === 'idempotency_request_in_progress';
  return false;
}

async function problemCode(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTokenRequest(request: Request): boolean {
  return new URL(request.url).pathname.endsWith(TOKEN_PATH);
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function isAbort(err: unknown, request: Request): boolean {
  return request.signal.aborted || (err instanceof Error && err.name === 'AbortError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
