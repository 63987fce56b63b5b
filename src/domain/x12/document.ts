import type { Delimiters } from './delimiters.js';
import type { X12Issue } from './errors.js';
import {
  createX12Stream,
  type GroupHeader,
  type InterchangeHeader,
  type ReadOptions,
  type Segment,
  type TransactionHeader,
} from './reader.js';

/** A whole file in memory: for files that fit (requests, tests). Big files go through `createX12Stream`. */
export interface X12Transaction extends TransactionHeader {
  segments: Segment[];
  delimiters: Delimiters;
}
export interface X12Group extends GroupHeader {
  transactions: X12Transaction[];
}
export interface X12Interchange extends InterchangeHeader {
  groups: X12Group[];
  /** Segments between ISA and GS (TA1). */
  segments: Segment[];
}
export interface X12Document {
  interchanges: X12Interchange[];
  warnings: X12Issue[];
  segmentCount: number;
}

export function parseX12(text: string, options: ReadOptions = {}): X12Document {
  const interchanges: X12Interchange[] = [];
  let group: X12Group | null = null;
  let transaction: X12Transaction | null = null;
  const stream = createX12Stream(
    {
      interchange(header) {
        interchanges.push({ ...header, groups: [], segments: [] });
      },
      group(header) {
        group = { ...header, transactions: [] };
        interchanges.at(-1)!.groups.push(group);
      },
      transaction(header) {
        transaction = { ...header, segments: [], delimiters: interchanges.at(-1)!.delimiters };
        group!.transactions.push(transaction);
      },
      segment(segment) {
        transaction!.segments.push(segment);
      },
      interchangeSegment(segment) {
        interchanges.at(-1)!.segments.push(segment);
      },
    },
    options,
  );
  stream.write(text);
  const { warnings, segments } = stream.end();
  return { interchanges, warnings, segmentCount: segments };
}

/** Every transaction set of a document, in file order. */
export function transactionsOf(document: X12Document): X12Transaction[] {
  return document.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions));
}

/** Element `n` of a segment ('' when absent), numbered as the guides number them (NM103 is `el(s, 3)`). */
export function el(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** The components of a composite element. */
export function components(value: string, delimiters: Delimiters): string[] {
  return value.split(delimiters.component);
}

/** The repeats of a repeatable element (a single repeat when the interchange has no repetition separator). */
export function repeats(value: string, delimiters: Delimiters): string[] {
  return delimiters.repetition ? value.split(delimiters.repetition) : [value];
}
