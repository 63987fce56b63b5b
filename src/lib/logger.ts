import { pino, type Logger } from 'pino';

export type { Logger };

type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The process logger (pino JSON), shared by the HTTP app, the worker and the database pool. No PHI or
 * secrets: requests are logged by method, path without its query string, status and request id only,
 * and credentials are redacted wherever they appear.
 */
export function createLogger(level: LogLevel, stream?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          path: String(req.url).split('?')[0],
          remoteAddress: req.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    stream ?? process.stdout,
  );
}
