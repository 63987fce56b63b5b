import { defineRule } from './define-rule.js';
import type { Address, ScrubInput, ScrubProvider } from './types.js';

/**
 * Our 837P uses ~ (segment), * (element), : (component) and ^ (repetition) as delimiters, so a value
 * holding one of them would split the segment. Control and other invisible characters (Unicode category C,
 * line and paragraph separators) are never valid in X12 text either.
 */
const UNSAFE = /[~*:^]|[\p{C}\p{Zl}\p{Zp}]/gu;
/** Printable characters outside ASCII: not in the X12 basic or extended character sets. */
const NON_ASCII = /[^\x20-\x7E]/gu;

function addressFields(base: string, address: Address | null | undefined): [string, string | null | undefined][] {
  if (!address) return [];
  const fields = ['line1', 'line2', 'city', 'state', 'postalCode'] as const;
  return fields.map((field) => [`${base}.address.${field}`, address[field]]);
}

function providerFields(
  role: string,
  provider: ScrubProvider | null | undefined,
): [string, string | null | undefined][] {
  if (!provider) return [];
  const base = `providers.${role}`;
  return [
    [`${base}.firstName`, provider.firstName],
    [`${base}.lastName`, provider.lastName],
    [`${base}.organizationName`, provider.organizationName],
    ...addressFields(base, provider.address),
  ];
}

/** Free-text values the 837P writer copies into segments, by path. Codes are checked against code sets. */
function textFields({ claim, patient, providers, coverage, payer }: ScrubInput): [string, string][] {
  const fields: [string, string | null | undefined][] = [
    ['priorAuthorization', claim.priorAuthorization],
    ['patient.firstName', patient.firstName],
    ['patient.lastName', patient.lastName],
    ...addressFields('patient', patient.address),
    ...providerFields('billing', providers.billing),
    ...providerFields('rendering', providers.rendering),
    ...providerFields('referring', providers.referring),
    ...providerFields('facility', providers.facility),
    ['coverage.memberId', coverage?.memberId],
    ['coverage.subscriberFirstName', coverage?.subscriberFirstName],
    ['coverage.subscriberLastName', coverage?.subscriberLastName],
    ['payer.name', payer?.name],
    ['payer.ediPayerId', payer?.ediPayerId],
    // 837P SV101-7: the description of an unlisted or not-otherwise-classified service.
    ...claim.lines.map((line, i): [string, string | null | undefined] => [`lines[${i}].description`, line.description]),
  ];
  return fields.flatMap(([path, value]): [string, string][] => (value ? [[path, value]] : []));
}

/** Quotes visible characters and names invisible ones by code point ('*', U+0009). */
function describe(chars: string[]): string {
  const show = (c: string) =>
    /[\p{C}\p{Z}]/u.test(c) ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
  return [...new Set(chars)].map(show).join(', ');
}

export const unsafeCharacters = defineRule('x12.unsafe_characters', (input, issues) => {
  for (const [path, value] of textFields(input)) {
    const found = value.match(UNSAFE);
    if (!found) continue;
    issues.error(
      path,
      `${path} contains ${describe(found)}, which would break the X12 837P (delimiters ~ * : ^ and control characters are not allowed).`,
      'Remove those characters or replace them with a space or hyphen; for invisible characters, retype the value instead of pasting it.',
    );
  }
});

export const nonAsciiCharacters = defineRule('x12.non_ascii', (input, issues) => {
  for (const [path, value] of textFields(input)) {
    const found = value.replace(UNSAFE, '').match(NON_ASCII);
    if (!found) continue;
    issues.warning(
      path,
      `${path} contains ${describe(found)}, outside the X12 character set; payers may reject the claim or fail to match the name.`,
      'Spell the value in plain ASCII as on the insurance card (e.g. José → Jose, Müller → Muller).',
    );
  }
});

export const X12_TEXT_RULES = [unsafeCharacters, nonAsciiCharacters];
