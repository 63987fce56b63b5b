import type pg from 'pg';

/**
 * Multiplies an organization's real claims (with their lines) and real events inside the bench database, so a
 * sync benchmark can page through 100,000s of rows without posting them all through the API (about 300
 * encounters/s on 2 cores). Every copied row is a real row with new keys; all other columns are copied as they are,
 * read from the catalog so a column added later is copied too.
 */

const DAY_MS = 86_400_000;

async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'
     order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** `"a", "b"` for a column list, and `t."a", t."b"` for the same columns read from alias `t`. */
const quoted = (cols: string[], alias?: string) => cols.map((c) => (alias ? `${alias}."${c}"` : `"${c}"`)).join(', ');

export interface SeededClaims {
  /** Claims of the organization after seeding (real ones included). */
  claims: number;
  lines: number;
  /** The earliest `updated_at`: `updatedSince` for a full catch-up. */
  since: Date;
}

/**
 * Tops the organization up to `total` claims, copying its real claims in turn: new id (`clm_s…`, 12 digits),
 * new patient control number, `updated_at` spread over the last 30 days three claims per instant (ties exercise
 * the id tie-break of the (updated_at, id) order), and copies of each template claim's lines.
 */
export async function seedClaims(client: pg.Client, orgId: string, total: number): Promise<SeededClaims> {
  const { rows } = await client.query<{ n: string }>('select count(*) as n from claims where org_id = $1', [orgId]);
  const real = Number(rows[0]!.n);
  if (real === 0) throw new Error('seedClaims: no real claim to copy');
  const copies = Math.max(0, total - real);
  const keyed = new Set(['id', 'patient_control_number', 'created_at', 'updated_at']);
  const claimCols = (await columnsOf(client, 'claims')).filter((c) => !keyed.has(c));
  const lineCols = (await columnsOf(client, 'claim_lines')).filter((c) => c !== 'claim_id' && c !== 'control_number');
  const stepMs = (30 * DAY_MS) / Math.max(1, Math.ceil(copies / 3));
  // Template k = i mod (real claims); the new row's keys are functions of i, so the lines insert can find its claim.
  const templates = `t as (select c.*, row_number() over (order by c.id) - 1 as k from claims c where c.org_id = $1),
    s as (select i, 'clm_s' || lpad(i::text, 12, '0') as id, 'S' || lpad(i::text, 11, '0') as pcn,
      now() - interval '30 days' + ((i / 3) * $3::float8) * interval '1 millisecond' as at
      from generate_series(0, $2::int - 1) as i)`;
  await client.query(
    `with ${templates}
     insert into claims (${quoted(claimCols)}, id, patient_control_number, created_at, updated_at)
     select ${quoted(claimCols, 't')}, s.id, s.pcn, s.at - interval '1 day', s.at
     from s join t on t.k = s.i % $4`,
    [orgId, copies, stepMs, real],
  );
  await client.query(
    `with ${templates}
     insert into claim_lines (${quoted(lineCols)}, claim_id, control_number)
     select ${quoted(lineCols, 'l')}, s.id, s.pcn || lpad(l.line_number::text, 2, '0')
     from s join t on t.k = s.i % $4 join claim_lines l on l.org_id = t.org_id and l.claim_id = t.id`,
    [orgId, copies, stepMs, real],
  );
  const counted = await client.query<{ claims: string; lines: string; since: Date }>(
    `select (select count(*) from claims where org_id = $1) as claims,
       (select count(*) from claim_lines where org_id = $1) as lines,
       (select min(updated_at) from claims where org_id = $1) as since`,
    [orgId],
  );
  const c = counted.rows[0]!;
  return { claims: Number(c.claims), lines: Number(c.lines), since: c.since };
}

export interface SeededEvents {
  events: number;
  /** Events per seeded transaction (copies share a tx_id in runs of this many). */
  perTransaction: number;
  /** Whether the database assigns events.id itself (trigger `events_feed_id`) or the seed wrote ids. */
  idsBy: 'trigger' | 'seed';
}

/**
 * Tops the organization up to `total` events, copying its real events in turn (type, data) with new feed positions
 * below every real one: tx ids just under the smallest real tx_id (so every copy is older than any running
 * transaction and the feed's snapshot filter shows it), `perTransaction` events per tx id, fresh seq numbers from
 * the column's own sequence. When the database derives `events.id` from (tx_id, seq) in a BEFORE INSERT trigger
 * (`events_feed_id`) the id is left to it; otherwise the seed writes the same shape: `evt_` + 16 hex digits of
 * tx_id + 16 of seq.
 */
export async function seedEvents(client: pg.Client, orgId: string, total: number): Promise<SeededEvents> {
  const stats = await client.query<{ n: string; min_tx: string | null }>(
    'select count(*) as n, min(tx_id) as min_tx from events where org_id = $1',
    [orgId],
  );
  const real = Number(stats.rows[0]!.n);
  if (real === 0) throw new Error('seedEvents: no real event to copy');
  const minTx = Number(stats.rows[0]!.min_tx);
  const copies = Math.max(0, total - real);
  // tx ids 2 … minTx - 1 are free (0 and 1 are not xids PostgreSQL hands out); two events per transaction as
  // POST /v1/encounters writes, more when a young cluster leaves too few ids below the real ones.
  const room = minTx - 2;
  const perTransaction = Math.max(2, Math.ceil(copies / Math.max(1, room)));
  if (copies > 0 && Math.ceil(copies / perTransaction) > room) throw new Error('seedEvents: no room below real tx ids');
  const trigger = await client.query(
    `select 1 from pg_trigger where tgrelid = 'events'::regclass and tgname = 'events_feed_id' and not tgisinternal`,
  );
  const idsBy = trigger.rowCount ? 'trigger' : 'seed';
  // Reserve `copies` sequence values in one step: seq = first + i.
  const seqName = (await client.query<{ s: string }>(`select pg_get_serial_sequence('events', 'seq') as s`)).rows[0]!.s;
  const first = Number((await client.query<{ v: string }>('select nextval($1) as v', [seqName])).rows[0]!.v);
  await client.query('select setval($1, $2)', [seqName, first + copies]);
  const stepMs = (30 * DAY_MS) / Math.max(1, copies);
  const idColumn = idsBy === 'seed' ? 'id, ' : '';
  const idValue = idsBy === 'seed' ? `'evt_' || lpad(to_hex(x.tx_id), 16, '0') || lpad(to_hex(x.seq), 16, '0'), ` : '';
  await client.query(
    `with t as (select e.*, row_number() over (order by e.tx_id, e.seq) - 1 as k from events e where e.org_id = $1),
     x as (
       select t.org_id, t.type, t.data, $3::bigint + i as seq,
         $4::bigint - 1 - ($2::int - 1 - i) / $5::int as tx_id,
         now() - interval '31 days' + (i * $6::float8) * interval '1 millisecond' as created_at
       from generate_series(0, $2::int - 1) as i join t on t.k = i % $7)
     insert into events (org_id, ${idColumn}seq, tx_id, type, data, created_at)
     select x.org_id, ${idValue}x.seq, x.tx_id, x.type, x.data, x.created_at from x order by x.tx_id, x.seq`,
    [orgId, copies, first, minTx, perTransaction, stepMs, real],
  );
  const n = await client.query<{ n: string }>('select count(*) as n from events where org_id = $1', [orgId]);
  return { events: Number(n.rows[0]!.n), perTransaction, idsBy };
}
