import { isDeepStrictEqual } from 'node:util';
import { serializerCompiler } from 'fastify-type-provider-zod';

/**
 * How a route that opts in (a hot path whose views are built field by field: the claims list, the patient balance
 * and statement) serializes its responses, against the zod schema it declares for each status; every other route is
 * encoded by zod.
 * - `validate`: encoded by zod, then JSON (fastify-type-provider-zod's serializer): a body off its schema is a 500;
 * - `compare` (the test suite): the same, and the plain JSON of what the service built must be the same value, or
 *   the response fails naming the route: every route a test reaches shows that `trust` would send the same bytes'
 *   worth (no field zod would have stripped, defaulted or reshaped);
 * - `trust`: `JSON.stringify` of what the service built, for a route whose views are mapped field by field (no
 *   stored JSON passed through) and that the suite runs in `compare`: encoding a page of 100 claims with zod cost
 *   1.4 ms of a 9 ms page (bench/README.md).
 */
export const RESPONSE_CHECKS = ['validate', 'compare', 'trust'] as const;
export type ResponseCheck = (typeof RESPONSE_CHECKS)[number];

type ZodRoute = Parameters<typeof serializerCompiler>[0];
/** What Fastify hands a serializer compiler, whatever the route's schema type. */
interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
}

export function responseSerializer(check: ResponseCheck): (route: RouteSchema) => (data: unknown) => string {
  if (check === 'validate') return (route) => serializerCompiler(route as ZodRoute);
  if (check === 'trust') return () => (data) => JSON.stringify(data);
  return (route) => {
    const encode = serializerCompiler(route as ZodRoute);
    return (data) => {
      const encoded = encode(data);
      const plain = JSON.stringify(data);
      if (!isDeepStrictEqual(JSON.parse(encoded), JSON.parse(plain))) {
        throw new Error(
          `${route.method} ${route.url}: the response as built is not what its schema encodes, so \`trust\` would ` +
            `send something else. Built: ${plain.slice(0, 400)} Encoded: ${encoded.slice(0, 400)}`,
        );
      }
      return encoded;
    };
  };
}
