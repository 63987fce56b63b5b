import type { Delimiters } from './delimiters.js';
import { components, repeats } from './document.js';
import {
  type AckContext,
  elementName,
  fail,
  optional,
  optionalNumber,
  rawSegment,
  required,
  wholeNumber,
} from './ack.elements.js';
import type { Ack999Context, Ack999ElementPosition } from './ack-999.types.js';
import type { Segment } from './reader.js';

/** 999 positions (C030) and contexts (CTX), shared by the segment (IK3) and element (IK4) errors. */

/** IK401 / CTX05: "2", "5:3", "4:1:2". The element position is required, the other two are situational. */
export function elementPosition(ctx: AckContext, s: Segment, n: number, d: Delimiters): Ack999ElementPosition {
  const parts = components(required(ctx, s, n), d);
  const at = (i: number) => {
    const part = parts[i] ?? '';
    return part === '' ? null : wholeNumber(ctx, s, part, elementName(s, n, i + 1));
  };
  const element = at(0);
  if (element === null) {
    const name = elementName(s, n, 1);
    return fail(ctx, 'missing_element', s, `${name} is required`, name);
  }
  return { element, component: at(1), repeat: at(2) };
}

export function readContext(ctx: AckContext, s: Segment, d: Delimiters): Ack999Context {
  // CTX01 may repeat (staedi's sample repeats SITUATIONAL TRIGGER); each repeat is C998: name, then reference.
  const identifications = repeats(required(ctx, s, 1), d).map((value) => {
    const [name = '', reference = ''] = components(value, d);
    return { name, reference: reference === '' ? null : reference };
  });
  return {
    raw: rawSegment(s, d.element),
    identifications,
    segmentId: optional(s, 2),
    segmentPosition: optionalNumber(ctx, s, 3),
    loop: optional(s, 4),
    elementPosition: optional(s, 5) === null ? null : elementPosition(ctx, s, 5, d),
    elementReference: optional(s, 6),
    position: s.position,
  };
}
