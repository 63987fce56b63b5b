import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type IndexEntry, parseIcd10cmIndex } from '../../../src/domain/codesets/icd10cm-index.parser.js';
import { indexSearchTerms } from '../../../src/domain/codesets/icd10cm-index.terms.js';
import { CodeFileError } from '../../../src/domain/codesets/types.js';

const XML = `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.index><version>2017</version><title>ICD-10-CM INDEX</title>
<letter><title>A</title>
  <mainTerm><title>Abdominalgia</title><see>Pain, abdominal</see></mainTerm>
  <mainTerm><title>Attack, attacks</title>
    <term level="1"><title>heart</title><see>infarct, myocardium</see></term>
  </mainTerm>
  <mainTerm><title>Infarct, infarction</title>
    <term level="1"><title>myocardium, myocardial<nemod>(acute) (with stated duration)</nemod></title><code>I21.9</code>
      <term level="2"><title>non-ST elevation NEC</title><code>I21.4</code></term>
    </term>
  </mainTerm>
  <mainTerm><title>Pain<nemod>(s)</nemod></title><code>R52</code>
    <term level="1"><title>abdominal</title><code>R10.9</code></term>
    <term level="1"><title>neck NEC</title><code>M54.2</code></term>
  </mainTerm>
  <mainTerm><title>Fracture, hip</title><code>S72.0-</code></mainTerm>
  <mainTerm><title>Unknown</title><see>condition</see></mainTerm>
</letter></ICD10CM.index>`;

async function parse(text: string): Promise<IndexEntry[]> {
  const out: IndexEntry[] = [];
  // 7-byte chunks: tags and characters split across reads
  for await (const e of parseIcd10cmIndex(
    Readable.from(
      Buffer.from(text)
        .toString()
        .match(/[\s\S]{1,7}/g)!,
    ),
  ))
    out.push(e);
  return out;
}

describe('ICD-10-CM Alphabetic Index parser', () => {
  it('reads each entry with its path, nonessential modifiers and code', async () => {
    const entries = await parse(XML);
    const neck = entries.find((e) => e.path.join(', ') === 'Pain, neck');
    expect(neck).toEqual({
      path: ['Pain', 'neck'],
      modifiers: ['s'],
      code: 'M54.2',
      partial: false,
      see: null,
      seeAlso: null,
    });
    expect(entries.find((e) => e.code === 'S72.0')).toMatchObject({ partial: true });
    expect(entries.find((e) => e.path[0] === 'Abdominalgia')?.see).toBe('Pain, abdominal');
  });

  it('follows see-references to the entry and its subterms, under the referring words', async () => {
    const { terms, unresolved } = indexSearchTerms(await parse(XML));
    expect(terms.filter((t) => t.words.startsWith('Attack, attacks heart'))).toEqual([
      expect.objectContaining({ code: 'I21.9', via: 'see infarct, myocardium', words: 'Attack, attacks heart' }),
      expect.objectContaining({ code: 'I21.4', words: 'Attack, attacks heart non-ST elevation' }),
    ]);
    expect(terms.find((t) => t.words === 'Abdominalgia')).toMatchObject({ code: 'R10.9' });
    expect(unresolved).toBe(1); // "see condition"
  });

  it('rejects a file that is not the index, naming the line', async () => {
    await expect(parse('<root><a></root>')).rejects.toThrow(CodeFileError);
    await expect(parse('<other/>')).rejects.toThrow(/no <ICD10CM.index> root/);
  });
});
