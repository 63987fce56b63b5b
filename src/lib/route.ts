import { Problem } from './schemas.js';
import type { Scope } from './scopes.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid; `errors` lists each bad field. Nothing was changed.',
  401: 'The bearer token is missing, malformed, expired or not signed by a trusted key.',
  403: 'The token is valid but lacks the scope this operation needs.',
  404: 'No such object in your organization.',
  409: 'Conflicts with the current state (duplicate, invalid transition, or the same Idempotency-Key still in flight).',
  412: 'If-Match does not match the current ETag: someone changed the object since you read it.',
  413: 'The body is larger than this operation takes.',
  415: 'The body’s Content-Type is not one this operation takes.',
  422: 'The Idempotency-Key was already used with a different request body.',
  428: 'If-Match is required for this operation.',
  429: 'Too many requests from this client; retry after the `Retry-After` seconds.',
  503: 'This instance cannot serve the request now (its database does not answer); retry on another instance or later.',
};

/** Problem+json responses for the given statuses, for a route's `response` schema. */
export function problems(...statuses: (keyof typeof DESCRIPTIONS)[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }
  > = {};
  for (const s of statuses)
    out[s] = { description: DESCRIPTIONS[s]!, content: { 'application/problem+json': { schema: Problem } } };
  return out;
}

/** OpenAPI security requirement; the auth plugin enforces exactly these scopes. */
export const secured = (...scopes: Scope[]) => [{ OAuth2: scopes }];

/**
 * Routes that answer without a token. Every other route under /v1 needs one: a route that declares no
 * security is refused (401), and one that declares `security: []` without being listed here fails at start.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['POST /v1/oauth/token']);

export const readErrors = () => problems(400, 401, 403, 404);
export const createErrors = () => problems(400, 401, 403, 409, 422);
export const updateErrors = () => problems(400, 401, 403, 404, 409, 412, 428);
