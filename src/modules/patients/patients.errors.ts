import { validationFailed } from '../../lib/platform.errors.js';
import { AppError, defineErrors } from '../../lib/problem.js';

export const PATIENT_ERRORS = defineErrors({
  patient_external_id_taken: {
    status: 409,
    description: 'Another patient already has this externalId; `existingId` names it.',
  },
});

export const externalIdTaken = (externalId: string, existingId: string) =>
  new AppError(
    PATIENT_ERRORS.patient_external_id_taken,
    `Patient externalId '${externalId}' already belongs to ${existingId}.`,
    {
      existingId,
    },
  );

/** A birth date after today where the practice is: reported like the schema's own field errors. */
export const birthDateInFuture = () =>
  validationFailed(
    [{ path: 'birthDate', code: 'custom', message: 'a birth date cannot be in the future' }],
    'The request body is not valid.',
  );
