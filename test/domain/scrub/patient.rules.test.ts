import {
  patientAddressInvalid,
  patientAddressMissing,
  patientBirthDateInvalid,
  patientNameMissing,
} from '../../../src/domain/scrub/patient.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const home = { line1: '42 Oak Ave', city: 'Springfield', state: 'IL', postalCode: '62704' };

ruleTable(patientNameMissing, 'patient.name_missing', [
  { name: 'accepts a full name', input: makeInput(), expected: [] },
  {
    name: 'rejects blank names',
    input: makeInput({ patient: { firstName: ' ', lastName: '' } }),
    expected: [
      ['error', 'patient.lastName'],
      ['error', 'patient.firstName'],
    ],
  },
]);

ruleTable(patientBirthDateInvalid, 'patient.birth_date_invalid', [
  { name: 'accepts a birth date before the service', input: makeInput(), expected: [] },
  {
    name: 'accepts a birth on the day of service',
    input: makeInput({ patient: { birthDate: '2025-03-10' } }),
    expected: [],
  },
  {
    name: 'rejects a birth after the service',
    input: makeInput({ patient: { birthDate: '2025-03-11' } }),
    expected: [['error', 'patient.birthDate']],
  },
  {
    name: 'rejects an age over 124',
    input: makeInput({ patient: { birthDate: '1900-01-01' } }),
    expected: [['error', 'patient.birthDate']],
  },
  {
    name: 'rejects an invalid date',
    input: makeInput({ patient: { birthDate: '1960-13-01' } }),
    expected: [['error', 'patient.birthDate']],
  },
]);

ruleTable(patientAddressMissing, 'patient.address_missing', [
  { name: 'accepts a patient with an address', input: makeInput(), expected: [] },
  {
    name: 'rejects a patient without an address',
    input: makeInput({ patient: { address: null } }),
    expected: [['error', 'patient.address']],
  },
]);

ruleTable(patientAddressInvalid, 'patient.address_invalid', [
  { name: 'accepts a 5-digit ZIP', input: makeInput(), expected: [] },
  {
    name: 'accepts a 9-digit ZIP',
    input: makeInput({ patient: { address: { ...home, postalCode: '627041234' } } }),
    expected: [],
  },
  {
    name: 'rejects a hyphenated ZIP+4',
    input: makeInput({ patient: { address: { ...home, postalCode: '62704-1234' } } }),
    expected: [['error', 'patient.address.postalCode']],
  },
  {
    name: 'rejects a missing street, city and a lower-case state',
    input: makeInput({ patient: { address: { ...home, line1: '', city: ' ', state: 'il' } } }),
    expected: [
      ['error', 'patient.address.line1'],
      ['error', 'patient.address.city'],
      ['error', 'patient.address.state'],
    ],
  },
]);
