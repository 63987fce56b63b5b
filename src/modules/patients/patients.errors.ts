import { conflict } from '../../lib/problem.js';

export const externalIdTaken = (externalId: string, existingId: string) =>
  conflict('patient_external_id_taken', `Patient externalId '${externalId}' already belongs to ${existingId}.`, {
    existingId,
  });
