import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

const BOM = '\uFEFF';

/**
 * Yields the lines of a text stream one at a time, without CR/LF (CMS files are CRLF) and with a UTF-8
 * byte-order mark removed from the first line. A final line terminator does not produce an empty line.
 * Memory stays flat however large the file is. When the consumer stops before the end, the stream is destroyed.
 */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  let finished = false;
  try {
    for await (const line of reader) {
      if (first) {
        first = false;
        yield line.startsWith(BOM) ? line.slice(1) : line;
      } else {
        yield line;
      }
    }
    finished = true;
  } finally {
    reader.close();
    // A consumer that stops early (a parse error, a break) must not leave the file open.
    if (!finished && 'destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
  }
}

/** The lines of an in-memory text, the same way `readLines` would read them from a file. */
export function textLines(text: string): AsyncGenerator<string> {
  return readLines(Readable.from([text]));
}
