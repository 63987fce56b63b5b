import type { ClaimsEvent } from './types.js';

/**
 * Verifies a webhook the API sent, per Standard Webhooks (https://www.standardwebhooks.com): the `webhook-signature`
 * header holds space-separated `v1,<base64 HMAC-SHA256>` signatures of `${webhook-id}.${webhook-timestamp}.${body}`
 * under the endpoint's secret (`whsec_` + base64), and the timestamp must be within the tolerance of now, so a
 * captured delivery cannot be replayed later. Uses WebCrypto only: Node 20+, Deno, Bun, Cloudflare Workers.
 */

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from now, either way (default 300 s, as Standard Webhooks recommends). */
  toleranceSeconds?: number;
  /** "Now", for tests (default: the system clock). */
  now?: Date;
}

export type WebhookFailure =
  | 'invalid_secret'
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
  }
}

const SECRET_PREFIX = 'whsec_';

/**
 * Checks the delivery and returns its parsed body (the event). Pass the body exactly as received (the raw string
 * or bytes, before any JSON parsing), and the endpoint's secret; during a secret rotation pass both secrets.
 * Throws {@link WebhookVerificationError} when anything is off: answer such a request with a 4xx and ignore it.
 */
export async function verifyWebhook<T = ClaimsEvent>(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<T> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are required.',
    );
  }
  checkTimestamp(timestamp, options);

  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const signed = concat(new TextEncoder().encode(`${id}.${timestamp}.`), bytes);
  const candidates = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => base64(value as string))
    .filter((sig): sig is Uint8Array<ArrayBuffer> => sig !== undefined);

  for (const key of await Promise.all((typeof secret === 'string' ? [secret] : secret).map(importKey))) {
    for (const sig of candidates) {
      // subtle.verify compares in constant time.
      if (await globalThis.crypto.subtle.verify('HMAC', key, sig, signed)) {
        return JSON.parse(new TextDecoder().decode(bytes)) as T;
      }
    }
  }
  throw new WebhookVerificationError('no_matching_signature', 'No signature matches this body under the secret.');
}

function checkTimestamp(value: string, options: VerifyWebhookOptions): void {
  if (!/^\d{1,12}$/.test(value))
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not Unix seconds.');
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const at = Number(value);
  if (now - at > tolerance)
    throw new WebhookVerificationError('timestamp_too_old', 'The delivery is too old: possibly a replay.');
  if (at - now > tolerance)
    throw new WebhookVerificationError('timestamp_too_new', 'The delivery is from the future: check your clock.');
}

async function importKey(secret: string): Promise<CryptoKey> {
  const raw = base64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  if (!raw || raw.length === 0)
    throw new WebhookVerificationError('invalid_secret', 'The secret is not whsec_ + base64.');
  return globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function base64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
