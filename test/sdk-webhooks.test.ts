import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../sdk/typescript/src/webhooks.js';

/**
 * The SDK's verifier against signatures made by the `standardwebhooks` package (what the API signs deliveries
 * with): the two must agree on every accepted delivery and refuse the same bad ones.
 */

const SECRET = `whsec_${Buffer.from('synthetic-test-secret-0123456789').toString('base64')}`;
const OTHER = `whsec_${Buffer.from('another-test-secret-9876543210ab').toString('base64')}`;
const NOW = new Date('2026-03-14T15:09:26Z');
const body = JSON.stringify({ id: 'evt_01jd0example0000000000000', object: 'event', type: 'claim.status_changed' });

function delivery(secret = SECRET, at = NOW, payload = body) {
  const id = 'msg_2c1yfXv0Lkq8';
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  };
}

async function refusal(call: Promise<unknown>) {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhookVerificationError);
  return (err as WebhookVerificationError).reason;
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed by standardwebhooks and returns the event', async () => {
    const event = await verifyWebhook(SECRET, delivery(), body, { now: NOW });
    expect(event).toEqual(JSON.parse(body));
  });

  it('takes the body as bytes and the headers as a Headers object or a Node header record', async () => {
    const headers = delivery();
    expect(await verifyWebhook(SECRET, new Headers(headers), new TextEncoder().encode(body), { now: NOW })).toEqual(
      JSON.parse(body),
    );
    const shouty = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(await verifyWebhook(SECRET, shouty, Buffer.from(body), { now: NOW })).toMatchObject({ object: 'event' });
  });

  it('accepts when one of several signatures matches, and during a secret rotation with either secret', async () => {
    const rotated = delivery(OTHER);
    const both = {
      ...rotated,
      'webhook-signature': `${delivery()['webhook-signature']} ${rotated['webhook-signature']}`,
    };
    await expect(verifyWebhook(SECRET, both, body, { now: NOW })).resolves.toBeTruthy();
    await expect(verifyWebhook([SECRET, OTHER], rotated, body, { now: NOW })).resolves.toBeTruthy();
  });

  it('refuses a changed body, another secret, and signatures of another version', async () => {
    expect(
      await refusal(verifyWebhook(SECRET, delivery(), body.replace('status_changed', 'closed'), { now: NOW })),
    ).toBe('no_matching_signature');
    expect(await refusal(verifyWebhook(OTHER, delivery(), body, { now: NOW }))).toBe('no_matching_signature');
    const v2 = { ...delivery(), 'webhook-signature': delivery()['webhook-signature'].replace('v1,', 'v2,') };
    expect(await refusal(verifyWebhook(SECRET, v2, body, { now: NOW }))).toBe('no_matching_signature');
    const garbage = { ...delivery(), 'webhook-signature': 'v1,@@not-base64@@' };
    expect(await refusal(verifyWebhook(SECRET, garbage, body, { now: NOW }))).toBe('no_matching_signature');
  });

  it('refuses a timestamp outside the tolerance either way, as standardwebhooks does', async () => {
    const old = new Date(NOW.getTime() - 301_000);
    const future = new Date(NOW.getTime() + 301_000);
    expect(await refusal(verifyWebhook(SECRET, delivery(SECRET, old), body, { now: NOW }))).toBe('timestamp_too_old');
    expect(await refusal(verifyWebhook(SECRET, delivery(SECRET, future), body, { now: NOW }))).toBe(
      'timestamp_too_new',
    );
    const edge = new Date(NOW.getTime() - 299_000);
    await expect(verifyWebhook(SECRET, delivery(SECRET, edge), body, { now: NOW })).resolves.toBeTruthy();
    await expect(
      verifyWebhook(SECRET, delivery(SECRET, old), body, { now: NOW, toleranceSeconds: 600 }),
    ).resolves.toBeTruthy();
    // The reference library agrees on a fresh delivery (it reads the real clock).
    const fresh = delivery(SECRET, new Date());
    expect(new Webhook(SECRET).verify(body, fresh)).toEqual(await verifyWebhook(SECRET, fresh, body));
  });

  it('refuses missing headers, a malformed timestamp and a secret that is not base64', async () => {
    const { 'webhook-signature': _, ...unsigned } = delivery();
    expect(await refusal(verifyWebhook(SECRET, unsigned, body, { now: NOW }))).toBe('missing_headers');
    const badTime = { ...delivery(), 'webhook-timestamp': '2026-03-14T15:09:26Z' };
    expect(await refusal(verifyWebhook(SECRET, badTime, body, { now: NOW }))).toBe('invalid_timestamp');
    expect(await refusal(verifyWebhook('whsec_%%%', delivery(), body, { now: NOW }))).toBe('invalid_secret');
  });
});
