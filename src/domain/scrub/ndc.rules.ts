import { defineRule } from './define-rule.js';

/**
 * 837P 2410 LIN03 (qualifier N4) carries the NDC in the 11-digit 5-4-2 billing format without hyphens.
 * Labels print 10-digit NDCs (4-4-2, 5-3-2 or 5-4-1) that are padded with a leading zero in the short
 * segment. A hyphenated NDC says which segment is short, so it converts unambiguously; 10 bare digits do not.
 * Returns the 11-digit form, or null when the value cannot be converted.
 */
export function billingNdc(ndc: string): string | null {
  const value = ndc.trim();
  if (/^\d{11}$/.test(value)) return value;
  const parts = value.split('-');
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const [labeler, product, pkg] = parts as [string, string, string];
  if (labeler.length > 5 || product.length > 4 || pkg.length > 2 || labeler.length + product.length + pkg.length < 10)
    return null;
  return `${labeler.padStart(5, '0')}${product.padStart(4, '0')}${pkg.padStart(2, '0')}`;
}

function ndcHint(ndc: string): string {
  const converted = billingNdc(ndc);
  if (converted)
    return `Report it as ${converted}: 11 digits in 5-4-2 form, zero-padding the short segment and dropping the hyphens.`;
  return 'Report the NDC as 11 digits in 5-4-2 form without hyphens (pad a 10-digit label NDC with a leading zero in its short segment; with 10 bare digits, check the label for where the hyphens go).';
}

export const ndcFormat = defineRule('ndc.format', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const ndc = line.ndc;
    if (ndc === null || ndc === undefined || ndc === '' || /^\d{11}$/.test(ndc)) return;
    issues.error(`lines[${i}].ndc`, `Line ${i + 1} NDC '${ndc}' is not an 11-digit NDC.`, ndcHint(ndc));
  });
});

const hasNdc = (ndc: string | null | undefined) => ndc !== null && ndc !== undefined && ndc !== '';

/**
 * 837P 2410 CTP: whenever a line sends LIN (an NDC), CTP04 (national drug unit count) and CTP05-1 (its unit)
 * are required, so the payer knows how much of the drug was given.
 */
export const ndcQuantityRequired = defineRule('ndc.quantity_required', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    if (!hasNdc(line.ndc)) return;
    const missing = [
      ...(line.ndcQuantityThousandths === null ? ['quantity'] : []),
      ...(line.ndcUnit === null ? ['unit'] : []),
    ];
    if (missing.length === 0) return;
    issues.error(
      `lines[${i}].${line.ndcQuantityThousandths === null ? 'ndcQuantity' : 'ndcUnit'}`,
      `Line ${i + 1} has an NDC but no drug ${missing.join(' or ')}.`,
      'Send ndcQuantity (how much of the drug was given, up to 3 decimals) and ndcUnit (F2 international units, GR grams, ME milligrams, ML milliliters or UN units), e.g. 2 and ML for two milliliters: the 837P reports them with the NDC.',
    );
  });
});

/** CTP only exists inside 2410, after LIN: a quantity or unit without an NDC cannot be sent. */
export const ndcQuantityWithoutNdc = defineRule('ndc.quantity_without_ndc', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    if (hasNdc(line.ndc) || (line.ndcQuantityThousandths === null && line.ndcUnit === null)) return;
    issues.error(
      `lines[${i}].ndc`,
      `Line ${i + 1} has a drug quantity or unit but no NDC.`,
      'Add the NDC of the drug given, or remove ndcQuantity and ndcUnit from a line that is not a drug.',
    );
  });
});

export const NDC_RULES = [ndcFormat, ndcQuantityRequired, ndcQuantityWithoutNdc];
