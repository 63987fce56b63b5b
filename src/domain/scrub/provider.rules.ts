import { isValidNpi } from '../npi.js';
import { addressProblems, postOfficeBoxLine } from './address.js';
import { isBlank } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { ScrubInput, ScrubProvider } from './types.js';

type Role = 'billing' | 'rendering' | 'referring' | 'facility';
const ROLES: readonly Role[] = ['billing', 'rendering', 'referring', 'facility'];

/**
 * The providers written on the claim. A rendering provider or service facility that is the billing
 * provider itself is not: 005010X222A1 2310B is "required when the Rendering Provider NM1 information is
 * different than that carried in the Billing Provider NM1 (2010AA)", 2310C "when the location of health care
 * service is different than that carried in 2010AA"; otherwise they are not sent, and 2010AA is checked.
 */
function presentProviders(input: ScrubInput): { role: Role; provider: ScrubProvider }[] {
  const billing = input.providers.billing;
  return ROLES.flatMap((role) => {
    const provider = input.providers[role];
    if (!provider) return [];
    if (role !== 'billing' && role !== 'referring' && billing && provider.id === billing.id) return [];
    return [{ role, provider }];
  });
}

/** Providers whose address is written on the 837P: billing (2010AA) and service facility (2310C). */
function addressedProviders(input: ScrubInput): { role: Role; provider: ScrubProvider }[] {
  return presentProviders(input).filter(({ role }) => role === 'billing' || role === 'facility');
}

export const billingProviderMissing = defineRule('provider.billing_missing', ({ providers }, issues) => {
  if (providers.billing) return;
  issues.error(
    'providers.billing',
    'The claim has no billing provider.',
    'Assign the practice or provider that bills for and is paid for this encounter.',
  );
});

export const npiInvalid = defineRule('provider.npi_invalid', (input, issues) => {
  for (const { role, provider } of presentProviders(input)) {
    if (isValidNpi(provider.npi)) continue;
    issues.error(
      `providers.${role}.npi`,
      `The ${role} provider NPI '${provider.npi}' is not a valid NPI (10 digits with a Luhn check digit).`,
      'Copy the NPI from the NPPES registry; a typo usually breaks the check digit.',
    );
  }
});

// 837P: rendering (2310B) and referring (2310A / 2420F) providers are people (NM102 = 1); the service
// facility (2310C) is a location (NM102 = 2). The billing provider may be either.
const REQUIRED_KIND: Partial<Record<Role, ScrubProvider['kind']>> = {
  rendering: 'individual',
  referring: 'individual',
  facility: 'organization',
};

const article = (kind: ScrubProvider['kind']) => (kind === 'individual' ? 'an individual' : 'an organization');

export const providerKindInvalid = defineRule('provider.kind_invalid', (input, issues) => {
  for (const { role, provider } of presentProviders(input)) {
    const required = REQUIRED_KIND[role];
    if (!required || provider.kind === required) continue;
    issues.error(
      `providers.${role}.kind`,
      `The ${role} provider must be ${article(required)}, not ${article(provider.kind)}.`,
      required === 'individual'
        ? `Use the person who ${role === 'rendering' ? 'performed the service' : 'referred the patient'} (their individual NPI), not the group.`
        : 'Use the location where the service was provided (its organization NPI).',
    );
  }
});

export const providerNameMissing = defineRule('provider.name_missing', (input, issues) => {
  for (const { role, provider } of presentProviders(input)) {
    const base = `providers.${role}`;
    if (provider.kind === 'organization') {
      if (isBlank(provider.organizationName)) {
        issues.error(
          `${base}.organizationName`,
          `The ${role} provider has no organization name.`,
          'Enter the legal name registered with the NPI.',
        );
      }
      continue;
    }
    const hint = 'Enter the provider name as registered with the NPI.';
    if (isBlank(provider.lastName)) issues.error(`${base}.lastName`, `The ${role} provider has no last name.`, hint);
    if (isBlank(provider.firstName)) issues.error(`${base}.firstName`, `The ${role} provider has no first name.`, hint);
  }
});

// 2010AA REF*EI (EIN) or REF*SY (SSN): 9 digits, no hyphen.
export const taxIdInvalid = defineRule('provider.tax_id_invalid', ({ providers }, issues) => {
  const billing = providers.billing;
  if (!billing || /^\d{9}$/.test(billing.taxId ?? '')) return;
  issues.error(
    'providers.billing.taxId',
    isBlank(billing.taxId)
      ? 'The billing provider has no tax id.'
      : `The billing provider tax id '${billing.taxId}' is not 9 digits.`,
    'Enter the EIN (or the SSN of a sole proprietor) as 9 digits without a hyphen, as on the W-9.',
  );
});

// 2000A PRV is situational ("required when the payer's adjudication is known to be impacted by the
// billing provider taxonomy code"). Medicare and most commercial payers adjudicate without it; Medicaid
// programs match the taxonomy to the enrolled provider, so its absence warns for Medicaid (SBR09 = MC)
// and for a payer whose claim filing indicator is unknown, and is nothing to report otherwise.
export const taxonomyMissing = defineRule('provider.taxonomy_missing', ({ providers, payer }, issues) => {
  const billing = providers.billing;
  if (!billing || !isBlank(billing.taxonomyCode)) return;
  const indicator = payer?.claimFilingIndicator;
  if (!isBlank(indicator) && indicator !== 'MC') return;
  issues.warning(
    'providers.billing.taxonomyCode',
    'The billing provider has no taxonomy code.',
    'Add the NUCC taxonomy code registered with the NPI (e.g. 207Q00000X family medicine); Medicaid programs deny claims without it.',
  );
});

// NUCC Health Care Provider Taxonomy codes are 10 characters ending in X (207Q00000X, 363LF0000X).
export const taxonomyInvalid = defineRule('provider.taxonomy_invalid', (input, issues) => {
  for (const { role, provider } of presentProviders(input)) {
    const code = provider.taxonomyCode;
    if (isBlank(code) || /^[0-9A-Z]{9}X$/.test(code ?? '')) continue;
    issues.error(
      `providers.${role}.taxonomyCode`,
      `The ${role} provider taxonomy code '${code}' is not a NUCC taxonomy code.`,
      'Use the 10-character NUCC code ending in X, as registered with the NPI (e.g. 207Q00000X).',
    );
  }
});

export const providerAddressMissing = defineRule('provider.address_missing', (input, issues) => {
  for (const { role, provider } of addressedProviders(input)) {
    if (provider.address) continue;
    issues.error(
      `providers.${role}.address`,
      `The ${role} provider has no address.`,
      role === 'billing'
        ? 'Add the billing provider street address (2010AA N3/N4) as registered with the NPI.'
        : 'Add the street address where the service was provided (2310C N3/N4).',
    );
  }
});

export const providerAddressInvalid = defineRule('provider.address_invalid', (input, issues) => {
  for (const { role, provider } of addressedProviders(input)) {
    if (!provider.address) continue;
    for (const problem of addressProblems(provider.address, `${role} provider`)) {
      issues.error(`providers.${role}.address.${problem.field}`, problem.message, problem.hint);
    }
  }
});

// 005010X222A1 2010AA and 2310C N403: "the full nine digit ZIP code is required". Clearinghouses
// reject 5-digit billing provider ZIPs at the front end, so this is an error, not a warning.
export const zipPlusFourMissing = defineRule('provider.zip_plus_four_missing', (input, issues) => {
  for (const { role, provider } of addressedProviders(input)) {
    if (!provider.address || !/^\d{5}$/.test(provider.address.postalCode)) continue;
    issues.error(
      `providers.${role}.address.postalCode`,
      `The ${role} provider ZIP code '${provider.address.postalCode}' has 5 digits; the 837P requires all 9 (ZIP+4) for this address.`,
      'Look up the ZIP+4 for the street address (USPS ZIP Code lookup) and enter all 9 digits without a hyphen.',
    );
  }
});

// 005010X222A1 2010AA N301: the billing provider address must be a street address; post office and
// lock boxes go in the pay-to address loop (2010AB).
export const billingPoBox = defineRule('provider.billing_po_box', ({ providers }, issues) => {
  const address = providers.billing?.address;
  const line = address ? postOfficeBoxLine(address) : null;
  if (!line) return;
  issues.error(
    `providers.billing.address.${line}`,
    'The billing provider address is a post office or lock box.',
    'Use the physical street address of the billing provider; a PO box can only be a pay-to address.',
  );
});

const ROLE_LABEL: Record<Role, string> = {
  billing: 'billing',
  rendering: 'rendering',
  referring: 'referring',
  facility: 'service facility',
};

/**
 * A provider the practice has deactivated. A warning, not an error: deactivation in this system says
 * nothing about the payer's enrollment on the date of service, and a provider who has left still bills
 * for the services performed before leaving.
 */
export const providerInactive = defineRule('provider.inactive', (input, issues) => {
  for (const { role, provider } of presentProviders(input)) {
    if (provider.active !== false) continue;
    issues.warning(
      `providers.${role}`,
      `The ${ROLE_LABEL[role]} provider (NPI ${provider.npi}) is deactivated in this practice.`,
      'Confirm the provider performed the services and was enrolled with the payer on the date of service; otherwise assign the provider who did.',
    );
  }
});

export const PROVIDER_RULES = [
  billingProviderMissing,
  npiInvalid,
  providerKindInvalid,
  providerNameMissing,
  taxIdInvalid,
  taxonomyMissing,
  taxonomyInvalid,
  providerAddressMissing,
  providerAddressInvalid,
  zipPlusFourMissing,
  billingPoBox,
  providerInactive,
];
