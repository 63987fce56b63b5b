import type { FastifyPluginAsync } from 'fastify';
import { registerCrudRoutes } from '../../lib/crud-routes.js';
import { Payer, PayerCreate, PayerList, PayerUpdate } from './payers.schemas.js';
import type { PayersService } from './payers.service.js';

export const payersRoutes: FastifyPluginAsync<{ payers: PayersService }> = async (app, { payers }) => {
  registerCrudRoutes(app, {
    singular: 'payer',
    plural: 'payers',
    idPrefix: 'pyr',
    readScope: 'payers:read',
    writeScope: 'payers:write',
    schemas: { object: Payer, create: PayerCreate, update: PayerUpdate, list: PayerList },
    describe: {
      create:
        'Adds an insurer. A payer without an EDI payer id is accepted; its claims wait in needs_attention until one is set.',
      list: 'Payers ordered by (updatedAt, id); follow `nextCursor`, or pass `updatedSince` to sync changes.',
      deactivate:
        'Marks the payer inactive; history and existing coverages keep referring to it. PATCH `active: true` reactivates.',
    },
    service: payers,
  });
};
