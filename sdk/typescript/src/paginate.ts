import type { PathsWithMethod } from 'openapi-typescript-helpers';
import type { paths } from './types.js';

type GetPath = PathsWithMethod<paths, 'get'>;
type OkBody<Path extends GetPath> = paths[Path]['get'] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The GET routes that answer `{ object: 'list', data, nextCursor }`. */
export type ListPath = {
  [Path in GetPath]: OkBody<Path> extends { object: 'list'; data: unknown[]; nextCursor: string | null } ? Path : never;
}[GetPath];

/** One page of a list route. */
export type ListPage<Path extends ListPath> = OkBody<Path>;

/** One item of a list route (`ListItem<'/v1/claims'>` is a Claim). */
export type ListItem<Path extends ListPath> = OkBody<Path> extends { data: (infer Item)[] } ? Item : never;

type Get = (url: string, init?: object) => Promise<{ data: { data: unknown[]; nextCursor: string | null } }>;
type Init = { params?: { query?: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;

/**
 * The event feed continues with `after` (the last event id); every other list with `cursor`. When the feed's
 * `nextCursor` is null you are at its end for now: poll again later from the last id you processed.
 */
const cursorParam = (url: string) => (url === '/v1/events' ? 'after' : 'cursor');

export async function* pages(get: Get, url: string, init: Init = {}): AsyncGenerator<never, void, undefined> {
  let cursor: string | null | undefined;
  do {
    const query = { ...init.params?.query, ...(cursor ? { [cursorParam(url)]: cursor } : {}) };
    const { data: page } = await get(url, { ...init, params: { ...init.params, query } });
    yield page as never;
    cursor = page.nextCursor;
  } while (cursor);
}

export async function* paginate(get: Get, url: string, init: Init = {}): AsyncGenerator<never, void, undefined> {
  for await (const page of pages(get, url, init)) {
    for (const item of (page as { data: unknown[] }).data) yield item as never;
  }
}
