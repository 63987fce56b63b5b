import type { Problem, ProblemCode } from './types.js';

/** What `code` is when the response was not one of the API's problems (a proxy's HTML 502, an empty 500...). */
export type UnexpectedCode = 'unexpected_response';

/**
 * An error response from the API. `code` is the problem's stable code, typed from the OpenAPI document's
 * `Problem.code` enum, so `switch (err.code)` is checked by the compiler; `problem` is the whole RFC 9457 body
 * (`errors` lists each bad field of a 400; some codes add fields such as `currentStatus`).
 */
export class ClaimsApiError extends Error {
  override readonly name = 'ClaimsApiError';
  readonly status: number;
  readonly code: ProblemCode | UnexpectedCode;
  /** The problem body; undefined only when the response was not `application/problem+json`. */
  readonly problem: (Problem & Record<string, unknown>) | undefined;
  /** The `requestId` to quote to support (also in the problem). */
  readonly requestId: string | undefined;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? (body as Problem & Record<string, unknown>) : undefined;
    super(
      problem ? `${problem.status} ${problem.code}: ${problem.detail}` : `HTTP ${response.status} from the Claims API`,
    );
    this.status = response.status;
    this.code = problem?.code ?? 'unexpected_response';
    this.problem = problem;
    this.requestId = problem?.requestId ?? response.headers.get('x-request-id') ?? undefined;
    this.response = response;
  }

  /** The field errors of a validation problem (empty otherwise). */
  get fieldErrors(): NonNullable<Problem['errors']> {
    return this.problem?.errors ?? [];
  }
}

/** `true` when `err` is an API error, optionally with one of the given codes: `isClaimsApiError(e, 'precondition_failed')`. */
export function isClaimsApiError<C extends ProblemCode | UnexpectedCode>(
  err: unknown,
  ...codes: C[]
): err is ClaimsApiError & { code: C } {
  return err instanceof ClaimsApiError && (codes.length === 0 || (codes as string[]).includes(err.code));
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === 'string' && typeof b.status === 'number' && typeof b.title === 'string';
}
