import type { BalanceError } from '../../domain/remittance/adjudication.js';
import { AppError, defineErrors } from '../../lib/problem.js';

export const REMITTANCE_ERRORS = defineErrors({
  remittance_unbalanced: {
    status: 422,
    description:
      'The 835 does not balance (line SVC02 − ΣCAS = SVC03; claim CLP03 − ΣCAS = CLP04; file ΣCLP04 − ΣPLB = BPR02). `imbalances` names each failing claim (CLP01) or line with the difference in cents. Nothing was posted.',
  },
  remittance_empty: { status: 422, description: 'The file holds no 835 transaction set. Nothing was posted.' },
  adjudication_unbalanced: {
    status: 422,
    description:
      'The adjudication does not balance: a line’s charge − Σ its adjustments is not its paid amount, or the claim’s charge − Σ all adjustments is not the claim’s paid amount. `imbalances` gives each difference in cents. Nothing was posted.',
  },
  adjudication_not_applicable: {
    status: 409,
    description:
      'The claim cannot take this decision in its current status (`currentStatus`): never sent, rejected, replaced or void, already in the status it leads to, or a reversal of a claim that was never paid. Nothing was posted.',
  },
  adjudication_amounts_invalid: {
    status: 422,
    description:
      'The decision’s amounts do not fit the claim: the charge is not what was billed (the negation of it for a CLP02 22 reversal), or an amount has the wrong sign for the status code. Nothing was posted.',
  },
  adjudication_line_unknown: {
    status: 422,
    description:
      'A line names a claim line that does not exist (`lineNumber`, `controlNumber`) or matches none by code, date and charge. Nothing was posted.',
  },
});

/** At most this many imbalances are listed (a broken file can have one per claim). */
const LISTED = 100;

export const remittanceUnbalanced = (imbalances: BalanceError[]) =>
  new AppError(
    REMITTANCE_ERRORS.remittance_unbalanced,
    `The remittance does not balance (${imbalances.length} imbalance(s); the first: ${imbalances[0]?.message ?? 'none'}); nothing was posted.`,
    { imbalances: imbalances.slice(0, LISTED), imbalanceCount: imbalances.length },
  );

export const remittanceEmpty = () =>
  new AppError(REMITTANCE_ERRORS.remittance_empty, 'The file holds no ST*835 transaction set.');

export const adjudicationUnbalanced = (imbalances: BalanceError[]) =>
  new AppError(
    REMITTANCE_ERRORS.adjudication_unbalanced,
    `The adjudication does not balance: ${imbalances[0]?.message ?? ''}`,
    { imbalances },
  );

export const adjudicationLineUnknown = (index: number, why: string) =>
  new AppError(REMITTANCE_ERRORS.adjudication_line_unknown, `lines[${index}]: ${why}`, {
    errors: [{ path: `lines.${index}`, code: 'unknown_line', message: why }],
  });

export const adjudicationNotApplicable = (currentStatus: string, wouldBe: string | null) =>
  new AppError(
    REMITTANCE_ERRORS.adjudication_not_applicable,
    wouldBe
      ? `A claim in '${currentStatus}' cannot move to '${wouldBe}'.`
      : `This decision moves no claim (CLP02 25, a predetermination); the claim is '${currentStatus}'.`,
    { currentStatus, resultingStatus: wouldBe },
  );

export const adjudicationAmountsInvalid = (message: string, extra: Record<string, unknown>) =>
  new AppError(REMITTANCE_ERRORS.adjudication_amounts_invalid, message, extra);
