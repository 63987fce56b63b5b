/**
 * Application errors. Each is declared once, in its module's `*.errors.ts` (platform ones in
 * `lib/platform.errors.ts`), with a stable snake_case `code`, its HTTP status and what it means; `src/errors.ts`
 * gathers them into the registry the OpenAPI document publishes as the `Problem.code` enum. The errors plugin
 * renders every AppError, once, as RFC 9457 application/problem+json.
 */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface ErrorSpec<C extends string = string> {
  readonly code: C;
  readonly status: number;
  /** What it means for the caller, and what to do: published with the code. */
  readonly description: string;
}

type Specs<T> = { readonly [K in keyof T & string]: ErrorSpec<K> };

/** A module's errors, keyed by code. */
export function defineErrors<const T extends Record<string, { status: number; description: string }>>(
  specs: T,
): Specs<T> {
  const out: Record<string, ErrorSpec> = {};
  for (const [code, spec] of Object.entries(specs)) {
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(code)) throw new Error(`Error code '${code}' must be snake_case.`);
    out[code] = { code, status: spec.status, description: spec.description };
  }
  return out as Specs<T>;
}

export type ProblemExtra = { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown };

export class AppError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(
    spec: ErrorSpec,
    message: string,
    readonly extra: ProblemExtra = {},
    /** Only for errors a lower layer already numbered (a Fastify client error's own 4xx). */
    status: number = spec.status,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = spec.code;
    this.status = status;
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** The PostgreSQL SQLSTATE of an error, also when the query layer wrapped it (drizzle puts it in `cause`). */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
