import { nonAsciiCharacters, unsafeCharacters } from '../../../src/domain/scrub/x12-text.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

ruleTable(unsafeCharacters, 'x12.unsafe_characters', [
  {
    name: 'accepts ordinary names and punctuation',
    input: makeInput({ patient: { lastName: "O'Brien-Smith Jr." } }),
    expected: [],
  },
  {
    name: 'rejects an element separator in a last name',
    input: makeInput({ patient: { lastName: 'Lopez*Garcia' } }),
    expected: [['error', 'patient.lastName']],
  },
  {
    name: 'rejects a segment terminator in a member id',
    input: makeInput({ coverage: { memberId: 'XYZ~1' } }),
    expected: [['error', 'coverage.memberId']],
  },
  {
    name: 'rejects a component separator in a prior authorization',
    input: makeInput({ claim: { priorAuthorization: 'PA:77' } }),
    expected: [['error', 'priorAuthorization']],
  },
  {
    name: 'rejects a repetition separator in a provider address',
    input: makeInput((i) => {
      i.providers.billing = {
        ...i.providers.billing!,
        address: { ...i.providers.billing!.address!, line2: 'Suite ^2' },
      };
    }),
    expected: [['error', 'providers.billing.address.line2']],
  },
  {
    name: 'rejects a tab in a provider name',
    input: makeInput((i) => {
      i.providers.rendering = { ...i.providers.rendering!, firstName: 'Ja\tne' };
    }),
    expected: [['error', 'providers.rendering.firstName']],
  },
  {
    name: 'rejects a segment terminator in a line description (837P SV101-7)',
    input: makeInput((i) => {
      i.claim.lines[1] = { ...i.claim.lines[1]!, description: 'Gel pad~2' };
    }),
    expected: [['error', 'lines[1].description']],
  },
  {
    name: 'rejects a zero-width space in a subscriber name',
    input: makeInput({ coverage: { subscriberLastName: 'Lo\u200Bpez' } }),
    expected: [['error', 'coverage.subscriberLastName']],
  },
]);

ruleTable(nonAsciiCharacters, 'x12.non_ascii', [
  { name: 'accepts plain ASCII', input: makeInput(), expected: [] },
  {
    name: 'warns on an accented patient name',
    input: makeInput({ patient: { firstName: 'José' } }),
    expected: [['warning', 'patient.firstName']],
  },
  {
    name: 'warns on a non-breaking space in the payer name',
    input: makeInput({ payer: { name: 'Acme\u00A0Health' } }),
    expected: [['warning', 'payer.name']],
  },
  {
    name: 'leaves invisible characters to x12.unsafe_characters',
    input: makeInput({ patient: { firstName: 'Ma\u200Bria' } }),
    expected: [],
  },
]);
