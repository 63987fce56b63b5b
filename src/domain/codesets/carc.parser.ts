import { parseCodeDescriptionCsv } from './code-description-csv.parser.js';
import type { CodeRecord } from './types.js';

/**
 * CMS CCW claim adjustment reason code list (`carc,description`). The list carries no start/stop dates,
 * so both stay null. Retired codes are kept (old remittances still carry them): CCW marks them with a
 * trailing "INACTIVE", which is taken off the text and recorded as attributes.inactive = "true".
 */
export function parseCarcCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  return parseCodeDescriptionCsv(input, {
    system: 'carc',
    codeColumns: ['carc', 'code'],
    descriptionColumns: ['description'],
    codePattern: /^[0-9A-Z]{1,3}$/,
    describe: (text) => {
      const active = text.replace(/\s*\bINACTIVE\.?$/, '');
      return active === text ? {} : { longDescription: active, attributes: { inactive: 'true' } };
    },
  });
}

/**
 * Claim adjustment group codes (`group_code,description`: CO, CR, OA, PI, PR). The short description is
 * the name before " -- " ("Contractual Obligations").
 */
export function parseAdjustmentGroupCsv(input: NodeJS.ReadableStream): AsyncGenerator<CodeRecord> {
  return parseCodeDescriptionCsv(input, {
    system: 'adjustment-group',
    codeColumns: ['group_code', 'code'],
    descriptionColumns: ['description'],
    codePattern: /^[A-Z]{2}$/,
    describe: (text) => {
      const name = text.split(/\s+--\s+/)[0]?.trim();
      return name && name !== text ? { shortDescription: name } : {};
    },
  });
}
