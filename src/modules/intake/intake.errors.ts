import { AppError, defineErrors } from '../../lib/problem.js';

export const INTAKE_ERRORS = defineErrors({
  encounter_external_id_conflict: {
    status: 409,
    description: 'An encounter with this externalId was already posted with a different body; PATCH it instead.',
  },
});

export const externalIdConflict = (externalId: string, existingId: string) =>
  new AppError(
    INTAKE_ERRORS.encounter_external_id_conflict,
    `Encounter externalId '${externalId}' was already posted with a different body (${existingId}). PATCH it instead.`,
    { existingId },
  );
