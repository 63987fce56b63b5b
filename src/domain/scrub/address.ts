import { isBlank } from './claim-helpers.js';
import type { Address } from './types.js';

// USPS state and territory codes accepted in X12 N402 (states, DC, territories, armed forces).
const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI FM MH PW AA AE AP'
  ).split(' '),
);

export interface AddressProblem {
  field: 'line1' | 'city' | 'state' | 'postalCode';
  message: string;
  hint: string;
}

/** What keeps an address from being written as X12 N3/N4 segments. `who` names its owner in messages. */
export function addressProblems(address: Address, who: string): AddressProblem[] {
  const problems: AddressProblem[] = [];
  if (isBlank(address.line1)) {
    problems.push({
      field: 'line1',
      message: `The ${who} address has no street line.`,
      hint: 'Enter the street address (N301).',
    });
  }
  if (isBlank(address.city)) {
    problems.push({ field: 'city', message: `The ${who} address has no city.`, hint: 'Enter the city (N401).' });
  }
  if (!US_STATES.has(address.state)) {
    problems.push({
      field: 'state',
      message: `The ${who} address state '${address.state}' is not a USPS state code.`,
      hint: 'Use the two-letter upper-case USPS code, e.g. CA or NY (N402).',
    });
  }
  if (!/^\d{5}(\d{4})?$/.test(address.postalCode)) {
    problems.push({
      field: 'postalCode',
      message: `The ${who} ZIP code '${address.postalCode}' is not 5 or 9 digits.`,
      hint: 'Enter the ZIP code as 5 digits or ZIP+4 as 9 digits, without a hyphen (N403).',
    });
  }
  return problems;
}

const PO_BOX = /\b(P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;

/** The address line holding a post office or lock box, which the 837P forbids for the billing provider. */
export function postOfficeBoxLine(address: Address): 'line1' | 'line2' | null {
  if (PO_BOX.test(address.line1)) return 'line1';
  if (PO_BOX.test(address.line2 ?? '')) return 'line2';
  return null;
}
