import { defineRule } from './define-rule.js';

/**
 * 837P 2410 LIN03 (qualifier N4) carries the NDC in the 11-digit 5-4-2 billing format without hyphens.
 * Labels print 10-digit NDCs (4-4-2, 5-3-2 or 5-4-1) that are padded with a leading zero in the short segment.
 */
function ndcHint(ndc: string): string {
  const parts = ndc.split('-');
  const [labeler, product, pkg] = parts;
  const digits = parts.join('');
  const fits = labeler !== undefined && product !== undefined && pkg !== undefined &&
    labeler.length <= 5 && product.length <= 4 && pkg.length <= 2;
  if (parts.length === 3 && fits && /^\d{10,11}$/.test(digits) && parts.every((p) => p !== '')) {
    const padded = `${labeler.padStart(5, '0')}${product.padStart(4, '0')}${pkg.padStart(2, '0')}`;
    return `Report it as ${padded}: 11 digits in 5-4-2 form, zero-padding the short segment and dropping the hyphens.`;
  }
  return 'Report the NDC as 11 digits in 5-4-2 form without hyphens (pad a 10-digit label NDC with a leading zero in its short segment).';
}

export const ndcFormat = defineRule('ndc.format', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const ndc = line.ndc;
    if (ndc === null || ndc === undefined || ndc === '' || /^\d{11}$/.test(ndc)) return;
    issues.error(`lines[${i}].ndc`, `Line ${i + 1} NDC '${ndc}' is not an 11-digit NDC.`, ndcHint(ndc));
  });
});

export const NDC_RULES = [ndcFormat];
