import { z } from 'zod';
import { PLATFORM_ERRORS } from './platform.errors.js';
import { AppError } from './problem.js';

/** Raw X12 uploads (999, 277CA, 835): remittance files run large, so their routes take up to this much. */
export const X12_BODY_LIMIT = 64 * 1024 * 1024;

/** The media types a raw X12 file may be posted as (text/plain uses Fastify's own string parser). */
export const X12_MEDIA_TYPES = ['application/edi-x12', 'text/plain', 'application/octet-stream'] as const;

/** The body of a raw X12 upload: the file as sent. */
export const X12File = z.string().min(1).meta({ description: 'The X12 file as received, unchanged.' });

/**
 * An upload route's preValidation: a body sent as anything but a raw X12 media type (JSON, a form) is a 415, not a
 * file to read.
 */
export function requireX12MediaType(contentType: string | undefined): void {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(X12_MEDIA_TYPES as readonly string[]).includes(type)) {
    throw new AppError(
      PLATFORM_ERRORS.unsupported_media_type,
      `Post the X12 file raw, as ${X12_MEDIA_TYPES.join(', ')}; got '${type || 'no Content-Type'}'.`,
    );
  }
}
