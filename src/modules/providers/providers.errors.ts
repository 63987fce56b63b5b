import { AppError, defineErrors } from '../../lib/problem.js';

export const PROVIDER_ERRORS = defineErrors({
  provider_npi_taken: { status: 409, description: 'A provider with this NPI already exists; `existingId` names it.' },
});

export const npiTaken = (npi: string, existingId: string) =>
  new AppError(
    PROVIDER_ERRORS.provider_npi_taken,
    `A provider with NPI ${npi} already exists (${existingId}); update it instead.`,
    {
      existingId,
    },
  );
