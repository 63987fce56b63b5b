/**
 * Webhook delivery throughput to a local receiver (issue 11; aim ≥ 500 deliveries/s), beside a floor measured in the
 * same run: raw node:http keep-alive POSTs of a body of the same size to the same receiver, at the same concurrency.
 * The figure is end to end: events committed in the outbox → dispatcher → pg-boss jobs → signed POSTs answered 204
 * → attempts, deliveries and job completions recorded.
 * PostgreSQL only: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchApp } from './support/bench-services.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) throw new Error('Set DATABASE_URL to a PostgreSQL server');
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 64);

// The receiver: answers 204 at once and counts distinct webhook-ids.
const seen = new Set<string>();
seen.add('floor');
let requests = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string') seen.add(id);
    res.writeHead(204).end();
  });
});
await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
const port = (receiver.address() as { port: number }).port;
const url = `http://127.0.0.1:${port}/hooks`;

const bench = await createBenchDatabase(serverUrl, `claims_bench_webhooks_${process.pid}`, 12);
const { services } = await benchApp(bench.database, {
  WEBHOOK_ALLOW_HTTP_HOSTS: '127.0.0.1',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.1',
  WEBHOOK_CONCURRENCY: String(CONCURRENCY),
});
const org = await services.organizations.create({ name: 'Webhook bench' });
const ctx = { orgId: org.id, timeZone: 'UTC', actor: 'bench', requestId: 'bench', idempotency: null };
await services.webhooks.create(ctx, { url, description: null, eventTypes: ['*'], enabled: true });

// Floor: the same receiver, the same concurrency, bodies of the same size, no database.
const sampleBody = JSON.stringify({
  id: services.ids.next('event'),
  object: 'event',
  type: 'claim.status_changed',
  timestamp: new Date().toISOString(),
  createdAt: new Date().toISOString(),
  data: { claimId: services.ids.next('claim'), previousStatus: 'submitted', status: 'accepted', n: 0 },
});
async function rawFloor(n: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const started = performance.now();
  const one = () =>
    new Promise<void>((ok, fail) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': 'floor' } },
        (res) => {
          res.resume();
          res.on('end', ok);
        },
      );
      req.on('error', fail);
      req.end(sampleBody);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) await one();
    }),
  );
  agent.destroy();
  return n / ((performance.now() - started) / 1000);
}
const floorRate = await rawFloor(EVENTS);
requests = 0;

// The outbox: EVENTS events committed in batches of 1,000, as modules write them (one row each).
await services.webhookDelivery.start();
for (let i = 0; i < EVENTS; i += 1_000) {
  const rows = Array.from({ length: Math.min(1_000, EVENTS - i) }, (_, k) => ({
    id: services.ids.next('event'),
    type: 'claim.status_changed',
    data: { claimId: services.ids.next('claim'), previousStatus: 'submitted', status: 'accepted', n: i + k },
  }));
  await bench.database.db.execute(sql`insert into events (org_id, id, type, data)
    select ${org.id}, r.id, r.type, r.data from jsonb_populate_recordset(null::events, ${JSON.stringify(rows)}::jsonb) r`);
}
const started = performance.now();
let firstAt = 0;
while (seen.size < EVENTS + 1) {
  if (!firstAt && seen.size > 0) firstAt = performance.now();
  await new Promise((r) => setTimeout(r, 5));
}
const elapsed = (performance.now() - started) / 1000;
const steady = (EVENTS - 1) / ((performance.now() - firstAt) / 1000);
await services.webhookDelivery.stop();
const [recorded] = await queryRows<{ ok: string; attempts: string }>(
  bench.database.db,
  sql`select count(*) filter (where status = 'succeeded') as ok, sum(attempts) as attempts from webhook_deliveries`,
);

const table = [
  ['measure', 'value', 'floor (raw node:http, same receiver)'],
  [`deliveries/s, ${EVENTS} events, end to end`, (EVENTS / elapsed).toFixed(0), `${floorRate.toFixed(0)} POSTs/s`],
  ['deliveries/s from the first POST (without the dispatcher’s first tick)', steady.toFixed(0), ''],
  ['POSTs received / distinct webhook-ids', `${requests} / ${seen.size - 1}`, ''],
  ['deliveries recorded succeeded / attempts', `${recorded?.ok} / ${recorded?.attempts}`, ''],
];
for (const row of table) console.log(row.join(' | '));
console.log(`(${CONCURRENCY} deliveries in flight; the floor sent as many POSTs as there were events)`);

receiver.close();
await bench.drop();
process.exit(0);
