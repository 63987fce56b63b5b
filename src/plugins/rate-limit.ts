import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { AppError } from '../lib/problem.js';

/** One budget: `limit` requests per `windowSeconds` for each key (a client, an organization, an address). */
export interface RatePolicy {
  /** Its name in the RateLimit and RateLimit-Policy headers. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitOptions {
  client: RatePolicy;
  organization: RatePolicy;
  /** Routes that take no token (health, docs, the token endpoint), by client address. */
  address: RatePolicy;
  /** The token endpoint, by client id and address together. */
  token: RatePolicy;
  /** Counters shared by every process pointed at this Redis; unset: this process counts alone. */
  redisUrl?: string | undefined;
  redisPrefix: string;
  /** Where a lost Redis is reported; requests are then let through (counting resumes when it is back). */
  onStoreError: (err: Error) => void;
}

/** Where a policy stands for one key after this request was counted. */
export interface PolicyState {
  policy: RatePolicy;
  remaining: number;
  resetSeconds: number;
  exceeded: boolean;
}

/** `"client";q=6000;w=60, "organization";q=12000;w=60` (draft-ietf-httpapi-ratelimit-headers, structured fields). */
export function policyHeader(states: readonly PolicyState[]): string {
  return states.map((s) => `"${s.policy.name}";q=${s.policy.limit};w=${s.policy.windowSeconds}`).join(', ');
}

/** `"client";r=5999;t=42, "organization";r=11999;t=42`: what is left of each policy and when it resets. */
export function stateHeader(states: readonly PolicyState[]): string {
  return states.map((s) => `"${s.policy.name}";r=${s.remaining};t=${s.resetSeconds}`).join(', ');
}

type Limiter = (request: FastifyRequest) => Promise<PolicyState>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The token endpoint: counted by client id and address once its body is parsed (plugins/rate-limit.ts). */
    tokenRateLimit?: boolean;
  }
}

/** The client id a token request names: form or JSON body field, or the user part of HTTP Basic. */
function tokenClientId(request: FastifyRequest): string {
  const body = request.body as { client_id?: unknown } | undefined;
  if (body && typeof body.client_id === 'string') return body.client_id.slice(0, 128);
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return decoded.slice(0, Math.min(i, 128));
  }
  return '';
}

/**
 * Rate limits on every route, counted by @fastify/rate-limit's stores (fixed windows; Redis when REDIS_URL is set,
 * so several API processes share one budget). Authenticated requests count against their client and their
 * organization; requests without a token against their address; token requests against client id + address, so
 * one client guessing secrets cannot lock out another behind the same NAT. Every counted answer carries
 * `RateLimit-Policy` and `RateLimit`; beyond a budget the answer is 429 problem+json with `Retry-After`.
 */
export default fp(
  async (app: FastifyInstance, opts: RateLimitOptions) => {
    let redis: Redis | undefined;
    if (opts.redisUrl) {
      redis = new Redis(opts.redisUrl, {
        lazyConnect: true,
        // A lost Redis must not hold requests: commands fail at once (the limiter lets them through).
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
      });
      redis.on('error', opts.onStoreError);
      // A misconfigured REDIS_URL stops the start, as a bad DATABASE_URL does.
      await redis.connect().catch((err: Error) => {
        redis?.disconnect();
        throw new Error(`REDIS_URL does not answer: ${err.message}`);
      });
      app.addHook('onClose', async () => {
        await redis?.quit().catch(() => redis?.disconnect());
      });
    }
    await app.register(rateLimit, {
      global: false,
      skipOnError: true,
      ...(redis ? { redis, nameSpace: opts.redisPrefix } : {}),
    });

    const limiter = (policy: RatePolicy, key: (request: FastifyRequest) => string): Limiter => {
      const check = app.createRateLimit({
        max: policy.limit,
        timeWindow: policy.windowSeconds * 1000,
        keyGenerator: (request) => `${policy.name}:${key(request)}`,
      });
      return async (request) => {
        const result = await check(request);
        if (result.isAllowed) return { policy, remaining: policy.limit, resetSeconds: 0, exceeded: false };
        return {
          policy,
          remaining: result.remaining,
          resetSeconds: Math.max(0, result.ttlInSeconds),
          exceeded: result.isExceeded,
        };
      };
    };

    const byClient = limiter(opts.client, (r) => `${r.auth!.orgId}:${r.auth!.subject}`);
    const byOrganization = limiter(opts.organization, (r) => r.auth!.orgId);
    const byAddress = limiter(opts.address, (r) => r.ip);
    const byTokenClient = limiter(opts.token, (r) => `${tokenClientId(r)}@${r.ip}`);

    /** Counts the request against each policy in turn; stops at the first it exceeds (the rest are not charged). */
    async function enforce(request: FastifyRequest, reply: FastifyReply, limiters: readonly Limiter[]) {
      const states: PolicyState[] = [];
      for (const limit of limiters) {
        const state = await limit(request);
        states.push(state);
        if (state.exceeded) break;
      }
      reply.header('ratelimit-policy', policyHeader(states));
      reply.header('ratelimit', stateHeader(states));
      const over = states.find((s) => s.exceeded);
      if (over) {
        const after = Math.max(1, over.resetSeconds);
        throw new AppError(
          PLATFORM_ERRORS.rate_limited,
          `Over the ${over.policy.name} limit of ${over.policy.limit} requests per ${over.policy.windowSeconds} s; retry in ${after} s.`,
          { headers: { 'retry-after': String(after) } },
        );
      }
    }

    // After the auth plugin's onRequest (registered before this one), so the caller is known.
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config?.tokenRateLimit) return enforce(request, reply, [byAddress]);
      if (request.auth) return enforce(request, reply, [byClient, byOrganization]);
      return enforce(request, reply, [byAddress]);
    });
    // The token endpoint's own budget needs the client id, which may be in the body.
    app.addHook('preValidation', async (request, reply) => {
      if (!request.routeOptions.config?.tokenRateLimit) return;
      const address = reply.getHeader('ratelimit');
      const policy = reply.getHeader('ratelimit-policy');
      try {
        await enforce(request, reply, [byTokenClient]);
      } finally {
        // Both budgets in the headers: the address's (counted on arrival) and the client's.
        reply.header('ratelimit-policy', `${policy}, ${reply.getHeader('ratelimit-policy')}`);
        reply.header('ratelimit', `${address}, ${reply.getHeader('ratelimit')}`);
      }
    });
  },
  { name: 'rate-limit', dependencies: ['auth', 'errors'] },
);
