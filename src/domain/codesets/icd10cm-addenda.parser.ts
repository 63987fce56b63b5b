import { ICD10CM_KEY, icdToDisplay, normalizeCode } from './code-format.js';
import { CodeFileError } from './types.js';
import type { CodeRecord } from './types.js';

/*
 * CMS ICD-10-CM order-file addenda (icd10cm_order_addenda_<FY>.txt): every order-file row the new fiscal year
 * adds, deletes or retitles, in the order file's fixed width but without order numbers and with the flag
 * before the code (1-based positions):
 *   1–13 action (`Add:`, `Delete:`, `Revise from:`, `Revise to:`) | 14 flag (0 header, 1 billable) |
 *   16–22 code without the dot | 24–83 short description | 85–end long description.
 * A code that turns from billable into a header is a `Delete: 1 X` + `Add: 0 X` pair. After a blank line CMS
 * writes a plain-text summary whose counts ("74719 codes in icd10cm_order_2026.txt") let the importer check that
 * the addenda apply to the release it loaded and that the result is the next year's file.
 */

export type AddendaAction = 'add' | 'delete' | 'revise';

export interface AddendaChange {
  action: AddendaAction;
  /** The row as the new release has it (add, revise) or as the old one had it (delete). */
  record: CodeRecord;
  /** For a revision: the row the old release must hold. */
  from?: CodeRecord;
  line: number;
}

/** One side of the summary: how many headers and billable codes an order file holds. */
export interface OrderFileCounts {
  fileName: string;
  headers: number;
  codes: number;
}

export interface IcdAddenda {
  changes: AddendaChange[];
  /** The summary's totals for the old and new order files, when the file carries the summary. */
  base: OrderFileCounts | null;
  target: OrderFileCounts | null;
}

const ACTIONS: Record<string, 'add' | 'delete' | 'from' | 'to'> = {
  'Add:': 'add',
  'Delete:': 'delete',
  'Revise from:': 'from',
  'Revise to:': 'to',
};
const SHORT_START = 23;
const SHORT_END = 83;
const LONG_START = 84;

function parseChangeLine(
  line: string,
  lineNumber: number,
): { kind: 'add' | 'delete' | 'from' | 'to'; record: CodeRecord } {
  const fail = (message: string): never => {
    throw new CodeFileError(lineNumber, message);
  };
  const label = line.slice(0, 13).trim();
  const kind =
    ACTIONS[label] ?? fail(`unknown action "${label}" in positions 1-13 (Add:, Delete:, Revise from:, Revise to:)`);
  if (line.length <= LONG_START) fail(`line is too short (${line.length} characters) for the addenda layout`);
  if (line[14] !== ' ' || line[22] !== ' ' || line[SHORT_END] !== ' ') {
    fail('expected blanks at positions 15, 23 and 84 (fixed-width addenda layout)');
  }
  const flag = line[13];
  if (flag !== '0' && flag !== '1') fail(`header/billable flag must be 0 or 1 in position 14, got "${flag}"`);
  const key = line.slice(15, 22).trimEnd();
  if (!ICD10CM_KEY.test(key)) fail(`invalid ICD-10-CM code "${key}" in positions 16-22`);
  const shortDescription = line.slice(SHORT_START, SHORT_END).trim();
  const longDescription = line.slice(LONG_START).trim();
  if (!shortDescription || !longDescription) fail(`code ${key} has an empty description`);
  return {
    kind,
    record: {
      system: 'icd10cm',
      code: icdToDisplay(key),
      shortDescription,
      longDescription,
      billable: flag === '1',
      effectiveFrom: null,
      effectiveTo: null,
      // The addenda carry no order numbers (the new file renumbers every row).
      attributes: {},
    },
  };
}

/** Reads the summary's "<n> headers in <file>" / "<n> codes in <file>" lines: first the old file, then the new. */
function readSummary(lines: string[]): { base: OrderFileCounts | null; target: OrderFileCounts | null } {
  const counts = new Map<string, Partial<OrderFileCounts>>();
  const order: string[] = [];
  for (const line of lines) {
    const m = /^\s*(\d+)\s+(headers|codes)\s+in\s+(\S+)\s*$/.exec(line);
    if (!m) continue;
    const [, n, kind, fileName] = m as unknown as [string, string, 'headers' | 'codes', string];
    if (!counts.has(fileName)) {
      counts.set(fileName, { fileName });
      order.push(fileName);
    }
    counts.get(fileName)![kind] = Number(n);
  }
  const complete = order
    .map((name) => counts.get(name)!)
    .filter((c): c is OrderFileCounts => c.headers !== undefined && c.codes !== undefined);
  return complete.length === 2 ? { base: complete[0]!, target: complete[1]! } : { base: null, target: null };
}

/**
 * Parses a whole addenda file (tens of kilobytes). Change records end at the first blank line; what follows is
 * the summary. Each code may be added, deleted and revised at most once, and a `Revise from:` must be followed by
 * the `Revise to:` of the same code, or the file is refused with the line named.
 */
export function parseIcd10cmAddenda(lines: readonly string[]): IcdAddenda {
  const changes: AddendaChange[] = [];
  const seen = new Set<string>();
  let pendingFrom: { record: CodeRecord; line: number } | null = null;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNumber = i + 1;
    if (line.trim() === '') {
      end = i;
      break;
    }
    const { kind, record } = parseChangeLine(line, lineNumber);
    if (pendingFrom && kind !== 'to') {
      throw new CodeFileError(
        lineNumber,
        `"Revise from:" ${pendingFrom.record.code} (line ${pendingFrom.line}) has no "Revise to:"`,
      );
    }
    if (kind === 'from') {
      pendingFrom = { record, line: lineNumber };
      continue;
    }
    if (kind === 'to') {
      if (!pendingFrom || pendingFrom.record.code !== record.code) {
        throw new CodeFileError(
          lineNumber,
          `"Revise to:" ${record.code} does not follow a "Revise from:" of the same code`,
        );
      }
      changes.push({ action: 'revise', record, from: pendingFrom.record, line: lineNumber });
      pendingFrom = null;
    } else {
      changes.push({ action: kind, record, line: lineNumber });
    }
    const action = kind === 'to' ? 'revise' : kind;
    const key = `${action}|${normalizeCode('icd10cm', record.code)}`;
    if (seen.has(key)) throw new CodeFileError(lineNumber, `${record.code} is listed twice as "${action}"`);
    seen.add(key);
  }
  if (pendingFrom) {
    throw new CodeFileError(pendingFrom.line, `"Revise from:" ${pendingFrom.record.code} has no "Revise to:"`);
  }
  if (changes.length === 0)
    throw new CodeFileError(1, 'no change records found (expected lines like "Add:         1 C7831   …")');
  return { changes, ...readSummary(lines.slice(end)) };
}

export class AddendaMismatch extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'AddendaMismatch';
  }
}

const sameRow = (a: CodeRecord, b: CodeRecord) =>
  a.billable === b.billable && a.shortDescription === b.shortDescription && a.longDescription === b.longDescription;

/**
 * The new release's full code list: the old release with the addenda applied (deletes first, so a billable code
 * turned header, `Delete: 1 X` + `Add: 0 X`, comes out as the header). Every deleted or revised row must be the
 * old release's row exactly and no added code may already be there: otherwise the addenda belong to another
 * release and AddendaMismatch names the line. Keeps the old rows' order, then the added ones.
 */
export function applyIcdAddenda(base: Iterable<CodeRecord>, addenda: IcdAddenda): CodeRecord[] {
  const rows = new Map<string, CodeRecord>();
  for (const r of base) rows.set(normalizeCode('icd10cm', r.code), r);
  const keyOf = (r: CodeRecord) => normalizeCode('icd10cm', r.code);
  const ordered = [...addenda.changes].sort((a, b) => rank(a.action) - rank(b.action) || a.line - b.line);
  for (const change of ordered) {
    const key = keyOf(change.record);
    const current = rows.get(key);
    const expected = change.action === 'revise' ? change.from! : change.record;
    if (change.action === 'add') {
      if (current)
        throw new AddendaMismatch(change.line, `adds ${change.record.code}, which the loaded release already holds`);
      rows.set(key, change.record);
      continue;
    }
    if (!current)
      throw new AddendaMismatch(
        change.line,
        `${change.action === 'delete' ? 'deletes' : 'revises'} ${change.record.code}, which the loaded release does not hold`,
      );
    if (!sameRow(current, expected)) {
      throw new AddendaMismatch(
        change.line,
        `${change.action === 'delete' ? 'deletes' : 'revises'} ${change.record.code} as "${expected.longDescription}" (${expected.billable ? 'billable' : 'header'}), but the loaded release has "${current.longDescription}" (${current.billable ? 'billable' : 'header'})`,
      );
    }
    if (change.action === 'delete') rows.delete(key);
    else rows.set(key, { ...change.record, attributes: {} });
  }
  return [...rows.values()];
}

function rank(action: AddendaAction): number {
  return action === 'delete' ? 0 : action === 'revise' ? 1 : 2;
}
