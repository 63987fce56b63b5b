import type { components, operations, paths } from './generated/schema.js';

export type { components, operations, paths };

/** Every named object of the API (`Schemas['Patient']`, `Schemas['Claim']`...), as the OpenAPI document declares it. */
export type Schemas = components['schemas'];

/** One named object of the API: `Schema<'Claim'>`. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** The RFC 9457 problem every error response carries. */
export type Problem = Schemas['Problem'];

/** Every stable error code the API can answer with: switch on it, never on `title` or `detail`. */
export type ProblemCode = Problem['code'];

/** An event of the feed (`GET /v1/events`), which is also the body of every webhook. */
export type ClaimsEvent = Schemas['Event'];

/** The event types there are (`claim.status_changed`, `remittance.posted`...). */
export type ClaimsEventType = Schemas['EventType'];
