import { isIsoDate } from '../claims/calendar-date.js';
import { daysUntil, filingDeadline } from '../claims/filing.js';
import { lineDate, serviceDates } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { ScrubInput } from './types.js';

/** Days before the deadline from which the scrubber warns. */
export const FILING_WARNING_DAYS = 30;

interface FilingWindow {
  deadline: string;
  daysLeft: number;
  path: string;
  limit: string;
}

function filingWindow({ claim, payer, today }: ScrubInput): FilingWindow | null {
  if (!payer || !Number.isSafeInteger(payer.timelyFilingDays) || payer.timelyFilingDays < 0) return null;
  // The earliest service sets the deadline: its clock started first.
  const earliest = serviceDates(claim).find(isIsoDate);
  if (earliest === undefined || !isIsoDate(today)) return null;
  const deadline = filingDeadline(earliest, payer.timelyFilingDays);
  const lineIndex = claim.lines.findIndex((line) => line.dateOfService && lineDate(claim, line) === earliest);
  const path =
    earliest === claim.dateOfService || lineIndex === -1 ? 'dateOfService' : `lines[${lineIndex}].dateOfService`;
  const limit = `${payer.name} allows ${payer.timelyFilingDays} days from the date of service ${earliest}`;
  return { deadline, daysLeft: daysUntil(today, deadline), path, limit };
}

export const deadlinePassed = defineRule('filing.deadline_passed', (input, issues) => {
  const window = filingWindow(input);
  if (!window || window.daysLeft >= 0) return;
  issues.error(
    window.path,
    `The timely-filing deadline ${window.deadline} has passed (${window.limit}).`,
    'The payer will deny the claim as late (CARC 29). Submit it only with proof of timely filing (an earlier accepted submission, a payer delay); ' +
      'otherwise void the claim and write the balance off: a participating provider usually cannot bill the patient for it.',
  );
});

export const deadlineNear = defineRule('filing.deadline_near', (input, issues) => {
  const window = filingWindow(input);
  if (!window || window.daysLeft < 0 || window.daysLeft > FILING_WARNING_DAYS) return;
  const left = window.daysLeft === 0 ? 'today' : `${window.daysLeft} day${window.daysLeft === 1 ? '' : 's'} from today`;
  issues.warning(
    window.path,
    `The timely-filing deadline is ${window.deadline}, ${left} (${window.limit}).`,
    'Fix any other issues and submit the claim before the deadline.',
  );
});

export const FILING_RULES = [deadlinePassed, deadlineNear];
