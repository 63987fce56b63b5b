import { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.js';
import { X12WriteError } from './errors.js';

/**
 * The X12 writer: segments from typed values, envelopes with their counts and control numbers. Nothing is escaped
 * (X12 has no escape character): a value holding a delimiter or a line break is refused, naming the element.
 */

/** An element: text, a composite (its components), or nothing (an empty element, dropped when trailing). */
export type Element = string | readonly (string | undefined | null)[] | undefined | null;

export interface SegmentWriter {
  segment(tag: string, ...elements: Element[]): void;
  /** Segments written since the writer was made. */
  readonly count: number;
}

function ref(tag: string, index: number, component?: number): string {
  const n = index < 10 ? `0${index}` : String(index);
  return component === undefined ? `${tag}${n}` : `${tag}${n}-${component}`;
}

/**
 * A test for any delimiter of the set or a line break in a value: what a value must not contain. A table of
 * character codes when every delimiter is one character below 256 (as an ISA's are), else a regex. The writer
 * checks every element it writes, and a loop over a value's codes is several times cheaper than `RegExp#test`.
 */
function forbiddenTest(d: Delimiters): (value: string) => boolean {
  const chars = [d.element, d.component, d.segment, ...(d.repetition ? [d.repetition] : []), '\r', '\n'];
  if (chars.some((c) => c.length !== 1 || c.charCodeAt(0) > 255)) {
    const pattern = new RegExp(`[${chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`);
    return (value) => pattern.test(value);
  }
  const table = new Uint8Array(256);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return (value) => {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code < 256 && table[code] === 1) return true;
    }
    return false;
  };
}

export function createSegmentWriter(out: string[], delimiters: Delimiters = DEFAULT_DELIMITERS): SegmentWriter {
  return segmentWriter(delimiters, (segment) => out.push(segment));
}

function segmentWriter(delimiters: Delimiters, emit: (segment: string) => void): SegmentWriter {
  const forbidden = forbiddenTest(delimiters);
  const { element: sep, component: csep, segment: term } = delimiters;
  let count = 0;
  const check = (value: string, tag: string, index: number, component?: number) => {
    if (forbidden(value)) {
      throw new X12WriteError(ref(tag, index, component), `'${value}' holds an X12 delimiter or line break`);
    }
  };
  return {
    segment(tag, ...elements) {
      let last = elements.length;
      while (last > 0 && isEmpty(elements[last - 1])) last--;
      let line = tag;
      for (let i = 0; i < last; i++) {
        const value = elements[i];
        line += sep;
        if (value === undefined || value === null) continue;
        if (typeof value === 'string') {
          check(value, tag, i + 1);
          line += value;
          continue;
        }
        let end = value.length;
        while (end > 0 && !value[end - 1]) end--;
        for (let c = 0; c < end; c++) {
          const part = value[c] ?? '';
          check(part, tag, i + 1, c + 1);
          line += c === 0 ? part : csep + part;
        }
      }
      emit(line + term);
      count++;
    },
    get count() {
      return count;
    },
  };
}

function isEmpty(value: Element): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value === 'string') return false;
  return value.every((part) => !part);
}

export interface InterchangeSpec {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09/ISA10: YYMMDD and HHMM. */
  date: string;
  time: string;
  /** ISA13: 1…999,999,999. */
  controlNumber: number;
  usage: 'T' | 'P';
  acknowledgmentRequested: boolean;
  groups: GroupSpec[];
}

export interface GroupSpec {
  functionalId: string;
  sender: string;
  receiver: string;
  /** GS04/GS05: CCYYMMDD and HHMM. */
  date: string;
  time: string;
  controlNumber: number;
  version: string;
  transactions: TransactionSpec[];
}

export interface TransactionSpec {
  type: string;
  controlNumber: number;
  /** ST03 implementation convention reference (the guide's version, e.g. 005010X222A1). */
  implementation: string;
  body(writer: SegmentWriter): void;
}

function fixed(value: string, width: number, field: string): string {
  if (value.length > width) throw new X12WriteError(field, `'${value}' is longer than ${width} characters`);
  return value.padEnd(width, ' ');
}

function controlNumber(n: number, width: number, field: string): string {
  if (!Number.isSafeInteger(n) || n < 1 || String(n).length > 9) {
    throw new X12WriteError(field, `control number ${String(n)} is not 1…999999999`);
  }
  return String(n).padStart(width, '0');
}

/**
 * Segments are joined into a chunk every CHUNK_SEGMENTS, and the chunks into the file at the end. A segment is a
 * chain of concatenations until something joins it: kept one string per segment until the end, an interchange of
 * 20,000 claims held some 300 MB of them through every garbage collection (half the writing time); joined in
 * chunks, they are garbage before the next collection looks.
 */
const CHUNK_SEGMENTS = 256;

/** Writes one interchange; SE01, GE01 and IEA01 are counted, trailers repeat their headers' control numbers. */
export function writeInterchange(spec: InterchangeSpec, delimiters: Delimiters = DEFAULT_DELIMITERS): string {
  const out: string[] = [];
  const isa13 = controlNumber(spec.controlNumber, 9, 'ISA13');
  const d = delimiters;
  const isa = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    fixed(spec.senderQualifier, 2, 'ISA05'),
    fixed(spec.senderId, 15, 'ISA06'),
    fixed(spec.receiverQualifier, 2, 'ISA07'),
    fixed(spec.receiverId, 15, 'ISA08'),
    fixed(spec.date, 6, 'ISA09'),
    fixed(spec.time, 4, 'ISA10'),
    d.repetition ?? 'U',
    '00501',
    isa13,
    spec.acknowledgmentRequested ? '1' : '0',
    spec.usage,
    d.component,
  ];
  for (let i = 1; i < 16; i++) {
    if (i === 11) continue;
    const value = isa[i]!;
    if ([d.element, d.component, d.segment, d.repetition, '\r', '\n'].some((c) => c && value.includes(c))) {
      throw new X12WriteError(ref('ISA', i), `'${value.trim()}' holds an X12 delimiter or line break`);
    }
  }
  out.push(isa.join(d.element) + d.segment);
  let pending: string[] = [];
  const writer = segmentWriter(d, (segment) => {
    pending.push(segment);
    if (pending.length === CHUNK_SEGMENTS) {
      out.push(pending.join(''));
      pending = [];
    }
  });
  for (const group of spec.groups) {
    const gs06 = controlNumber(group.controlNumber, 1, 'GS06');
    writer.segment(
      'GS',
      group.functionalId,
      group.sender,
      group.receiver,
      group.date,
      group.time,
      gs06,
      'X',
      group.version,
    );
    for (const set of group.transactions) {
      const st02 = controlNumber(set.controlNumber, 4, 'ST02');
      const before = writer.count;
      writer.segment('ST', set.type, st02, set.implementation);
      set.body(writer);
      writer.segment('SE', String(writer.count - before + 1), st02);
    }
    writer.segment('GE', String(group.transactions.length), gs06);
  }
  writer.segment('IEA', String(spec.groups.length), isa13);
  out.push(pending.join(''));
  return out.join('');
}
