import type { FastifyPluginAsync } from 'fastify';
import { registerCrudRoutes } from '../../lib/crud-routes.js';
import { Coverage, CoverageCreate, CoverageList, CoverageListQuery, CoverageUpdate } from './coverages.schemas.js';
import type { CoveragesService } from './coverages.service.js';

export const coveragesRoutes: FastifyPluginAsync<{ coverages: CoveragesService }> = async (app, { coverages }) => {
  registerCrudRoutes(app, {
    singular: 'coverage',
    plural: 'coverages',
    idPrefix: 'cov',
    readScope: 'coverages:read',
    writeScope: 'coverages:write',
    schemas: {
      object: Coverage,
      create: CoverageCreate,
      update: CoverageUpdate,
      list: CoverageList,
      listQuery: CoverageListQuery,
    },
    describe: {
      create:
        'Adds an insurance policy to a patient. The patient and payer must exist in your organization (404 otherwise).',
      list: 'Coverages ordered by (updatedAt, id); filter with `patientId`, or pass `updatedSince` to sync changes.',
      deactivate:
        'Marks the coverage inactive: claims are no longer built against it. PATCH `active: true` reactivates.',
    },
    service: coverages,
  });
};
