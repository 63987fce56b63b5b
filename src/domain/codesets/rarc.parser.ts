import { cell, columnIndex, readCsv } from './csv.js';
import { parseCodeDescriptionCsv } from './code-description-csv.parser.js';
import { CodeFileError } from './types.js';
import type { CodeRecord } from './types.js';

/** Remittance advice remark codes: M1–M144, MA01–MA130, N1–N8xx (X12 code source 411). */
const RARC_CODE = /^(?:M|MA|N)\d{1,3}$/;

/**
 * A RARC list with texts (`code,description` or `rarc,description`), e.g. one exported from the X12
 * code-list site by a licensee.
 */
export function parseRarcCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  return parseCodeDescriptionCsv(input, {
    system: 'rarc',
    codeColumns: ['rarc', 'code', 'remark_code'],
    descriptionColumns: ['description'],
    codePattern: RARC_CODE,
  });
}

/**
 * The pyx12 code-list CSV (`codeset_id,codeset_name,x12_data_element,code`): only rows with codeset_id
 * `remark_code` are read. That list has no remark texts, and a made-up text would be shown to users as if
 * it were the payer's explanation, so both descriptions are left empty ('') and attributes.descriptionSource
 * says "none"; a later import of a list with texts fills them in.
 */
export async function* parseRarcPyx12Csv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  let col: Record<'codeset' | 'code', number> | undefined;
  for await (const row of readCsv(input)) {
    if (!col) {
      col = columnIndex(row, { codeset: ['codeset_id'], code: ['code'] });
      continue;
    }
    if (cell(row, col.codeset) !== 'remark_code') continue;
    const code = cell(row, col.code).toUpperCase();
    if (!RARC_CODE.test(code)) throw new CodeFileError(row.line, `invalid remark code "${code}"`);
    yield {
      system: 'rarc',
      code,
      shortDescription: '',
      longDescription: '',
      billable: true,
      effectiveFrom: null,
      effectiveTo: null,
      attributes: { descriptionSource: 'none' },
    };
  }
}
