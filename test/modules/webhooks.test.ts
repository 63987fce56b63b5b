import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../src/modules/events/events.service.js';
import { createTargetGuard } from '../../src/modules/webhooks/webhook-targets.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';
import { createClinic, encounterBody } from '../support/clinic.js';
import { claimUpdated, paymentPosted, readFeed } from '../support/events.js';
import { type Received, startReceiver } from './webhooks-receiver.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    WEBHOOK_ALLOW_HTTP_HOSTS: '127.0.0.1',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.1',
    WEBHOOK_RETRY_LIMIT: '2',
    WEBHOOK_RETRY_DELAY_SECONDS: '1',
    WEBHOOK_TIMEOUT_MS: '2000',
  });
  await t.services.webhookDelivery.start();
});
afterAll(async () => {
  await t.services.webhookDelivery.stop();
  await t.close();
});

async function createEndpoint(org: TestOrg, url: string, over: Record<string, unknown> = {}) {
  const res = await t.http
    .post('/v1/webhook-endpoints')
    .set('authorization', org.auth)
    .send({ url, eventTypes: ['*'], ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string };
}

/** Events written the way every module writes them: in a transaction of their own change. */
async function emit(org: TestOrg, n: number, type: 'claim.updated' | 'payment.posted' = 'claim.updated') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const event = type === 'payment.posted' ? paymentPosted(i) : claimUpdated(i);
    ids.push(await t.database.db.transaction((tx) => emitEvent(tx, org.orgId, event)));
  }
  return ids;
}

/** The signature check by hand: HMAC-SHA256 over `id.timestamp.body` with the base64 key after `whsec_`. */
function handSignature(secret: string, r: Received) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64')}`;
}

const succeeded = (received: Received[], answered: Set<Received>) => received.filter((r) => answered.has(r));

describe('webhook endpoints', () => {
  it('shows the secret once, hides it on reads, updates with If-Match and deletes', async () => {
    const org = await t.newOrg();
    const created = await createEndpoint(org, 'http://127.0.0.1:9/hooks', { description: 'PM sync' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({ object: 'webhook_endpoint', enabled: true, eventTypes: ['*'] });

    const read = await t.http.get(`/v1/webhook-endpoints/${created.id}`).set('authorization', org.auth).expect(200);
    expect(read.body.secret).toBeUndefined();
    expect(read.headers.etag).toBe('"v1"');
    const list = await t.http.get('/v1/webhook-endpoints').set('authorization', org.auth).expect(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    await t.http
      .patch(`/v1/webhook-endpoints/${created.id}`)
      .set('authorization', org.auth)
      .send({ enabled: false })
      .expect(428);
    const patched = await t.http
      .patch(`/v1/webhook-endpoints/${created.id}`)
      .set('authorization', org.auth)
      .set('if-match', '"v1"')
      .send({ enabled: false, eventTypes: ['claim.status_changed'] })
      .expect(200);
    expect(patched.body).toMatchObject({
      enabled: false,
      disabledReason: 'manual',
      eventTypes: ['claim.status_changed'],
    });

    const other = await t.newOrg();
    await t.http.get(`/v1/webhook-endpoints/${created.id}`).set('authorization', other.auth).expect(404);
    await t.http.delete(`/v1/webhook-endpoints/${created.id}`).set('authorization', other.auth).expect(404);
    // Every other route of the endpoint is as blind to another organization, and refuses a malformed id.
    const [event] = await emit(org, 1);
    const asOther = [
      t.http.patch(`/v1/webhook-endpoints/${created.id}`).set('if-match', '"v2"').send({ enabled: true }),
      t.http.post(`/v1/webhook-endpoints/${created.id}/rotate-secret`).send({}),
      t.http.get(`/v1/webhook-endpoints/${created.id}/deliveries`),
      t.http.post(`/v1/webhook-endpoints/${created.id}/deliveries/${event}/retry`),
    ];
    for (const req of asOther) expect((await req.set('authorization', other.auth)).status).toBe(404);
    await t.http.get('/v1/webhook-endpoints/not-an-id').set('authorization', org.auth).expect(400);
    const del = await t.http.delete(`/v1/webhook-endpoints/${created.id}`).set('authorization', org.auth).expect(200);
    expect(del.body).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
    await t.http.get(`/v1/webhook-endpoints/${created.id}`).set('authorization', org.auth).expect(404);
  });

  it('needs webhooks:write to create and webhooks:read to list', async () => {
    const org = await t.newOrg();
    const reader = await org.tokenWith(['webhooks:read']);
    await t.http
      .post('/v1/webhook-endpoints')
      .set('authorization', `Bearer ${reader}`)
      .send({ url: 'http://127.0.0.1:9/', eventTypes: ['*'] })
      .expect(403);
    await t.http.get('/v1/webhook-endpoints').set('authorization', `Bearer ${reader}`).expect(200);
    const writer = await org.tokenWith(['claims:read']);
    await t.http.get('/v1/webhook-endpoints').set('authorization', `Bearer ${writer}`).expect(403);
  });

  it.each([
    ['http://example.com/hooks', 'https_required'],
    ['ftp://example.com/hooks', 'https_required'],
    ['https://user:pw@example.com/hooks', 'credentials_in_url'],
    ['https://169.254.169.254/latest/meta-data', 'address_not_allowed'],
    ['https://[fe80::1]/hooks', 'address_not_allowed'],
    ['https://10.1.2.3/hooks', 'address_not_allowed'],
    ['https://[::ffff:192.168.0.1]/hooks', 'address_not_allowed'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'metadata_host'],
    ['https://no-such-host.invalid/hooks', 'unresolvable'],
    ['http://127.0.0.1:3000/v1/payers', 'api_itself'],
    ['not a url', 'invalid_url'],
  ])('refuses %s (%s) and changes nothing', async (url, code) => {
    const org = await t.newOrg();
    const res = await t.http
      .post('/v1/webhook-endpoints')
      .set('authorization', org.auth)
      .send({ url, eventTypes: ['*'] })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'webhook_url_refused', errors: [{ path: 'url', code }] });
    const list = await t.http.get('/v1/webhook-endpoints').set('authorization', org.auth).expect(200);
    expect(list.body.data).toEqual([]);
  });

  it('refuses loopback unless an operator allows it, at save time and at connect time', async () => {
    const strict = createTargetGuard({ allowHttpHosts: ['127.0.0.1', 'localhost'], allowPrivate: [], apiOrigins: [] });
    await expect(strict.check('http://127.0.0.1:8080/')).rejects.toMatchObject({ reason: 'address_not_allowed' });
    await expect(strict.check('http://localhost:8080/')).rejects.toMatchObject({ reason: 'address_not_allowed' });
    expect(strict.addressAllowed('8.8.8.8')).toBe(true);
    expect(strict.addressAllowed('::ffff:127.0.0.1')).toBe(false);
    // IPv6 forms that embed an IPv4 address: IPv4-compatible, 6to4, Teredo, local-use NAT64.
    for (const a of ['::7f00:1', '::1', '2002:7f00:1::1', '2001:0:4136:e378::1', '64:ff9b:1::a00:1']) {
      expect(strict.addressAllowed(a), a).toBe(false);
    }
    expect(strict.addressAllowed('2606:4700::1111')).toBe(true);
    const refused = await new Promise<unknown>((ok) => strict.guardedLookup('localhost', {}, (err) => ok(err)));
    expect(refused).toMatchObject({ code: 'ETARGETREFUSED' });
    const ranged = createTargetGuard({ allowHttpHosts: [], allowPrivate: ['10.0.0.0/8'], apiOrigins: [] });
    expect(ranged.addressAllowed('10.9.8.7')).toBe(true);
    expect(ranged.addressAllowed('169.254.169.254')).toBe(false);
  });
});

describe('webhook delivery', () => {
  it('POSTs each subscribed event signed with Standard Webhooks, webhook-id = the event id', async () => {
    const receiver = await startReceiver();
    try {
      const org = await t.newOrg();
      const endpoint = await createEndpoint(org, receiver.url, { eventTypes: ['payment.posted'] });
      const skipped = await emit(org, 2, 'claim.updated');
      const sent = await emit(org, 3, 'payment.posted');
      await receiver.waitFor(() => receiver.received.length >= 3);
      await new Promise((r) => setTimeout(r, 1500)); // nothing else may follow
      expect(receiver.received.map((r) => r.id).sort()).toEqual([...sent].sort());
      expect(receiver.received.map((r) => r.id)).not.toContain(skipped[0]);
      const wh = new Webhook(endpoint.secret);
      for (const r of receiver.received) {
        const payload = wh.verify(r.body, r.headers) as { id: string; type: string; data: unknown };
        expect(payload).toMatchObject({ id: r.id, object: 'event', type: 'payment.posted' });
        expect(r.signature).toBe(handSignature(endpoint.secret, r));
        expect(r.headers['content-type']).toBe('application/json');
        expect(Math.abs(Number(r.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      }
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
          receiver.received[0]!.body,
          receiver.received[0]!.headers,
        ),
      ).toThrow();
    } finally {
      await receiver.close();
    }
  });

  it('delivers the events of a change made through the API (an encounter and its claim)', async () => {
    const receiver = await startReceiver();
    try {
      const clinic = await createClinic(t);
      const endpoint = await createEndpoint(clinic.org, receiver.url, {
        eventTypes: ['encounter.created', 'claim.created'],
      });
      await t.http.post('/v1/encounters').set('authorization', clinic.org.auth).send(encounterBody(clinic)).expect(201);
      await receiver.waitFor(() => receiver.received.length >= 2);
      const feed = await readFeed(t, clinic.org, 2, { types: 'encounter.created,claim.created' });
      expect(receiver.received.map((r) => r.id).sort()).toEqual(feed.map((e) => e.id).sort());
      for (const r of receiver.received) expect(r.signature).toBe(handSignature(endpoint.secret, r));
    } finally {
      await receiver.close();
    }
  });

  it('retries a failing receiver with the same webhook-id and lists every attempt', async () => {
    const receiver = await startReceiver();
    try {
      let calls = 0;
      receiver.answer(() => (++calls <= 2 ? 500 : 204));
      const org = await t.newOrg();
      const endpoint = await createEndpoint(org, receiver.url);
      const [eventId] = await emit(org, 1);
      await receiver.waitFor(() => receiver.received.length >= 3);
      expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([eventId]));
      const deadline = Date.now() + 10_000;
      let attempts: {
        attempt: number;
        succeeded: boolean;
        statusCode: number;
        error: string | null;
        latencyMs: number;
      }[] = [];
      while (Date.now() < deadline) {
        const res = await t.http
          .get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`)
          .set('authorization', org.auth)
          .expect(200);
        attempts = res.body.data;
        if (attempts.length >= 3) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(attempts.map((a) => [a.attempt, a.succeeded, a.statusCode, a.error])).toEqual([
        [3, true, 204, null],
        [2, false, 500, 'http_status'],
        [1, false, 500, 'http_status'],
      ]);
      expect(attempts.every((a) => a.latencyMs >= 0)).toBe(true);
      const page = await t.http
        .get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=2`)
        .set('authorization', org.auth)
        .expect(200);
      const next = await t.http
        .get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=2&cursor=${page.body.nextCursor}`)
        .set('authorization', org.auth)
        .expect(200);
      expect(next.body.data.map((a: { attempt: number }) => a.attempt)).toEqual([1]);
      const read = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set('authorization', org.auth).expect(200);
      expect(read.body).toMatchObject({ enabled: true, failingSince: null });
    } finally {
      await receiver.close();
    }
  });

  it('signs with both secrets while a rotation overlaps, then with the new one only', async () => {
    const receiver = await startReceiver();
    try {
      const org = await t.newOrg();
      const endpoint = await createEndpoint(org, receiver.url);
      const rotated = await t.http
        .post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`)
        .set('authorization', org.auth)
        .send({ overlapSeconds: 3600 })
        .expect(200);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(rotated.body.previousSecretExpiresAt).toBeTruthy();
      await emit(org, 1);
      await receiver.waitFor(() => receiver.received.length >= 1);
      const [first] = receiver.received;
      expect(first!.signature.split(' ')).toEqual([
        handSignature(rotated.body.secret, first!),
        handSignature(endpoint.secret, first!),
      ]);
      expect(new Webhook(endpoint.secret).verify(first!.body, first!.headers)).toBeTruthy();
      expect(new Webhook(rotated.body.secret).verify(first!.body, first!.headers)).toBeTruthy();

      const again = await t.http
        .post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`)
        .set('authorization', org.auth)
        .send({ overlapSeconds: 0 })
        .expect(200);
      expect(again.body.previousSecretExpiresAt).toBeNull();
      await emit(org, 1);
      await receiver.waitFor(() => receiver.received.length >= 2);
      const second = receiver.received[1]!;
      expect(second.signature).toBe(handSignature(again.body.secret, second));
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint whose delivery failed through every retry, with a webhook_endpoint.disabled event', async () => {
    const receiver = await startReceiver();
    const watcher = await startReceiver();
    try {
      receiver.answer(() => 503);
      const org = await t.newOrg();
      const endpoint = await createEndpoint(org, receiver.url);
      await createEndpoint(org, watcher.url, { eventTypes: ['webhook_endpoint.disabled'] });
      const [eventId] = await emit(org, 1);
      await watcher.waitFor(() => watcher.received.length >= 1, 40_000);
      expect(receiver.received.map((r) => r.id)).toEqual([eventId, eventId, eventId]); // 1 + WEBHOOK_RETRY_LIMIT
      const notice = JSON.parse(watcher.received[0]!.body);
      expect(notice).toMatchObject({
        type: 'webhook_endpoint.disabled',
        data: { webhookEndpointId: endpoint.id, reason: 'failing', lastEventId: eventId },
      });
      const read = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set('authorization', org.auth).expect(200);
      expect(read.body).toMatchObject({ enabled: false, disabledReason: 'failing' });

      // While disabled, a redelivery is refused (nothing would be sent).
      const refused = await t.http
        .post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${eventId}/retry`)
        .set('authorization', org.auth)
        .expect(409);
      expect(refused.body.code).toBe('webhook_endpoint_disabled');

      // Re-enabled and redelivered by hand, the event arrives with its webhook-id unchanged.
      receiver.answer(() => 200);
      await t.http
        .patch(`/v1/webhook-endpoints/${endpoint.id}`)
        .set('authorization', org.auth)
        .set('if-match', String(read.headers.etag))
        .send({ enabled: true })
        .expect(200);
      await t.http
        .post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${eventId}/retry`)
        .set('authorization', org.auth)
        .expect(202);
      await receiver.waitFor(() => receiver.received.length >= 4);
      expect(receiver.received[3]!.id).toBe(eventId);
      let attempts = { body: { data: [] as { attempt: number }[] } };
      for (let i = 0; i < 100 && attempts.body.data.length < 4; i++) {
        attempts = await t.http
          .get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?eventId=${eventId}`)
          .set('authorization', org.auth)
          .expect(200);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(attempts.body.data[0]).toMatchObject({ attempt: 4, trigger: 'manual', succeeded: true, statusCode: 200 });
      await t.http
        .post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/evt_00000000000000000000000000/retry`)
        .set('authorization', org.auth)
        .expect(404);
    } finally {
      await receiver.close();
      await watcher.close();
    }
  });

  it('a receiver down for a while still gets every event, once per webhook-id', async () => {
    const receiver = await startReceiver();
    try {
      const answered = new Set<Received>();
      let down = true;
      receiver.answer((r) => {
        if (down) return 503;
        answered.add(r);
        return 204;
      });
      const org = await t.newOrg();
      await createEndpoint(org, receiver.url);
      const events = await emit(org, 40);
      await receiver.waitFor(() => receiver.received.length >= 40);
      down = false;
      await receiver.waitFor(() => new Set(succeeded(receiver.received, answered).map((r) => r.id)).size >= 40, 40_000);
      await new Promise((r) => setTimeout(r, 2000));
      const ok = succeeded(receiver.received, answered).map((r) => r.id);
      expect(ok.sort()).toEqual([...events].sort()); // every event acknowledged exactly once
    } finally {
      await receiver.close();
    }
  });
});
