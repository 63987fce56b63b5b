import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route.js';
import type { AuthService } from './auth.service.js';

const TokenRequestBody = z
  .object({
    grant_type: z.string().meta({ example: 'client_credentials' }),
    client_id: z.string().max(100).optional().meta({ example: 'cli_01jd0example0000000000000' }),
    client_secret: z.string().max(200).optional().meta({ description: 'Or send client_id/secret with HTTP Basic.' }),
    scope: z.string().max(1000).optional().meta({
      description: "Space-separated subset of the client's scopes; default all.",
      example: 'patients:read patients:write',
    }),
  })
  .meta({ id: 'TokenRequest', description: 'OAuth 2.0 client-credentials token request (RFC 6749 §4.4).' });

const TokenResponse = z
  .object({
    access_token: z.string().meta({ description: 'ES256-signed JWT; send as `Authorization: Bearer <token>`.' }),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ example: 900 }),
    scope: z.string().meta({ example: 'patients:read patients:write' }),
  })
  .meta({ id: 'TokenResponse' });

const Jwks = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'JsonWebKeySet', description: 'Public keys that verify tokens issued by this API.' });

function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  const m = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!m) return {};
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return {};
  try {
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  } catch {
    return {}; // malformed percent-encoding: treated as no credentials (401 invalid_client)
  }
}

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/v1/oauth/token',
    {
      // Counted by client id and address (plugins/rate-limit.ts): one client's guessing locks out no other.
      config: { tokenRateLimit: true },
      schema: {
        operationId: 'createToken',
        security: [],
        tags: ['auth'],
        summary: 'Get an access token',
        description:
          'Exchanges client credentials for a short-lived bearer token (OAuth 2.0 client-credentials grant). Accepts form-encoded or JSON bodies.',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequestBody,
        response: { 200: TokenResponse, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      const body = request.body;
      const token = await auth.issueToken({
        grantType: body.grant_type,
        clientId: body.client_id ?? basic.id,
        clientSecret: body.client_secret ?? basic.secret,
        scope: body.scope,
      });
      reply.header('cache-control', 'no-store');
      return token;
    },
  );

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        operationId: 'retrieveJwks',
        security: [],
        tags: ['auth'],
        summary: 'Public signing keys',
        description: 'The JSON Web Key Set that verifies access tokens issued by this API.',
        response: { 200: Jwks },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: auth.signingKeys().publicJwks };
    },
  );
};
