import { SaxesParser } from 'saxes';
import { ICD10CM_KEY, normalizeCode } from './code-format.js';
import { CodeFileError } from './types.js';

/**
 * One entry of the ICD-10-CM Alphabetic Index (Index to Diseases and Injuries, `icd10cm_index_<FY>.xml`, public
 * domain, CDC/NCHS): a main term or a subterm, with the path of titles that leads to it. The XML nests
 * `<mainTerm>` and `<term level="n">`, each with a `<title>` (essential words, and nonessential modifiers in
 * `<nemod>` — words that may be present or absent without changing the code), then a `<code>`, a `<manif>`
 * (manifestation code, listed second), a `<subcat>`/`<seecat>` (a category to pick from), a `<see>` (go to that
 * entry instead) or a `<seeAlso>` (that entry may have more).
 */
export interface IndexEntry {
  /** Essential words of the main term and each subterm, top down (`["Pain", "neck"]`). */
  path: string[];
  /** Nonessential modifiers anywhere on the path, without their parentheses. */
  modifiers: string[];
  /** Code as printed, without a trailing dash (`N20.0`, `C64`), or null. */
  code: string | null;
  /** The printed code ends in a dash or names a category: more characters are needed (`S72.0-`, `<subcat>`). */
  partial: boolean;
  see: string | null;
  seeAlso: string | null;
}

interface Open {
  level: number;
  title: string;
  nemod: string;
  code: string | null;
  partial: boolean;
  see: string | null;
  seeAlso: string | null;
}

const FIELDS = new Set(['title', 'nemod', 'code', 'subcat', 'seecat', 'see', 'seeAlso']);

/** "NEC" and "NOS" are coders' notes (not elsewhere classified / not otherwise specified), not words of the term. */
const essential = (title: string) =>
  title
    .replace(/\b(NEC|NOS)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const modifierText = (nemod: string) => nemod.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();

/** Streams the index entries in document order of their closing tags (children before their parent). */
export async function* parseIcd10cmIndex(input: AsyncIterable<string | Buffer>): AsyncGenerator<IndexEntry> {
  const parser = new SaxesParser();
  const stack: Open[] = [];
  const done: IndexEntry[] = [];
  const fields: string[] = [];
  let text = '';
  let sawRoot = false;

  const fail = (message: string): never => {
    throw new CodeFileError(parser.line, message);
  };
  parser.on('error', (err) => fail(`not well-formed XML: ${err.message}`));
  parser.on('opentag', (tag) => {
    if (tag.name === 'ICD10CM.index') sawRoot = true;
    if (tag.name === 'mainTerm' || tag.name === 'term') {
      const level = tag.name === 'mainTerm' ? 0 : Number(tag.attributes.level);
      if (!Number.isInteger(level) || level !== stack.length) fail(`term level ${tag.attributes.level} out of place`);
      stack.push({ level, title: '', nemod: '', code: null, partial: false, see: null, seeAlso: null });
    } else if (FIELDS.has(tag.name)) {
      if (tag.name !== 'nemod') text = '';
      fields.push(tag.name);
    }
  });
  parser.on('text', (t) => {
    const field = fields[fields.length - 1];
    const top = stack[stack.length - 1];
    if (!field || !top) return;
    if (field === 'nemod') top.nemod += `${t} `;
    else text += t;
  });
  parser.on('closetag', (tag) => {
    const top = stack[stack.length - 1];
    if (FIELDS.has(tag.name)) {
      fields.pop();
      if (!top || tag.name === 'nemod') return;
      const value = text.replace(/\s+/g, ' ').trim();
      text = '';
      if (tag.name === 'title') top.title += value;
      else if (tag.name === 'see') top.see = value;
      else if (tag.name === 'seeAlso') top.seeAlso = value;
      else if (!top.code) {
        const printed = value.replace(/[.-]+$/, '');
        if (!ICD10CM_KEY.test(normalizeCode('icd10cm', printed)) && !/^[A-Z]\d\d$/.test(printed))
          fail(`"${value}" is not an ICD-10-CM code`);
        top.code = printed;
        top.partial = tag.name !== 'code' || value.endsWith('-');
      }
    } else if (tag.name === 'mainTerm' || tag.name === 'term') {
      const node = stack.pop()!;
      const path = [...stack.map((s) => essential(s.title)), essential(node.title)];
      const modifiers = [...stack.map((s) => modifierText(s.nemod)), modifierText(node.nemod)].filter(Boolean);
      done.push({ path, modifiers, code: node.code, partial: node.partial, see: node.see, seeAlso: node.seeAlso });
    }
  });

  const utf8 = new TextDecoder('utf-8'); // streaming: a character split across two chunks is kept whole
  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : utf8.decode(chunk, { stream: true }));
    yield* done.splice(0);
  }
  parser.close();
  yield* done.splice(0);
  if (!sawRoot) throw new CodeFileError(1, 'not an ICD-10-CM Alphabetic Index file (no <ICD10CM.index> root)');
}
