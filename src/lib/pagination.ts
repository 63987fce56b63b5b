import { and, asc, gte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { invalidCursor } from './platform.errors.js';

export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
  updatedSince?: string | undefined;
}

export interface Page<T> {
  object: 'list';
  data: T[];
  nextCursor: string | null;
}

interface CursorValue {
  t: string;
  i: string;
}

export function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: updatedAt.toISOString(), i: id } satisfies CursorValue)).toString('base64url');
}

export function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorValue>;
    const updatedAt = new Date(String(v.t));
    const year = updatedAt.getUTCFullYear();
    if (
      typeof v.i !== 'string' ||
      !/^[a-z]{3}_[0-9a-z]{10,40}$/.test(v.i) ||
      Number.isNaN(year) ||
      year < 1 ||
      year > 9999
    )
      throw new Error('shape');
    return { updatedAt, id: v.i };
  } catch {
    throw invalidCursor('The cursor is not one this API returned.', {
      path: 'cursor',
      code: 'invalid_cursor',
      message: 'Pass the nextCursor of a previous page unchanged.',
    });
  }
}

/**
 * Keyset conditions for lists ordered by (updatedAt, id): a poller that follows `nextCursor`
 * never sees a row twice and never skips one that existed when it passed.
 */
export function keysetWhere(
  cols: { updatedAt: PgColumn; id: PgColumn },
  page: PageQuery,
): { where: SQL | undefined; orderBy: SQL[] } {
  const parts: (SQL | undefined)[] = [];
  if (page.updatedSince) parts.push(gte(cols.updatedAt, new Date(page.updatedSince)));
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    // A row comparison, not `t > a or (t = a and id > b)`: PostgreSQL uses it as a bound of the (…, updatedAt, id)
    // index, so each page starts at the cursor; the OR form was a filter, and page n re-read the n - 1 pages before it.
    parts.push(
      sql`(${cols.updatedAt}, ${cols.id}) > (${sql.param(c.updatedAt, cols.updatedAt)}, ${sql.param(c.id, cols.id)})`,
    );
  }
  return { where: and(...parts), orderBy: [asc(cols.updatedAt), asc(cols.id)] };
}

/** Turns `limit + 1` fetched rows into a page with its next cursor. */
export function toPage<R extends { updatedAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    object: 'list',
    data: kept.map(map),
    nextCursor: more && last ? encodeCursor(last.updatedAt, last.id) : null,
  };
}
