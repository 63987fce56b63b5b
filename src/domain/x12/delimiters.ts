/**
 * X12 delimiters, read from the interchange header. The ISA is the one fixed-shape segment: its fourth character
 * is the element separator, ISA11 (from 00501) the repetition separator, ISA16 the component separator and the
 * character right after ISA16 the segment terminator (X12.5, "Interchange Control Header").
 */
export interface Delimiters {
  element: string;
  component: string;
  /** `null` when ISA11 is a standards identifier (before 00501) or collides with another delimiter. */
  repetition: string | null;
  segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

const ISA_ELEMENTS = 16;

/** Is `c` a letter or digit: such a character cannot be a delimiter (it would appear in data). */
function isAlphanumeric(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

export type IsaScan =
  | { kind: 'incomplete' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; delimiters: Delimiters; elements: string[]; length: number };

/**
 * Reads the delimiters of the ISA starting at `start` of `text` ("ISA" at `start`). The ISA elements are counted,
 * not taken at fixed offsets, so an ISA whose fixed-width fields were not padded still reads. `length` is the ISA's
 * length including its terminator.
 */
export function scanIsa(text: string, start: number): IsaScan {
  if (text.length < start + 4) return { kind: 'incomplete' };
  const element = text[start + 3]!;
  if (isAlphanumeric(element) || element === ' ' || element === '\r' || element === '\n') {
    return { kind: 'invalid', message: `ISA element separator '${element}' is not a delimiter` };
  }
  let at = start + 3;
  for (let n = 1; n < ISA_ELEMENTS; n++) {
    const next = text.indexOf(element, at + 1);
    if (next < 0 || next - start > 200) {
      return text.length - start > 200
        ? { kind: 'invalid', message: 'ISA does not have 16 elements' }
        : { kind: 'incomplete' };
    }
    at = next;
  }
  // `at` is the separator before ISA16; ISA16 is one character, then the segment terminator.
  if (text.length < at + 3) return { kind: 'incomplete' };
  const component = text[at + 1]!;
  const segment = text[at + 2]!;
  const elements = text.slice(start, at + 2).split(element);
  if (
    component === element ||
    segment === element ||
    segment === component ||
    isAlphanumeric(segment) ||
    segment === ' ' ||
    isAlphanumeric(component) ||
    /^\s$/.test(component)
  ) {
    return { kind: 'invalid', message: 'ISA delimiters collide or are letters, digits or blanks' };
  }
  const isa11 = elements[11] ?? '';
  const repetition =
    isa11.length === 1 &&
    !isAlphanumeric(isa11) &&
    isa11 !== ' ' &&
    isa11 !== element &&
    isa11 !== component &&
    isa11 !== segment
      ? isa11
      : null;
  return { kind: 'ok', delimiters: { element, component, repetition, segment }, elements, length: at + 3 - start };
}
