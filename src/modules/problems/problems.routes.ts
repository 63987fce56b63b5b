import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../lib/platform.errors.js';
import { type ErrorSpec, titleFor } from '../../lib/problem.js';
import { problems } from '../../lib/route.js';
import {
  ProblemCodeParams,
  type ProblemType,
  ProblemTypeList,
  ProblemType as ProblemTypeSchema,
} from './problems.schemas.js';

/** Where problem types live: a problem's `type` is this plus its code (src/plugins/errors.ts), so it resolves here. */
export const PROBLEMS_PATH = '/problems';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** The descriptions are written with `code` spans; render them as <code>. */
const prose = (s: string) => escape(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Claims API</title></head>` +
  `<body><main>${body}<p><a href="${PROBLEMS_PATH}">Every error code</a> · <a href="/docs">API reference</a></p></main></body></html>`;

const row = (p: ProblemType) =>
  `<tr><td><a href="${escape(p.type)}"><code>${escape(p.code)}</code></a></td><td>${p.status} ${escape(p.title)}</td><td>${prose(p.description)}</td></tr>`;

const sendHtml = (reply: FastifyReply, html: string) => reply.type('text/html; charset=utf-8').send(html);

/** A person following a `type` link gets a page; a program asking for JSON gets JSON. */
function wantsHtml(request: FastifyRequest, reply: FastifyReply): boolean {
  reply.header('vary', 'accept');
  const first = (request.headers.accept ?? '').split(',')[0]!.split(';')[0]!.trim();
  return first === 'text/html' || first === 'application/xhtml+xml';
}

/**
 * The problem types: `/problems/{code}` for every code in the error registry (src/errors.ts), so the `type`
 * URI of every problem+json answer resolves to what the code means. Public, like the docs.
 */
export const problemsRoutes: FastifyPluginAsyncZod<{ errors: readonly ErrorSpec[] }> = async (app, { errors }) => {
  const types: ProblemType[] = errors.map((e) => ({
    object: 'problem_type',
    type: `${PROBLEMS_PATH}/${e.code}`,
    code: e.code,
    status: e.status,
    title: titleFor(e.status),
    description: e.description,
  }));
  const byCode = new Map(types.map((t) => [t.code, t]));

  app.get(
    PROBLEMS_PATH,
    {
      schema: {
        operationId: 'listProblemTypes',
        security: [],
        tags: ['problems'],
        summary: 'List the error codes',
        description: 'Every error code the API answers with, its HTTP status and what it means (HTML for browsers).',
        response: { 200: ProblemTypeList },
      },
    },
    async (request, reply) => {
      if (!wantsHtml(request, reply)) return { object: 'list' as const, data: types };
      const table = `<table><thead><tr><th>code</th><th>status</th><th>meaning</th></tr></thead><tbody>${types.map(row).join('')}</tbody></table>`;
      return sendHtml(reply, page('Error codes', `<h1>Error codes</h1>${table}`));
    },
  );

  app.get(
    `${PROBLEMS_PATH}/:code`,
    {
      schema: {
        operationId: 'retrieveProblemType',
        security: [],
        tags: ['problems'],
        summary: 'Retrieve an error code',
        description: 'What a problem `type` means: its code, HTTP status and what to do (HTML for browsers).',
        params: ProblemCodeParams,
        response: { 200: ProblemTypeSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const found = byCode.get(request.params.code);
      if (!found) throw notFound('problem type', request.params.code);
      if (!wantsHtml(request, reply)) return found;
      const body = `<h1><code>${escape(found.code)}</code></h1><p>${found.status} ${escape(found.title)}</p><p>${prose(found.description)}</p>`;
      return sendHtml(reply, page(found.code, body));
    },
  );
};
