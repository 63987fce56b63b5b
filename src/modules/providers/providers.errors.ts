import { conflict } from '../../lib/problem.js';

export const npiTaken = (npi: string, existingId: string) =>
  conflict('provider_npi_taken', `A provider with NPI ${npi} already exists (${existingId}); update it instead.`, {
    existingId,
  });
