import createClient, { type Client, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import {
  type ClientCredentials,
  clientCredentialsTokens,
  staticTokens,
  type TokenProvider,
  type TokenSource,
} from './auth.js';
import { ClaimsApiError } from './errors.js';
import { idempotencyKeys } from './idempotency.js';
import { type ListItem, type ListPage, type ListPath, paginate, pages } from './paginate.js';
import { createTransport, type FetchLike, type RetryOptions } from './transport.js';
import type { paths } from './types.js';

export interface ClaimsClientOptions {
  /** Where the API is, e.g. `https://claims.example.com` or `http://127.0.0.1:3000` (no `/v1`). */
  baseUrl: string;
  /** Client credentials: the SDK gets, caches and renews tokens from `POST /v1/oauth/token`. */
  credentials?: ClientCredentials | undefined;
  /** Or a token you already hold (or a function returning one). */
  token?: TokenSource | undefined;
  /** The key for a write that was given none (default: a random UUID per call). */
  idempotencyKey?: (() => string) | undefined;
  retry?: RetryOptions | undefined;
  /** Your fetch (a proxy agent, a test double). Default: the global fetch. */
  fetch?: FetchLike | undefined;
  /** Headers on every request, e.g. a `user-agent` naming your integration. */
  headers?: Record<string, string> | undefined;
}

type InitArgs<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** A success: the body typed from the operation's 2xx response, and the response (ETag, Idempotent-Replayed...). */
export type ApiResult<R> = { data: Extract<R, { data: unknown }>['data']; response: Response };

/** Like openapi-fetch's methods, but a non-2xx answer throws a {@link ClaimsApiError} instead of returning `error`. */
export type ApiMethod<M extends HttpMethod> = <
  Path extends PathsWithMethod<paths, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: InitArgs<Init>
) => Promise<ApiResult<FetchResponse<Operation<Path, M>, Init, MediaType>>>;

// `paths[Path][M]` narrowed to what openapi-fetch takes for an operation (the method is known to exist on Path).
type Operation<Path extends keyof paths, M extends HttpMethod> = Extract<paths[Path][M], Record<string | number, any>>;

export interface ClaimsClient {
  GET: ApiMethod<'get'>;
  POST: ApiMethod<'post'>;
  PATCH: ApiMethod<'patch'>;
  PUT: ApiMethod<'put'>;
  DELETE: ApiMethod<'delete'>;
  /** Every item of a cursor list, page after page: `for await (const claim of claims.paginate('/v1/claims'))`. */
  paginate<Path extends ListPath, Init extends MaybeOptionalInit<paths[Path], 'get'>>(
    url: Path,
    ...init: InitArgs<Init>
  ): AsyncGenerator<ListItem<Path>, void, undefined>;
  /** The same, one page at a time. */
  pages<Path extends ListPath, Init extends MaybeOptionalInit<paths[Path], 'get'>>(
    url: Path,
    ...init: InitArgs<Init>
  ): AsyncGenerator<ListPage<Path>, void, undefined>;
  /** The underlying openapi-fetch client (`{ data, error, response }`, nothing thrown), with the same auth and retries. */
  raw: Client<paths>;
  /** Adds openapi-fetch middleware (logging, tracing) to every request. */
  use(...middleware: Middleware[]): void;
  /** The bearer token the next request will carry. */
  accessToken(): Promise<string>;
}

/**
 * A client for the Claims API.
 *
 * ```ts
 * const claims = createClaimsClient({ baseUrl, credentials: { clientId, clientSecret } });
 * const { data: patient } = await claims.POST('/v1/patients', { body: { ... } });
 * ```
 */
export function createClaimsClient(options: ClaimsClientOptions): ClaimsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const tokens = tokenProvider(baseUrl, options, baseFetch);
  const raw = createClient<paths>({
    baseUrl,
    fetch: createTransport({ fetch: baseFetch, tokens, retry: options.retry }),
    headers: options.headers,
    bodySerializer: serializeBody,
  });
  raw.use(idempotencyKeys(options.idempotencyKey ?? (() => globalThis.crypto.randomUUID())));

  const throwing =
    (call: (url: never, init?: never) => Promise<{ data?: unknown; error?: unknown; response: Response }>) =>
    async (url: never, init?: never) => {
      const result = await call(url, init);
      if (!result.response.ok) throw new ClaimsApiError(result.response, result.error);
      return { data: result.data, response: result.response };
    };

  const client = {
    GET: throwing(raw.GET as never),
    POST: throwing(raw.POST as never),
    PATCH: throwing(raw.PATCH as never),
    PUT: throwing(raw.PUT as never),
    DELETE: throwing(raw.DELETE as never),
  } as unknown as Pick<ClaimsClient, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'>;

  return {
    ...client,
    paginate: ((url: string, init?: Record<string, unknown>) =>
      paginate(client.GET as never, url, init)) as ClaimsClient['paginate'],
    pages: ((url: string, init?: Record<string, unknown>) =>
      pages(client.GET as never, url, init)) as ClaimsClient['pages'],
    raw,
    use: (...middleware) => raw.use(...middleware),
    accessToken: async () => {
      if (!tokens) throw new Error('This client has neither credentials nor a token.');
      return tokens.get();
    },
  };
}

function tokenProvider(baseUrl: string, options: ClaimsClientOptions, fetchImpl: FetchLike): TokenProvider | undefined {
  if (options.credentials && options.token) throw new Error('Pass either credentials or a token, not both.');
  if (options.credentials) return clientCredentialsTokens(baseUrl, options.credentials, fetchImpl);
  if (options.token) return staticTokens(options.token);
  return undefined;
}

/**
 * JSON unless the call says otherwise: an X12 file posted with `content-type: application/edi-x12` (or text/plain,
 * application/octet-stream) goes as it is, a form as `application/x-www-form-urlencoded`.
 */
function serializeBody(body: unknown, headers?: Headers): unknown {
  const type = headers?.get('content-type') ?? 'application/json';
  if (type.includes('json')) return JSON.stringify(body);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body as Record<string, string>).toString();
  }
  return body;
}

/** The strong ETag of a read or a write, to send back as `If-Match`. */
export function etagOf(response: Response): string {
  const etag = response.headers.get('etag');
  if (!etag) throw new Error(`The response to ${response.url || 'this request'} carries no ETag.`);
  return etag;
}

/** `params.header` for a PATCH: `{ 'if-match': etag }` from the response you read (or an ETag you kept). */
export function ifMatch(from: Response | string): { 'if-match': string } {
  return { 'if-match': typeof from === 'string' ? from : etagOf(from) };
}

/** Whether the API answered a retried write from its stored first response (`Idempotent-Replayed: true`). */
export function wasReplayed(response: Response): boolean {
  return response.headers.get('idempotent-replayed') === 'true';
}
