import { AppError, defineErrors } from '../../lib/problem.js';

export const ACKNOWLEDGMENT_ERRORS = defineErrors({
  acknowledgment_empty: {
    status: 400,
    description: 'The interchange holds no TA1, 999 or 277CA: there is nothing to acknowledge. Nothing was changed.',
  },
  acknowledgment_mixed: {
    status: 400,
    description:
      'The file holds both 999 and 277CA sets: post each kind as its own file (a TA1 may sit beside either). Nothing was changed.',
  },
});

export const acknowledgmentEmpty = () =>
  new AppError(ACKNOWLEDGMENT_ERRORS.acknowledgment_empty, 'The file holds no TA1, 999 or 277CA.');

export const acknowledgmentMixed = (counts: { acks999: number; acks277ca: number }) =>
  new AppError(
    ACKNOWLEDGMENT_ERRORS.acknowledgment_mixed,
    `The file holds ${counts.acks999} 999 and ${counts.acks277ca} 277CA sets; post them as separate files.`,
    counts,
  );
