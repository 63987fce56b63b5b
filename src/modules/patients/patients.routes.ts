import type { FastifyPluginAsync } from 'fastify';
import { registerCrudRoutes } from '../../lib/crud-routes.js';
import { Patient, PatientCreate, PatientList, PatientListQuery, PatientUpdate } from './patients.schemas.js';
import type { PatientsService } from './patients.service.js';

export const patientsRoutes: FastifyPluginAsync<{ patients: PatientsService }> = async (app, { patients }) => {
  registerCrudRoutes(app, {
    singular: 'patient',
    plural: 'patients',
    idPrefix: 'pat',
    readScope: 'patients:read',
    writeScope: 'patients:write',
    schemas: {
      object: Patient,
      create: PatientCreate,
      update: PatientUpdate,
      list: PatientList,
      listQuery: PatientListQuery,
    },
    describe: {
      create:
        'Adds a patient. `externalId` (the EHR id) is unique per organization: reusing it is a 409 naming the existing patient.',
      list: 'Patients ordered by (updatedAt, id); follow `nextCursor`, pass `updatedSince` to sync changes, or `externalId` to find the patient an EHR knows.',
      deactivate:
        'Marks the patient inactive; encounters, claims and balances keep their history. PATCH `active: true` reactivates.',
    },
    service: patients,
  });
};
