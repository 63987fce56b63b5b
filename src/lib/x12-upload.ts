import { z } from 'zod';

/** Raw X12 uploads (999, 277CA, 835): remittance files run large, so their routes take up to this much. */
export const X12_BODY_LIMIT = 64 * 1024 * 1024;

/** The media types a raw X12 file may be posted as (text/plain uses Fastify's own string parser). */
export const X12_MEDIA_TYPES = ['application/edi-x12', 'text/plain', 'application/octet-stream'] as const;

/** The body of a raw X12 upload: the file as sent. */
export const X12File = z.string().min(1).meta({ description: 'The X12 file as received, unchanged.' });
