import { z } from 'zod';
import { RESPONSE_CHECKS } from './lib/response-serializer.js';

/** A comma-separated list, blanks dropped. */
const list = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The whole process configuration, read once from the environment by the entry points. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  LOG_LEVEL: LogLevel.default('info'),
  PUBLIC_URL: z.url().optional(),
  AUTH_ISSUER: z.string().min(1).default('claims-api'),
  AUTH_AUDIENCE: z.string().min(1).default('claims-api'),
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  AUTH_TOKEN_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(604_800)
    .default(86_400)
    .describe("tokens (ours or an external IdP's) whose exp - iat exceeds this are refused"),
  AUTH_KEY_OVERLAP_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(2_592_000)
    .optional()
    .describe(
      'after `npm run keys:rotate`, how long the previous key stays in the JWKS; default: max lifetime + skew + 60',
    ),
  SIGNING_KEY_ENCRYPTION_KEY: z
    .base64()
    .transform((s) => Buffer.from(s, 'base64'))
    .refine((b) => b.length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional()
    .describe('AES-256-GCM key that encrypts signing private keys at rest; required in production'),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_EXTERNAL_JWKS_URL: z.url().optional(),
  AUTH_EXTERNAL_ISSUER: z.string().min(1).optional(),
  AUTH_EXTERNAL_AUDIENCE: z.string().min(1).optional(),
  AUTH_EXTERNAL_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((s) =>
      s
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'])).min(1)),
  AUTH_TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(60)
    .describe('token requests per minute for one client id from one address (429 beyond)'),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  RATE_LIMIT_CLIENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(6_000)
    .describe('requests one API client may make per window, on every authenticated route'),
  RATE_LIMIT_ORGANIZATION: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(12_000)
    .describe("requests per window for all of one organization's clients together"),
  RATE_LIMIT_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(1_200)
    .describe('requests per window from one client address to the routes that take no token (token, health, docs)'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .describe('shared rate-limit counters for several API processes; unset: each process counts in memory'),
  RATE_LIMIT_REDIS_PREFIX: z.string().min(1).max(64).default('claims-api:rl:'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? false : s === 'true' ? true : /^\d+$/.test(s) ? Number(s) : list(s)))
    .describe(
      'behind a load balancer: `true`, a hop count, or its addresses — then the client address is read from X-Forwarded-For',
    ),
  LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(1_000)
    .describe('503 while the mean event-loop delay exceeds this (0: never)'),
  LOAD_SHED_MAX_POOL_WAITING: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(1_000)
    .describe('503 while more requests than this wait for a database connection (0: never)'),
  RESPONSE_CHECK: z
    .enum(RESPONSE_CHECKS)
    .optional()
    .describe(
      'The claims list (the sync path), patient balance and statement: validate = zod encodes each response (default but in production); trust = JSON as built (production default); compare = both, which must agree (the test suite)',
    ),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform(list)
    .pipe(z.array(z.string().regex(/^(\*|https?:\/\/[^/\s?#]+)$/, 'an origin such as https://pm.example.com, or *')))
    .describe('Browser origins allowed to call the API (CORS), comma-separated, or *; unset: CORS off'),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(600_000)
    .default(15_000)
    .describe('on SIGTERM/SIGINT: how long running requests and jobs may finish in before the process exits (code 1)'),
  WORKER: z
    .enum(['inline', 'off'])
    .default('inline')
    .describe('inline: run background jobs in the API process; off: `npm run worker` runs them'),
  WEBHOOK_ALLOW_HTTP_HOSTS: z
    .string()
    .default('')
    .transform(list)
    .describe('hosts webhook endpoints may reach over plain http (comma-separated); every other URL must be https'),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .string()
    .default('')
    .transform(list)
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])))
    .describe('addresses or CIDR ranges (loopback, private, link-local, metadata) webhooks may still be sent to'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(64),
  WEBHOOK_RETRY_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .default(13)
    .describe('retries after the first attempt; with the default delay they span about three days'),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(20),
  SEED_DEMO: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .describe('auto: seed the demo organization only on the embedded database, and never in production'),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.SIGNING_KEY_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  SIGNING_KEY_ENCRYPTION_KEY: required in production (openssl rand -base64 32)',
    );
  }
  // A token signed by the old key just before a rotation must stay verifiable until it expires; processes pick
  // up the new key within a minute (token-verifier.ts).
  const minOverlap = config.AUTH_TOKEN_MAX_LIFETIME_SECONDS + config.AUTH_CLOCK_SKEW_SECONDS + 60;
  if (config.AUTH_KEY_OVERLAP_SECONDS !== undefined && config.AUTH_KEY_OVERLAP_SECONDS < minOverlap) {
    throw new ConfigError(
      `Invalid configuration:\n  AUTH_KEY_OVERLAP_SECONDS: must be at least ${minOverlap} (max token lifetime + skew + 60)`,
    );
  }
  config.AUTH_KEY_OVERLAP_SECONDS ??= minOverlap;
  config.RESPONSE_CHECK ??= config.NODE_ENV === 'production' ? 'trust' : 'validate';
  if (config.AUTH_TOKEN_TTL_SECONDS > config.AUTH_TOKEN_MAX_LIFETIME_SECONDS) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTH_TOKEN_TTL_SECONDS: must not exceed AUTH_TOKEN_MAX_LIFETIME_SECONDS',
    );
  }
  if (config.AUTH_EXTERNAL_JWKS_URL && !config.AUTH_EXTERNAL_ISSUER) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTH_EXTERNAL_ISSUER: required when AUTH_EXTERNAL_JWKS_URL is set',
    );
  }
  return config;
}
