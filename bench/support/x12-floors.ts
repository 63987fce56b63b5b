// node-x12 is a webpack-bundled CommonJS module: Node's ESM loader cannot see its named exports (as in
// test/domain/x12/independent-reader.test.ts), so it is imported whole.
import nodeX12 from 'node-x12';
import type { Delimiters } from '../../src/domain/x12/delimiters.js';

/** The floors of bench/x12.bench.ts: what the same X12 costs with the least work that still produces or reads it. */

const { X12Interchange } = nodeX12;
type Group = InstanceType<typeof nodeX12.X12FunctionalGroup>;
type Transaction = InstanceType<typeof nodeX12.X12Transaction>;

export interface PlainSegment {
  tag: string;
  elements: string[];
}

/** The segments of an interchange as tag + element strings (composites stay joined): the floor's input. */
export function segmentsOf(text: string, d: Delimiters): PlainSegment[] {
  return text
    .split(d.segment)
    .filter((s) => s.length > 0)
    .map((s) => {
      const [tag = '', ...elements] = s.split(d.element);
      return { tag, elements };
    });
}

/**
 * The 837P writing floor: node-x12's object model (X12Interchange → functional group → transaction → segments, each
 * segment from its element strings) built from segments already laid out, then serialized with toString(). node-x12
 * counts SE01 / GE01 / IEA01 and repeats the control numbers itself, so the envelope trailers are not passed.
 */
export function buildWithNodeX12(segments: readonly PlainSegment[], d: Delimiters): string {
  const interchange = new X12Interchange({
    elementDelimiter: d.element,
    segmentTerminator: d.segment,
    subElementDelimiter: d.component,
    ...(d.repetition ? { repetitionDelimiter: d.repetition } : {}),
  });
  let group: Group | null = null;
  let transaction: Transaction | null = null;
  for (const { tag, elements } of segments) {
    switch (tag) {
      case 'ISA':
        interchange.setHeader(elements);
        break;
      case 'GS':
        group = interchange.addFunctionalGroup();
        group.setHeader(elements);
        break;
      case 'ST':
        transaction = group!.addTransaction();
        transaction.setHeader(elements);
        break;
      case 'SE':
      case 'GE':
      case 'IEA':
        break;
      default:
        transaction!.addSegment(tag, elements);
    }
  }
  return interchange.toString();
}

/**
 * The 835 reading floor: a bare tokenizer over the same text, split on the segment terminator and then on the
 * element separator, touching every element (the sum of their lengths, returned so nothing is optimised away). No
 * envelope checks, no whitespace handling, no mapping.
 */
export function bareTokenize(text: string, d: Delimiters): number {
  let total = 0;
  for (const segment of text.split(d.segment)) {
    for (const element of segment.split(d.element)) total += element.length;
  }
  return total;
}
