import { describe, expect, it } from 'vitest';
import { readLines, textLines } from '../../../src/domain/codesets/lines.js';
import { collect, textStream } from './helpers.js';

describe('readLines', () => {
  it.each([
    ['CRLF endings', 'a\r\nb\r\n', ['a', 'b']],
    ['LF endings', 'a\nb', ['a', 'b']],
    ['a UTF-8 byte-order mark', '\uFEFFa\r\nb\r\n', ['a', 'b']],
    ['blank lines in the middle and at the end', 'a\r\n\r\nb\r\n\r\n', ['a', '', 'b', '']],
  ])('splits text with %s', async (_name, text, expected) => {
    expect(await collect(readLines(textStream(text)))).toEqual(expected);
    expect(await collect(textLines(text))).toEqual(expected);
  });

  it('keeps a line that is split across stream chunks whole', async () => {
    const { Readable } = await import('node:stream');
    const stream = Readable.from([Buffer.from('abc\r'), Buffer.from('\ndef'), Buffer.from('\r\n')]);
    expect(await collect(readLines(stream))).toEqual(['abc', 'def']);
  });
});

describe('readLines on early exit', () => {
  it('destroys the stream when the consumer stops before the end', async () => {
    const { Readable } = await import('node:stream');
    const stream = Readable.from(['a\nb\nc\n']);
    for await (const line of readLines(stream)) {
      expect(line).toBe('a');
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
