import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

const BOM = '\uFEFF';

/**
 * Yields the lines of a text stream one at a time, without CR/LF (CMS files are CRLF) and with a UTF-8
 * byte-order mark removed from the first line. A final line terminator does not produce an empty line.
 * Memory stays flat however large the file is.
 */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of reader) {
      if (first) {
        first = false;
        yield line.startsWith(BOM) ? line.slice(1) : line;
      } else {
        yield line;
      }
    }
  } finally {
    reader.close();
  }
}

/** The lines of an in-memory text, the same way `readLines` would read them from a file. */
export function textLines(text: string): AsyncGenerator<string> {
  return readLines(Readable.from([text]));
}
