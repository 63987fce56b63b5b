/**
 * The Claims API SDK: typed calls generated from the API's OpenAPI document (openapi-typescript + openapi-fetch),
 * with the API's conventions handled — client-credentials tokens, Idempotency-Key on writes, If-Match from ETags,
 * cursor lists as async iterators, problem errors typed by `code`, and webhook signature verification.
 */
export { type ClientCredentials, type TokenSource } from './auth.js';
export {
  type ApiMethod,
  type ApiResult,
  type ClaimsClient,
  type ClaimsClientOptions,
  createClaimsClient,
  etagOf,
  ifMatch,
  wasReplayed,
} from './client.js';
export { ClaimsApiError, isClaimsApiError, type UnexpectedCode } from './errors.js';
export type { ListItem, ListPage, ListPath } from './paginate.js';
export type { FetchLike, RetryOptions } from './transport.js';
export type {
  ClaimsEvent,
  ClaimsEventType,
  components,
  operations,
  paths,
  Problem,
  ProblemCode,
  Schema,
  Schemas,
} from './types.js';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookFailure,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks.js';
