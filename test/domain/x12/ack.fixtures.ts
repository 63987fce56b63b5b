import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { AcknowledgmentError } from '../../../src/domain/x12/ack.errors.js';
import { type Acknowledgments, readAcknowledgments } from '../../../src/domain/x12/acknowledgments.js';
import { X12Error } from '../../../src/domain/x12/errors.js';

// The real X12 samples sit beside the repository (../shared/data/x12). Locally they may be missing and those tests
// are skipped with a note; in CI (CI=true) their absence is a failure, never a silent skip.
const X12_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/x12');
export const OTHER_DIR = path.join(X12_DIR, 'other');
export const present = existsSync(OTHER_DIR);
export const inCi = process.env.CI === 'true';
export const skipReal = !present && !inCi;

export function announceSkip(what: string): void {
  if (skipReal) console.warn(`skipping the real ${what} sample tests: ${OTHER_DIR} not found (set CI=true to fail)`);
}

export const otherFiles = present ? readdirSync(OTHER_DIR).sort() : [];
export const sample = (name: string) => readFileSync(path.join(OTHER_DIR, name), 'utf8');
/** The samples carry known envelope defects (IEA02 ≠ ISA13, a truncated file): those are the X12 reader's tests. */
export const read = (name: string) => readAcknowledgments(sample(name), { lenient: 'all' });

/** A whole interchange around one set, with counted SE/GE/IEA, for hand-written cases. */
export function interchange(type: '999' | '277', implementation: string, body: readonly string[]): string {
  const functional = type === '999' ? 'FA' : 'HN';
  return [
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLAIMSAPI      *250102*0930*^*00501*000000905*0*T*:',
    `GS*${functional}*PAYER*CLAIMSAPI*20250102*0930*905*X*${implementation}`,
    `ST*${type}*0001*${implementation}`,
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*905',
    'IEA*1*000000905',
  ]
    .map((s) => `${s}~`)
    .join('\n');
}

/** What a reader call ends in: the result, or the typed error it threw (anything else fails the test). */
export function outcome(text: string): Acknowledgments | AcknowledgmentError | X12Error {
  try {
    return readAcknowledgments(text, { lenient: 'all' });
  } catch (error) {
    if (error instanceof AcknowledgmentError || error instanceof X12Error) return error;
    throw error;
  }
}

/** The refusal of a text, as the fields that matter. */
export function refusal(text: string): object {
  const result = outcome(text);
  if (result instanceof AcknowledgmentError) {
    const { kind, segment, position, element } = result.issue;
    return { kind, segment, position, ...(element ? { element } : {}) };
  }
  if (result instanceof X12Error) return { x12: result.issues[0]?.kind, position: result.issues[0]?.position };
  throw new Error('expected the text to be refused');
}

const mutation = fc.oneof(
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    char: fc.constantFrom(...'*~:^|-.0123456789AEPRUWX \n'),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...'*~:|-.9X\r') }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  if (m.op === 'replace') return text.slice(0, at) + m.char + text.slice(at + 1);
  if (m.op === 'insert') return text.slice(0, at) + m.char + text.slice(at);
  if (m.op === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  return text.slice(0, at);
}

/** Byte-level mutations of `texts`: every outcome must be a read value or one of the two typed errors. */
export function assertOnlyTypedErrors(texts: readonly string[], numRuns: number): void {
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, ms) => {
      const result = outcome(ms.reduce(apply, texts[i]!));
      if (result instanceof AcknowledgmentError || result instanceof X12Error) return;
      if (!Array.isArray(result.acks999) || !Array.isArray(result.acks277ca)) throw new Error('not a result');
    }),
    { numRuns },
  );
}
