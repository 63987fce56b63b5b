import Fastify from 'fastify';
import { type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ResponseCheck, responseSerializer } from '../../src/lib/response-serializer.js';

const View = z.object({ id: z.string(), total: z.number().int() });

/** A route answering `body` against the View schema, serialized the given way. */
async function answer(check: ResponseCheck, body: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.get(
    '/v',
    { schema: { response: { 200: View } }, serializerCompiler: responseSerializer(check) },
    async () => body as z.infer<typeof View>,
  );
  const res = await app.inject({ method: 'GET', url: '/v' });
  await app.close();
  return { status: res.statusCode, body: res.body };
}

describe('responseSerializer', () => {
  it('sends a view built to its schema the same way in all three modes', async () => {
    for (const check of ['validate', 'compare', 'trust'] as const) {
      expect(await answer(check, { id: 'clm_1', total: 5 }), check).toEqual({
        status: 200,
        body: '{"id":"clm_1","total":5}',
      });
    }
  });

  it('validate strips what the schema does not declare; trust would send it: compare refuses the difference', async () => {
    const built = { id: 'clm_1', total: 5, orgId: 'org_internal' };
    expect(await answer('validate', built)).toEqual({ status: 200, body: '{"id":"clm_1","total":5}' });
    expect((await answer('trust', built)).body).toContain('org_internal');
    expect((await answer('compare', built)).status).toBe(500);
  });

  it('validate and compare refuse a view off its schema; trust sends it as built', async () => {
    const built = { id: 'clm_1', total: 5.5 };
    expect((await answer('validate', built)).status).toBe(500);
    expect((await answer('compare', built)).status).toBe(500);
    expect(await answer('trust', built)).toEqual({ status: 200, body: '{"id":"clm_1","total":5.5}' });
  });
});
