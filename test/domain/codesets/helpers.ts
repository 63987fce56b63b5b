import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CodeFileError } from '../../../src/domain/codesets/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const FIXTURES = path.resolve(here, '../../fixtures/codesets');
/** The real CMS files live beside the repository (../shared/data/codesets), never inside it. */
export const REAL_CODESETS = path.resolve(here, '../../../../shared/data/codesets');
export const realCodesetsPresent = existsSync(path.join(REAL_CODESETS, 'icd10cm_order_2026.txt'));

export function fixture(name: string): NodeJS.ReadableStream {
  return createReadStream(path.join(FIXTURES, name));
}

export function realFile(name: string): NodeJS.ReadableStream {
  return createReadStream(path.join(REAL_CODESETS, name));
}

export function textStream(text: string): NodeJS.ReadableStream {
  return Readable.from([Buffer.from(text, 'utf8')]);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Drains `items` and asserts it fails with a CodeFileError on `line` whose message matches `pattern`. */
export async function expectLineError(
  items: AsyncIterable<unknown>,
  line: number,
  pattern: RegExp,
): Promise<CodeFileError> {
  const error = await collect(items).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodeFileError);
  const codeError = error as CodeFileError;
  expect(codeError.lineNumber).toBe(line);
  expect(codeError.message.startsWith(`line ${line}: `)).toBe(true);
  expect(codeError.message).toMatch(pattern);
  return codeError;
}
