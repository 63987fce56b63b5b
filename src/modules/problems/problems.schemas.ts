import { z } from 'zod';

export const ProblemType = z
  .object({
    object: z.literal('problem_type'),
    type: z
      .string()
      .meta({ description: 'The `type` of problems with this code.', example: '/problems/resource_not_found' }),
    code: z.string().meta({ description: 'The stable `code` of the problem.', example: 'resource_not_found' }),
    status: z.number().int().min(400).max(599).meta({ example: 404 }),
    title: z.string().meta({ description: 'The HTTP status phrase.', example: 'Not Found' }),
    description: z.string().meta({
      description: 'What the problem means for the caller, and what to do.',
      example: 'No such object in your organization.',
    }),
  })
  .meta({ id: 'ProblemType', description: 'One error code the API answers with, and what it means.' });
export type ProblemType = z.infer<typeof ProblemType>;

export const ProblemTypeList = z
  .object({ object: z.literal('list'), data: z.array(ProblemType) })
  .meta({ id: 'ProblemTypeList', description: 'Every error code the API answers with, by code.' });

export const ProblemCodeParams = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,79}$/, 'a snake_case error code')
    .meta({ example: 'resource_not_found' }),
});
