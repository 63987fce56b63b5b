/**
 * Application errors. Each carries a stable snake_case `code` and an HTTP status, and is rendered
 * once, by the errors plugin, as RFC 9457 application/problem+json.
 */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export const notFound = (resource: string, id: string) =>
  new AppError(404, 'resource_not_found', `No ${resource} with id '${id}' exists.`);

export const validationFailed = (errors: FieldError[], message = 'The request is not valid.') =>
  new AppError(400, 'validation_failed', message, { errors });

export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(409, code, message, extra);

/** The PostgreSQL SQLSTATE of an error, also when the query layer wrapped it (drizzle puts it in `cause`). */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
