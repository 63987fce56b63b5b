import { type Delimiters, scanIsa } from './delimiters.js';
import { type EnvelopeIssueKind, X12Error, type X12Issue } from './errors.js';

/**
 * The X12 reader: a push tokenizer (give it the file in chunks of any size) and an envelope checker on top.
 * It holds one unfinished segment at a time, so a file of any size streams through in constant memory.
 *
 * Accepted around the segments: a UTF-8 BOM, whitespace and line breaks before a tag (pretty-printed files,
 * CRLF after each terminator), a newline or CR as the terminator itself, and a last segment without terminator.
 */

/** One segment: `elements[0]` is the tag, so `elements[3]` is element 03 as the guides number it. */
export interface Segment {
  readonly elements: readonly string[];
  /** 1-based position of the segment in the file. */
  readonly position: number;
}

export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  controlNumber: string;
  usage: string;
  delimiters: Delimiters;
  position: number;
}

export interface GroupHeader {
  functionalId: string;
  sender: string;
  receiver: string;
  date: string;
  time: string;
  controlNumber: string;
  version: string;
  position: number;
}

export interface TransactionHeader {
  type: string;
  controlNumber: string;
  /** ST03, or GS08 when ST03 is absent. */
  implementation: string;
  position: number;
}

/** What the envelope checker reports while reading; every callback is optional but `segment`. */
export interface X12Handler {
  interchange?(header: InterchangeHeader): void;
  group?(header: GroupHeader, interchange: InterchangeHeader): void;
  transaction?(header: TransactionHeader, group: GroupHeader): void;
  /** A segment inside a transaction set (ST and SE themselves are not passed). */
  segment(segment: Segment, transaction: TransactionHeader, delimiters: Delimiters): void;
  transactionEnd?(header: TransactionHeader): void;
  /** A segment between ISA and GS, such as TA1. */
  interchangeSegment?(segment: Segment, interchange: InterchangeHeader): void;
}

export interface ReadOptions {
  /** Envelope defects reported as warnings instead of refusing the file: `'all'`, or a list of kinds. */
  lenient?: 'all' | readonly EnvelopeIssueKind[];
}

export interface X12Stream {
  write(chunk: string): void;
  /** Finishes the file: the last segment may lack its terminator; open envelopes are reported. */
  end(): { warnings: X12Issue[]; segments: number };
}

const BOM = 0xfeff;
const MAX_ELEMENT = 264;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === BOM;
}

function isTagChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/** A trailer count (SE01, GE01, IEA01): digits only, so '' or '0x22' never pass for a number. */
function count(value: string | undefined): number {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

export function createX12Stream(handler: X12Handler, options: ReadOptions = {}): X12Stream {
  const lenient = options.lenient ?? [];
  const warnings: X12Issue[] = [];
  let buffer = '';
  let delimiters: Delimiters | null = null;
  let position = 0;

  let isa: InterchangeHeader | null = null;
  let groupCount = 0;
  let gs: GroupHeader | null = null;
  let setCount = 0;
  let st: TransactionHeader | null = null;
  let setSegments = 0;

  const report = (issue: X12Issue, kind: EnvelopeIssueKind) => {
    if (lenient === 'all' || lenient.includes(kind)) warnings.push(issue);
    else throw new X12Error([issue]);
  };
  const fatal = (issue: X12Issue): never => {
    throw new X12Error([issue]);
  };

  const closeTransaction = (at: string, atPosition: number) => {
    if (!st) return;
    report(
      {
        kind: 'missing_se',
        message: `Transaction set ${st.type} ${st.controlNumber} has no SE`,
        segment: at,
        position: atPosition,
        controlNumber: st.controlNumber,
      },
      'missing_se',
    );
    handler.transactionEnd?.(st);
    st = null;
  };
  const closeGroup = (at: string, atPosition: number) => {
    closeTransaction(at, atPosition);
    if (!gs) return;
    report(
      {
        kind: 'missing_ge',
        message: `Functional group ${gs.controlNumber} has no GE`,
        segment: at,
        position: atPosition,
        controlNumber: gs.controlNumber,
      },
      'missing_ge',
    );
    gs = null;
  };

  const mismatch = (kind: EnvelopeIssueKind, tag: string, message: string, controlNumber: string) =>
    report({ kind, message, segment: tag, position, controlNumber }, kind);

  const onSegment = (elements: string[]) => {
    const tag = elements[0]!;
    const d = delimiters!;
    if (st && tag !== 'SE' && tag !== 'GE' && tag !== 'IEA' && tag !== 'ST' && tag !== 'GS' && tag !== 'ISA') {
      setSegments++;
      handler.segment({ elements, position }, st, d);
      return;
    }
    switch (tag) {
      case 'GS': {
        if (!isa)
          return fatal({
            kind: 'segment_outside_envelope',
            message: 'GS outside an interchange',
            segment: tag,
            position,
          });
        closeGroup(tag, position);
        gs = {
          functionalId: elements[1] ?? '',
          sender: elements[2] ?? '',
          receiver: elements[3] ?? '',
          date: elements[4] ?? '',
          time: elements[5] ?? '',
          controlNumber: elements[6] ?? '',
          version: elements[8] ?? '',
          position,
        };
        groupCount++;
        setCount = 0;
        handler.group?.(gs, isa);
        return;
      }
      case 'ST': {
        if (!gs)
          return fatal({
            kind: 'segment_outside_envelope',
            message: 'ST outside a functional group',
            segment: tag,
            position,
          });
        closeTransaction(tag, position);
        st = {
          type: elements[1] ?? '',
          controlNumber: elements[2] ?? '',
          implementation: elements[3] || gs.version,
          position,
        };
        setCount++;
        setSegments = 1;
        handler.transaction?.(st, gs);
        return;
      }
      case 'SE': {
        if (!st) return fatal({ kind: 'segment_outside_envelope', message: 'SE without ST', segment: tag, position });
        setSegments++;
        const counted = count(elements[1]);
        if (counted !== setSegments) {
          mismatch(
            'se_count_mismatch',
            tag,
            `SE01 says ${elements[1] ?? ''} segments, the set has ${setSegments}`,
            st.controlNumber,
          );
        }
        if ((elements[2] ?? '') !== st.controlNumber) {
          mismatch(
            'se_control_mismatch',
            tag,
            `SE02 ${elements[2] ?? ''} differs from ST02 ${st.controlNumber}`,
            st.controlNumber,
          );
        }
        handler.transactionEnd?.(st);
        st = null;
        return;
      }
      case 'GE': {
        if (!gs) return fatal({ kind: 'segment_outside_envelope', message: 'GE without GS', segment: tag, position });
        closeTransaction(tag, position);
        if (count(elements[1]) !== setCount) {
          mismatch(
            'ge_count_mismatch',
            tag,
            `GE01 says ${elements[1] ?? ''} transaction sets, the group has ${setCount}`,
            gs.controlNumber,
          );
        }
        if ((elements[2] ?? '') !== gs.controlNumber) {
          mismatch(
            'ge_control_mismatch',
            tag,
            `GE02 ${elements[2] ?? ''} differs from GS06 ${gs.controlNumber}`,
            gs.controlNumber,
          );
        }
        gs = null;
        return;
      }
      case 'IEA': {
        if (!isa)
          return fatal({ kind: 'segment_outside_envelope', message: 'IEA without ISA', segment: tag, position });
        closeGroup(tag, position);
        if (count(elements[1]) !== groupCount) {
          mismatch(
            'iea_count_mismatch',
            tag,
            `IEA01 says ${elements[1] ?? ''} groups, the interchange has ${groupCount}`,
            isa.controlNumber,
          );
        }
        if ((elements[2] ?? '') !== isa.controlNumber) {
          mismatch(
            'iea_control_mismatch',
            tag,
            `IEA02 ${elements[2] ?? ''} differs from ISA13 ${isa.controlNumber}`,
            isa.controlNumber,
          );
        }
        isa = null;
        delimiters = null;
        return;
      }
      default: {
        // Between ISA and the first GS (TA1) only: after a GE the interchange holds groups, not loose segments.
        if (isa && !gs && groupCount === 0) {
          handler.interchangeSegment?.({ elements, position }, isa);
          return;
        }
        return fatal({
          kind: 'segment_outside_envelope',
          message: `${tag} is outside a transaction set`,
          segment: tag,
          position,
        });
      }
    }
  };

  const startInterchange = (elements: string[], d: Delimiters) => {
    position++;
    if (isa) {
      closeGroup('ISA', position);
      report(
        {
          kind: 'missing_iea',
          message: `Interchange ${isa.controlNumber} has no IEA`,
          segment: 'ISA',
          position,
          controlNumber: isa.controlNumber,
        },
        'missing_iea',
      );
    }
    delimiters = d;
    isa = {
      senderQualifier: elements[5] ?? '',
      senderId: (elements[6] ?? '').trim(),
      receiverQualifier: elements[7] ?? '',
      receiverId: (elements[8] ?? '').trim(),
      date: elements[9] ?? '',
      time: elements[10] ?? '',
      version: elements[12] ?? '',
      controlNumber: elements[13] ?? '',
      usage: elements[15] ?? '',
      delimiters: d,
      position,
    };
    groupCount = 0;
    handler.interchange?.(isa);
  };

  /** Consumes complete segments from `buffer`; `final` also takes the unterminated rest. */
  const drain = (final: boolean) => {
    let at = 0;
    const text = buffer;
    for (;;) {
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      if (at >= text.length) break;
      const d = delimiters;
      if (!d || text.startsWith('ISA', at)) {
        if (!text.startsWith('ISA', at)) {
          if (text.length - at < 3 && !final) break;
          const tag = text.slice(at, at + 3);
          return fatal(
            position === 0
              ? { kind: 'not_x12', message: 'The file does not start with an ISA segment', segment: tag, position: 1 }
              : {
                  kind: 'segment_outside_envelope',
                  message: 'Data after the interchange trailer (IEA)',
                  segment: tag,
                  position: position + 1,
                },
          );
        }
        const scan = scanIsa(text, at);
        if (scan.kind === 'incomplete' && !final) break;
        if (scan.kind !== 'ok') {
          return fatal({
            kind: 'bad_isa',
            message: scan.kind === 'invalid' ? scan.message : 'The ISA segment is truncated',
            segment: 'ISA',
            position: position + 1,
          });
        }
        startInterchange(scan.elements, scan.delimiters);
        at += scan.length;
        continue;
      }
      let end = text.indexOf(d.segment, at);
      if (end < 0) {
        if (!final) break;
        end = text.length;
      }
      const unterminated = end === text.length;
      let raw = text.slice(at, end);
      at = end + 1;
      // A trailing line break after an unterminated last segment, or the CR of a CRLF file with a newline
      // terminator (only the CR: spaces before the newline are data).
      if (unterminated) {
        while (raw.length > 0 && isSpace(raw.charCodeAt(raw.length - 1))) raw = raw.slice(0, -1);
      } else if (d.segment === '\n' && raw.endsWith('\r')) {
        raw = raw.slice(0, -1);
      }
      if (raw.length === 0) continue;
      position++;
      const elements = raw.split(d.element);
      const tag = elements[0]!;
      if (
        tag.length < 2 ||
        tag.length > 3 ||
        !isTagChar(tag.charCodeAt(0)) ||
        !isTagChar(tag.charCodeAt(1)) ||
        (tag.length === 3 && !isTagChar(tag.charCodeAt(2)))
      ) {
        // An empty tag ('*IC*…'): name the segment by its text, so the issue still says which one it is.
        const named = tag === '' ? raw.slice(0, 20) : tag.slice(0, 10);
        return fatal({
          kind: 'bad_segment_tag',
          message: `'${named}' is not a segment tag`,
          segment: named,
          position,
          ...(st ? { controlNumber: st.controlNumber } : {}),
        });
      }
      // No X12 element is longer than 264 characters (MSG01, the longest of the 5010 dictionary): anything longer is
      // not data a guide allows, and would be stored as it came.
      if (raw.length > MAX_ELEMENT) {
        const long = elements.findIndex((e) => e.length > MAX_ELEMENT);
        if (long >= 0) {
          return fatal({
            kind: 'element_too_long',
            message: `${tag}${String(long).padStart(2, '0')} is ${elements[long]!.length} characters long; no X12 element is longer than ${MAX_ELEMENT}`,
            segment: tag,
            position,
            ...(st ? { controlNumber: st.controlNumber } : {}),
          });
        }
      }
      onSegment(elements);
    }
    buffer = text.slice(at);
  };

  return {
    write(chunk) {
      buffer = buffer.length === 0 ? chunk : buffer + chunk;
      drain(false);
    },
    end() {
      drain(true);
      if (position === 0)
        fatal({ kind: 'empty_file', message: 'The file holds no X12 segment', segment: '', position: 0 });
      if (isa) {
        const header: InterchangeHeader = isa;
        closeGroup('IEA', position + 1);
        report(
          {
            kind: 'missing_iea',
            message: `Interchange ${header.controlNumber} has no IEA`,
            segment: 'IEA',
            position: position + 1,
            controlNumber: header.controlNumber,
          },
          'missing_iea',
        );
      }
      return { warnings, segments: position };
    },
  };
}
