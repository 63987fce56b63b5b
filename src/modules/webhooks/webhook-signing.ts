import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The secrets that sign now: the current one, and the previous one until its overlap window ends. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const { previousSecret, previousSecretExpiresAt } = endpoint;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now
    ? [endpoint.secret, previousSecret]
    : [endpoint.secret];
}

// Decoding a secret is done once per secret, not once per delivery (the worker signs hundreds a second).
const signers = new Map<string, Webhook>();
function signerOf(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size > 10_000) signers.clear();
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
}

/**
 * The three Standard Webhooks headers for one attempt. Each secret adds a `v1,<base64 HMAC-SHA256>` signature of
 * `${webhookId}.${timestamp}.${body}`, space-separated, so a receiver holding either secret of a rotation verifies.
 */
export function webhookHeaders(secrets: string[], webhookId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => signerOf(s).sign(webhookId, at, body)).join(' '),
  };
}
