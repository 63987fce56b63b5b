/** What a service needs to know about the caller; built from the request by the auth plugin. */
export interface RequestContext {
  orgId: string;
  /** The organization's IANA time zone: its "today" for dates of service, birth dates and filing deadlines. */
  timeZone: string;
  /** Token subject (client id or user id): recorded in audit rows and claim history. */
  actor: string;
  requestId: string;
  /** Set when the request carried an Idempotency-Key that this request now owns. */
  idempotency: IdempotencyClaim | null;
}

export interface IdempotencyClaim {
  key: string;
  /** The claim's own token: the request stores its response, or releases the key, only while it holds it. */
  token: string;
  completed: boolean;
}

/** A write's HTTP outcome; stored verbatim for idempotent replay. */
export interface Outcome<T> {
  status: number;
  body: T;
  headers?: Record<string, string>;
}
