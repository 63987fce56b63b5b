/**
 * Unlisted and not-otherwise-classified procedure codes: the code does not say what was done, so the claim
 * must (837P 2400 SV101-7, the line description; CMS Claims Processing Manual ch. 26 and the HCPCS NOC
 * policy: a claim with an unlisted/NOC code and no description is returned as unprocessable).
 */

/** CPT unlisted-procedure codes, one per section ("Unlisted … procedure"), as listed in each CPT section. */
export const CPT_UNLISTED_CODES: ReadonlySet<string> = new Set([
  '15999', '17999', '19499', '20999', '21089', '21299', '21499', '21899', '22899', '22999', '23929', '24999',
  '25999', '26989', '27299', '27599', '27899', '28899', '29799', '29999', '30999', '31299', '31599', '31899',
  '32999', '33999', '36299', '37501', '37799', '38129', '38589', '38999', '39499', '39599', '40799', '40899',
  '41599', '41899', '42299', '42699', '42999', '43289', '43499', '43659', '43999', '44238', '44799', '44899',
  '44979', '45399', '45499', '45999', '46999', '47379', '47399', '47579', '47999', '48999', '49329', '49659',
  '49999', '50549', '50949', '51999', '53899', '54699', '55559', '55899', '58578', '58579', '58679', '58999',
  '59897', '59898', '59899', '60659', '60699', '64999', '66999', '67299', '67399', '67599', '67999', '68399',
  '68899', '69399', '69799', '69949', '69979', '76496', '76497', '76498', '76499', '76999', '77299', '77399',
  '77499', '77799', '78099', '78199', '78299', '78399', '78499', '78599', '78699', '78799', '78999', '79999',
  '81099', '81479', '81599', '84999', '85999', '86849', '87999', '88099', '88199', '88299', '88399', '88749',
  '89240', '90399', '90749', '90899', '90999', '91299', '92499', '93799', '93998', '94799', '95199', '95999',
  '96379', '96549', '96999', '97039', '97139', '97799', '99199', '99429', '99499', '99600',
]);

/** HCPCS Level II not-otherwise-classified codes in everyday use (the official file's titles say so). */
export const HCPCS_NOC_CODES: ReadonlySet<string> = new Set([
  'A0999', 'A4335', 'A4649', 'A4913', 'A9698', 'A9999', 'B9998', 'B9999', 'C1889', 'C9399', 'E1399',
  'J3490', 'J3590', 'J3591', 'J7199', 'J7599', 'J7699', 'J7799', 'J8499', 'J8999', 'J9999', 'K0108',
  'L2999', 'L3999', 'L5999', 'L8039', 'L8699', 'P9099', 'Q4100', 'V2799',
]);

/**
 * An HCPCS title that names no specific item: it starts with "unlisted", "unclassified" or "not otherwise
 * classified", or ends with "not otherwise specified/classified", "NOS" or "miscellaneous". Drug codes
 * ("INJECTION, <drug>, NOT OTHERWISE SPECIFIED, 50 MG") and quality codes ("REASON NOT OTHERWISE SPECIFIED")
 * name their item and are not matched.
 */
const NOC_TITLE = /^(UNLISTED|UNCLASSIFIED|NOC\b|NOT OTHERWISE CLASSIFIED)|(NOT OTHERWISE (SPECIFIED|CLASSIFIED)|\bNOS\)?|MISCELLANEOUS)$/i;

export function isUnlistedProcedure(code: string, hcpcsTitle: string | undefined): boolean {
  const c = code.trim().toUpperCase();
  if (CPT_UNLISTED_CODES.has(c) || HCPCS_NOC_CODES.has(c)) return true;
  if (!hcpcsTitle || /^[GM]/.test(c)) return false;
  const title = hcpcsTitle.trim();
  return NOC_TITLE.test(title) && !/^INJECTION,/i.test(title) && !/REASON NOT OTHERWISE SPECIFIED$/i.test(title);
}
