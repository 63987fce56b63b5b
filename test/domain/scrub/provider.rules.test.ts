import {
  billingPoBox,
  billingProviderMissing,
  npiInvalid,
  providerAddressInvalid,
  providerAddressMissing,
  providerKindInvalid,
  providerInactive,
  providerNameMissing,
  taxIdInvalid,
  taxonomyInvalid,
  taxonomyMissing,
  zipPlusFourMissing,
} from '../../../src/domain/scrub/provider.rules.js';
import type { Address, ScrubInput, ScrubProvider } from '../../../src/domain/scrub/types.js';
import { NPI, cleanInput, makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const clean = cleanInput();
const billing = clean.providers.billing as ScrubProvider;
const rendering = clean.providers.rendering as ScrubProvider;
const facility: ScrubProvider = {
  id: 'prv_facility',
  kind: 'organization',
  npi: NPI.facility,
  organizationName: 'Riverside Surgery Center',
  address: { line1: '5 River Rd', city: 'Springfield', state: 'IL', postalCode: '627021111' },
};
const referring: ScrubProvider = {
  id: 'prv_ref',
  kind: 'individual',
  npi: NPI.referring,
  firstName: 'Sam',
  lastName: 'Lee',
};

const withBilling = (changes: Partial<ScrubProvider>) =>
  makeInput({ providers: { billing: { ...billing, ...changes } } });
const withBillingAddress = (changes: Partial<Address>) =>
  withBilling({ address: { ...(billing.address as Address), ...changes } });
const withProviders = (providers: Partial<ScrubInput['providers']>) => makeInput({ providers });

ruleTable(billingProviderMissing, 'provider.billing_missing', [
  { name: 'accepts a claim with a billing provider', input: makeInput(), expected: [] },
  {
    name: 'rejects a claim without one',
    input: withProviders({ billing: null }),
    expected: [['error', 'providers.billing']],
  },
]);

ruleTable(npiInvalid, 'provider.npi_invalid', [
  { name: 'accepts valid NPIs on every role', input: withProviders({ referring, facility }), expected: [] },
  {
    name: 'rejects a bad check digit on the billing provider',
    input: withBilling({ npi: '1234567890' }),
    expected: [['error', 'providers.billing.npi']],
  },
  {
    name: 'rejects a malformed rendering and referring NPI',
    input: withProviders({
      rendering: { ...rendering, npi: '123456789' },
      referring: { ...referring, npi: '12345678AB' },
    }),
    expected: [
      ['error', 'providers.rendering.npi'],
      ['error', 'providers.referring.npi'],
    ],
  },
]);

ruleTable(providerKindInvalid, 'provider.kind_invalid', [
  {
    name: 'accepts individual rendering and referring and an organization facility',
    input: withProviders({ referring, facility }),
    expected: [],
  },
  {
    name: 'accepts an individual billing provider',
    input: withBilling({ kind: 'individual', firstName: 'Jane', lastName: 'Doe' }),
    expected: [],
  },
  {
    name: 'rejects a group as rendering provider',
    input: withProviders({ rendering: { ...billing, id: 'prv_group' } }),
    expected: [['error', 'providers.rendering.kind']],
  },
  // 2310B is only sent when the rendering provider differs from the billing provider (2010AA).
  {
    name: 'accepts the billing group named as its own rendering provider',
    input: withProviders({ rendering: billing }),
    expected: [],
  },
  {
    name: 'rejects an organization as referring provider',
    input: withProviders({ referring: { ...facility, id: 'x' } }),
    expected: [['error', 'providers.referring.kind']],
  },
  {
    name: 'rejects a person as service facility',
    input: withProviders({ facility: { ...referring, address: facility.address } }),
    expected: [['error', 'providers.facility.kind']],
  },
]);

ruleTable(providerNameMissing, 'provider.name_missing', [
  { name: 'accepts named providers', input: withProviders({ referring, facility }), expected: [] },
  {
    name: 'rejects an organization without a name',
    input: withBilling({ organizationName: null }),
    expected: [['error', 'providers.billing.organizationName']],
  },
  {
    name: 'rejects a person without first and last name',
    input: withProviders({ rendering: { ...rendering, firstName: '', lastName: undefined } }),
    expected: [
      ['error', 'providers.rendering.lastName'],
      ['error', 'providers.rendering.firstName'],
    ],
  },
]);

ruleTable(taxIdInvalid, 'provider.tax_id_invalid', [
  { name: 'accepts 9 digits', input: makeInput(), expected: [] },
  {
    name: 'rejects a missing tax id',
    input: withBilling({ taxId: null }),
    expected: [['error', 'providers.billing.taxId']],
  },
  {
    name: 'rejects a hyphenated EIN',
    input: withBilling({ taxId: '12-3456789' }),
    expected: [['error', 'providers.billing.taxId']],
  },
  { name: 'skips a missing billing provider', input: withProviders({ billing: null }), expected: [] },
]);

ruleTable(taxonomyMissing, 'provider.taxonomy_missing', [
  { name: 'accepts a billing taxonomy code', input: makeInput(), expected: [] },
  {
    name: 'warns when the billing provider has none',
    input: withBilling({ taxonomyCode: '' }),
    expected: [['warning', 'providers.billing.taxonomyCode']],
  },
  // 2000A PRV is situational: Medicaid adjudicates on it, Medicare and commercial payers do not.
  {
    name: 'warns for a Medicaid payer',
    input: makeInput({
      providers: { billing: { ...billing, taxonomyCode: null } },
      payer: { claimFilingIndicator: 'MC' },
    }),
    expected: [['warning', 'providers.billing.taxonomyCode']],
  },
  {
    name: 'says nothing for a commercial payer',
    input: makeInput({
      providers: { billing: { ...billing, taxonomyCode: null } },
      payer: { claimFilingIndicator: 'CI' },
    }),
    expected: [],
  },
  {
    name: 'says nothing for Medicare Part B',
    input: makeInput({
      providers: { billing: { ...billing, taxonomyCode: null } },
      payer: { claimFilingIndicator: 'MB' },
    }),
    expected: [],
  },
]);

ruleTable(taxonomyInvalid, 'provider.taxonomy_invalid', [
  { name: 'accepts NUCC codes', input: withBilling({ taxonomyCode: '363LF0000X' }), expected: [] },
  {
    name: 'leaves a missing code to provider.taxonomy_missing',
    input: withBilling({ taxonomyCode: null }),
    expected: [],
  },
  {
    name: 'rejects a 9-character code',
    input: withBilling({ taxonomyCode: '207Q0000X' }),
    expected: [['error', 'providers.billing.taxonomyCode']],
  },
  {
    name: 'rejects a rendering code not ending in X',
    input: withProviders({ rendering: { ...rendering, taxonomyCode: '207Q000000' } }),
    expected: [['error', 'providers.rendering.taxonomyCode']],
  },
]);

ruleTable(providerAddressMissing, 'provider.address_missing', [
  { name: 'accepts addressed billing and facility providers', input: withProviders({ facility }), expected: [] },
  {
    name: 'does not need a rendering provider address',
    input: withProviders({ rendering: { ...rendering, address: null } }),
    expected: [],
  },
  {
    name: 'rejects a billing provider without address',
    input: withBilling({ address: null }),
    expected: [['error', 'providers.billing.address']],
  },
  {
    name: 'rejects a facility without address',
    input: withProviders({ facility: { ...facility, address: undefined } }),
    expected: [['error', 'providers.facility.address']],
  },
]);

ruleTable(providerAddressInvalid, 'provider.address_invalid', [
  { name: 'accepts a complete address', input: makeInput(), expected: [] },
  {
    name: 'rejects a 4-digit ZIP',
    input: withBillingAddress({ postalCode: '6270' }),
    expected: [['error', 'providers.billing.address.postalCode']],
  },
  {
    name: 'rejects an unknown state',
    input: withBillingAddress({ state: 'XX' }),
    expected: [['error', 'providers.billing.address.state']],
  },
]);

ruleTable(zipPlusFourMissing, 'provider.zip_plus_four_missing', [
  { name: 'accepts a 9-digit billing ZIP', input: makeInput(), expected: [] },
  {
    name: 'rejects a 5-digit billing ZIP',
    input: withBillingAddress({ postalCode: '62701' }),
    expected: [['error', 'providers.billing.address.postalCode']],
  },
  {
    name: 'rejects a 5-digit service facility ZIP',
    input: withProviders({
      facility: { ...facility, address: { ...(facility.address as Address), postalCode: '62702' } },
    }),
    expected: [['error', 'providers.facility.address.postalCode']],
  },
  {
    name: 'leaves malformed ZIPs to provider.address_invalid',
    input: withBillingAddress({ postalCode: '6270' }),
    expected: [],
  },
]);

ruleTable(billingPoBox, 'provider.billing_po_box', [
  { name: 'accepts a street address', input: makeInput(), expected: [] },
  {
    name: 'rejects a P.O. Box',
    input: withBillingAddress({ line1: 'P.O. Box 123' }),
    expected: [['error', 'providers.billing.address.line1']],
  },
  {
    name: 'rejects a lock box on the second line',
    input: withBillingAddress({ line2: 'Lockbox 9' }),
    expected: [['error', 'providers.billing.address.line2']],
  },
  {
    name: 'does not mistake a street name for a box',
    input: withBillingAddress({ line1: '12 Boxwood Ln' }),
    expected: [],
  },
]);

ruleTable(providerInactive, 'provider.inactive', [
  {
    name: 'accepts active providers',
    input: withProviders({ referring, facility: { ...facility, active: true } }),
    expected: [],
  },
  {
    name: 'warns on a deactivated billing provider',
    input: withBilling({ active: false }),
    expected: [['warning', 'providers.billing']],
  },
  {
    name: 'warns on a deactivated rendering provider',
    input: withProviders({ rendering: { ...rendering, active: false } }),
    expected: [['warning', 'providers.rendering']],
  },
]);
