import type pg from 'pg';
import { createHttpClient, type HttpClient } from './http-client.js';
import { countQueries } from './query-counter.js';

/**
 * One full catch-up: every page until the feed is exhausted, as a PM system does after a day (or a month) offline.
 * The API walks run over HTTP, one request in flight, following `nextCursor`; the floors run the same keyset scans
 * with raw `pg` on one connection, in the same page size and order, reading the same columns (`select *`).
 */
export interface Walk {
  items: number;
  pages: number;
  /** Claim lines received with the claims (0 for events). */
  lines: number;
  seconds: number;
}

async function timed(work: () => Promise<Omit<Walk, 'seconds'>>): Promise<Walk> {
  const start = performance.now();
  const walk = await work();
  return { ...walk, seconds: (performance.now() - start) / 1000 };
}

async function getJson<T>(http: HttpClient, path: string, auth: string): Promise<T> {
  const res = await http.request('GET', path, { authorization: auth });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 500)}`);
  return JSON.parse(res.text) as T;
}

interface ClaimPage {
  data: { id: string; updatedAt: string; lines: unknown[] }[];
  nextCursor: string | null;
}

/**
 * GET /v1/claims?updatedSince=…&limit=… then `&cursor=` each page's nextCursor (updatedSince kept, as a poller
 * resuming from its last sync does), until no cursor or `maxPages`; checks the (updatedAt, id) order.
 */
export const walkClaimsApi = (http: HttpClient, auth: string, since: Date, limit: number, maxPages = Infinity) =>
  timed(async () => {
    const base = `/v1/claims?updatedSince=${encodeURIComponent(since.toISOString())}&limit=${limit}`;
    let cursor: string | null = null;
    let items = 0;
    let pages = 0;
    let lines = 0;
    let previous = '';
    do {
      const page: ClaimPage = await getJson<ClaimPage>(
        http,
        cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base,
        auth,
      );
      for (const claim of page.data) {
        // ISO instants are fixed-width, so the concatenation sorts as (updatedAt, id) does (C collation).
        const key = `${claim.updatedAt} ${claim.id}`;
        if (key <= previous) throw new Error(`claims out of order or repeated: ${previous} then ${key}`);
        previous = key;
        lines += claim.lines.length;
      }
      items += page.data.length;
      pages++;
      cursor = page.nextCursor;
    } while (cursor && pages < maxPages);
    return { items, pages, lines };
  });

interface EventPage {
  data: { id: string }[];
  nextCursor: string | null;
}

/** GET /v1/events?limit=… then `&after=` each page's nextCursor, until no cursor or `maxPages`. */
export const walkEventsApi = (http: HttpClient, auth: string, limit: number, maxPages = Infinity) =>
  timed(async () => {
    let after: string | null = null;
    let items = 0;
    let pages = 0;
    do {
      const page: EventPage = await getJson<EventPage>(
        http,
        `/v1/events?limit=${limit}${after ? `&after=${after}` : ''}`,
        auth,
      );
      items += page.data.length;
      pages++;
      after = page.nextCursor;
    } while (after && pages < maxPages);
    return { items, pages, lines: 0 };
  });

const CLAIMS_FIRST = 'select * from claims where org_id = $1 and updated_at >= $2 order by updated_at, id limit $3';
const CLAIMS_NEXT =
  'select * from claims where org_id = $1 and updated_at >= $2 and (updated_at, id) > ($3, $4) order by updated_at, id limit $5';
const LINES = 'select * from claim_lines where org_id = $1 and claim_id = any($2) order by claim_id, line_number';

/** The claims floor: a (updated_at, id) keyset scan, each page's lines by claim id: 2 prepared statements a page. */
export const walkClaimsFloor = (client: pg.Client, orgId: string, since: Date, limit: number) =>
  timed(async () => {
    let last: { updated_at: Date; id: string } | undefined;
    let items = 0;
    let pages = 0;
    let lines = 0;
    for (;;) {
      const { rows } = last
        ? await client.query({ name: 'sync_claims_next', text: CLAIMS_NEXT }, [
            orgId,
            since,
            last.updated_at,
            last.id,
            limit,
          ])
        : await client.query({ name: 'sync_claims_first', text: CLAIMS_FIRST }, [orgId, since, limit]);
      pages++;
      if (rows.length === 0) break;
      const lineRows = await client.query({ name: 'sync_claim_lines', text: LINES }, [
        orgId,
        rows.map((r: { id: string }) => r.id),
      ]);
      items += rows.length;
      lines += lineRows.rowCount ?? 0;
      if (rows.length < limit) break;
      last = rows[rows.length - 1] as { updated_at: Date; id: string };
    }
    return { items, pages, lines };
  });

const EVENTS_FIRST = 'select * from events where org_id = $1 order by tx_id, seq limit $2';
const EVENTS_NEXT = 'select * from events where org_id = $1 and (tx_id, seq) > ($2, $3) order by tx_id, seq limit $4';

/** The events floor: a (tx_id, seq) keyset scan, the position kept by the client: 1 prepared statement a page. */
export const walkEventsFloor = (client: pg.Client, orgId: string, limit: number) =>
  timed(async () => {
    let last: { tx_id: string; seq: string } | undefined;
    let items = 0;
    let pages = 0;
    for (;;) {
      const { rows } = last
        ? await client.query({ name: 'sync_events_next', text: EVENTS_NEXT }, [orgId, last.tx_id, last.seq, limit])
        : await client.query({ name: 'sync_events_first', text: EVENTS_FIRST }, [orgId, limit]);
      pages++;
      items += rows.length;
      if (rows.length < limit) break;
      last = rows[rows.length - 1] as { tx_id: string; seq: string };
    }
    return { items, pages, lines: 0 };
  });

/**
 * Statements the app (the in-process one: the counter patches this thread's `pg`) sends per page and their time, one
 * request at a time, over the first 20 pages of each feed.
 */
export async function statementsPerPage(
  baseUrl: string,
  auth: string,
  since: Date,
  limits: { claims: number; events: number },
) {
  const http = createHttpClient(baseUrl, 1);
  const counter = countQueries('claims-api');
  const pages = 20;
  try {
    const count = async (walk: () => Promise<Walk>) => {
      counter.reset();
      const w = await walk();
      const per = (n: number) => n / w.pages;
      return {
        pages: w.pages,
        ms: per(w.seconds * 1000),
        total: per(counter.total),
        tallies: counter.tallies().map((t) => ({ ...t, count: per(t.count), totalMs: per(t.totalMs) })),
      };
    };
    return {
      claims: await count(() => walkClaimsApi(http, auth, since, limits.claims, pages)),
      events: await count(() => walkEventsApi(http, auth, limits.events, pages)),
    };
  } finally {
    counter.stop();
    http.close();
  }
}
