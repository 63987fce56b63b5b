import { deadlineNear, deadlinePassed } from '../../../src/domain/scrub/filing.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

// Date of service 2025-03-10 with 90 days to file: the deadline is 2025-06-08.
const on = (today: string) => makeInput({ today, payer: { timelyFilingDays: 90 } });

ruleTable(deadlinePassed, 'filing.deadline_passed', [
  { name: 'accepts a claim well within the limit', input: on('2025-04-01'), expected: [] },
  { name: 'accepts a claim on the deadline day', input: on('2025-06-08'), expected: [] },
  {
    name: 'rejects a claim the day after the deadline',
    input: on('2025-06-09'),
    expected: [['error', 'dateOfService']],
  },
  {
    name: 'takes the deadline from the earliest line date',
    input: makeInput((i) => {
      i.today = '2025-06-08';
      i.payer = { ...i.payer!, timelyFilingDays: 90 };
      i.claim.lines[1] = { ...i.claim.lines[1]!, dateOfService: '2025-03-09' };
    }),
    expected: [['error', 'lines[1].dateOfService']],
  },
  { name: 'skips a claim without payer', input: makeInput({ today: '2030-01-01', payer: null }), expected: [] },
]);

ruleTable(deadlineNear, 'filing.deadline_near', [
  { name: 'stays quiet 31 days before the deadline', input: on('2025-05-08'), expected: [] },
  { name: 'warns 30 days before the deadline', input: on('2025-05-09'), expected: [['warning', 'dateOfService']] },
  { name: 'warns on the deadline day', input: on('2025-06-08'), expected: [['warning', 'dateOfService']] },
  { name: 'leaves a passed deadline to filing.deadline_passed', input: on('2025-06-09'), expected: [] },
]);
