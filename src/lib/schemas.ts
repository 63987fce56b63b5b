import { z } from 'zod';

/** RFC 9457 problem details, with our stable `code` and the request id. */
export const Problem = z
  .object({
    type: z.string().meta({
      description: 'URI reference of the problem type, served by this API: GET it for what the code means.',
      example: '/problems/validation_failed',
    }),
    title: z.string().meta({ example: 'Bad Request' }),
    status: z.number().int().min(400).max(599).meta({ example: 400 }),
    detail: z.string().meta({ example: 'The request is not valid.' }),
    code: z.string().meta({
      description: 'Stable snake_case error code; switch on this, not on text.',
      example: 'validation_failed',
    }),
    requestId: z.string().meta({ example: 'req-1a2b3c' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ example: 'birthDate' }),
          code: z.string().meta({ example: 'invalid_format' }),
          message: z.string().meta({ example: 'Invalid ISO date' }),
        }),
      )
      .optional()
      .meta({ description: 'One entry per invalid field (validation errors only).' }),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'An RFC 9457 problem details object.' });

// U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates) reorder what a reader sees ("Trojan
// Source"): a name or note displayed on a statement or a screen could read differently from what is stored.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// In a /u pattern a surrogate range matches only an unpaired half: it cannot be stored as UTF-8 text.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// C0 and C1 controls and DEL; a multi-line field keeps line feed and tab.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_BUT_LF_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

function textProblem(value: string, multiline: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate';
  // A multi-line field from a Windows client or an HTML textarea ends its lines with CR LF: that is a line feed.
  if ((multiline ? CONTROL_BUT_LF_TAB : CONTROL).test(multiline ? value.replaceAll('\r\n', '\n') : value))
    return multiline
      ? 'contains a control character (only line feed and tab are allowed)'
      : 'contains a control character';
  if (BIDI_CONTROL.test(value))
    return 'contains a bidirectional override or isolate character (U+202A–U+202E, U+2066–U+2069)';
  return null;
}

/**
 * Free text from a request: trimmed, stored NFC-normalized (so 'é' typed decomposed matches 'é' in searches,
 * duplicates and X12 output), and refusing what no field should hold: unpaired surrogates, control characters
 * and bidirectional overrides. `multiline` (notes, reasons, descriptions) also takes line feed and tab.
 * Chain `.min()`/`.max()` after it: lengths are counted on the normalized text.
 */
export const text = ({ multiline = false }: { multiline?: boolean } = {}) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const Address = z
  .object({
    line1: text().min(1).max(55).meta({ example: '123 Main St' }),
    line2: text().min(1).max(55).nullish().meta({ example: 'Suite 100' }),
    city: text().min(1).max(30).meta({ example: 'Springfield' }),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'two-letter US state code')
      .meta({ example: 'IL' }),
    postalCode: z
      .string()
      .regex(/^\d{5}(\d{4})?$/, '5 or 9 digits, no dash')
      .meta({
        description: 'ZIP code, 5 or 9 digits (9 required for billing providers on claims).',
        example: '627011234',
      }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('US')
      .meta({ example: 'US' }),
  })
  .strict()
  .meta({ id: 'Address', description: 'A US postal address.' });

/** A calendar date PostgreSQL can store (year 0001–9999; `z.iso.date()` alone accepts year 0000). */
export const IsoDate = z.iso
  .date()
  .refine((d) => !d.startsWith('0000'), 'year 0000 does not exist')
  .meta({ description: 'Calendar date, YYYY-MM-DD.', example: '2026-03-14' });
export const IsoDateTime = z.iso.datetime().meta({ example: '2026-03-14T15:09:26.535Z' });

export const idParam = (prefix: string, example: string) =>
  z.object({
    id: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `a ${prefix}_ id`)
      .meta({ example }),
  });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Page size, 1–100.' }),
  cursor: z.string().max(500).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  updatedSince: z.iso
    .datetime()
    .refine((d) => !d.startsWith('0000'), 'year 0000 does not exist')
    .optional()
    .meta({ description: 'Only objects updated at or after this instant; pages are ordered by (updatedAt, id).' }),
});

export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      object: z.literal('list'),
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` to get the next page; null on the last page.' }),
    })
    .meta({ id, description: `A page of ${id.replace(/List$/, '')} objects.` });

/**
 * Optional to the validator so that a missing If-Match is a 428 (precondition_required), not a 400; the
 * OpenAPI document marks it required, which is what a client must do (src/plugins/openapi-contract.ts).
 */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The ETag of the version being changed, from your last read.', example: '"v1"' }),
});

const splitValues = (value: unknown) =>
  value === undefined
    ? value
    : (Array.isArray(value) ? value : [value]).flatMap((v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [v],
      );

/**
 * A query filter that takes several values, repeated (`?status=ready&status=submitted`), comma-separated
 * (`?status=ready,submitted`) or both; documented as an array of `item`.
 */
export const manyOf = <T extends z.ZodType>(item: T, max: number, min = 1) =>
  z.preprocess(splitValues, z.array(item).min(min).max(max));

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'Retries with the same key replay the first response for 24 hours.' }),
});

export const Metadata = {
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** Text that may go into an X12 element as it is: no delimiter (* : ^ ~ | >) and no line break. */
export const X12Text = (max: number) =>
  text()
    .min(1)
    .max(max)
    .regex(/^[^*:^~|>\r\n]+$/, 'no X12 delimiters (* : ^ ~ | >) or line breaks');
