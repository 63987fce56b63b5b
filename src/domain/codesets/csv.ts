import { StringDecoder } from 'node:string_decoder';
import { Transform, pipeline } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { CodeFileError } from './types.js';

/** One CSV record with the physical line it starts on (1-based). */
export interface CsvRow {
  fields: string[];
  line: number;
}

export interface CsvReadOptions {
  /** Allow records with differing field counts (preambles, notices). Default false: csv-parse rejects them. */
  relaxColumnCount?: boolean;
}

/**
 * Streams CSV records out of a byte or text stream with csv-parse. Every error, csv-parse's own or the
 * caller's, names a line. Blank lines are skipped; a UTF-8 BOM is dropped.
 *
 * CRLF is turned into LF before csv-parse sees the text: csv-parse counts a CRLF inside a quoted field as
 * two lines, which would make every later line number wrong in files such as the MUE CSV, whose first
 * cell is a multi-line quoted notice.
 */
export async function* readCsv(input: NodeJS.ReadableStream, options: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  // Where the last complete record ended, as csv-parse produced it (it can run ahead of this consumer).
  let lastRecordEnd = 0;
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: options.relaxColumnCount ?? false,
    on_record: (record: string[], context: { lines: number }) => {
      lastRecordEnd = context.lines;
      return record;
    },
  });
  // Errors from any stage destroy the parser, which ends the loop below with that error.
  pipeline(input, crlfToLf(), parser, () => {});
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const embeddedNewlines = item.record.reduce((n, field) => n + countNewlines(field), 0);
      yield { fields: item.record, line: item.info.lines - embeddedNewlines };
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvFileError(error, lastRecordEnd);
    throw error;
  }
}

function csvFileError(error: CsvError, lastRecordEnd: number): CodeFileError {
  const reported = typeof error.lines === 'number' ? error.lines : lastRecordEnd + 1;
  const detail = error.message.replace(/\s+(on|at) line \d+\.?$/, '');
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse reports the end of the file; the unclosed quote is in the record after the last good one.
    return new CodeFileError(
      lastRecordEnd + 1,
      `malformed CSV: quote opened in this record is never closed (read to line ${reported})`,
    );
  }
  return new CodeFileError(reported, `malformed CSV: ${detail}`);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Stream stage that rewrites CRLF as LF, holding back a CR that ends a chunk until the next one arrives. */
function crlfToLf(): Transform {
  const decoder = new StringDecoder('utf8');
  let pendingCr = false;
  const convert = (text: string, final: boolean): string => {
    let s = (pendingCr ? '\r' : '') + text;
    pendingCr = !final && s.endsWith('\r');
    if (pendingCr) s = s.slice(0, -1);
    return s.replace(/\r\n/g, '\n');
  };
  return new Transform({
    transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      done(null, convert(text, false));
    },
    flush(done: TransformCallback) {
      done(null, convert(decoder.end(), true));
    },
  });
}

/**
 * Maps a header row to column positions. Header names are compared case-insensitively after trimming.
 * Throws a CodeFileError naming the header line when a required column is missing.
 */
export function columnIndex<K extends string>(
  header: CsvRow,
  columns: Record<K, readonly string[]>,
  optional: readonly NoInfer<K>[] = [],
): Record<K, number> {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const out = {} as Record<K, number>;
  for (const key of Object.keys(columns) as K[]) {
    const index = names.findIndex((n) => columns[key].includes(n));
    if (index === -1 && !optional.includes(key)) {
      throw new CodeFileError(header.line, `missing column ${columns[key].join(' / ')} in header`);
    }
    out[key] = index;
  }
  return out;
}

/** The trimmed cell at `index`, or '' when the column is absent (-1) or the row is short. */
export function cell(row: CsvRow, index: number): string {
  return index < 0 ? '' : (row.fields[index] ?? '').trim();
}
