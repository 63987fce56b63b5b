import type { FastifyPluginAsync } from 'fastify';
import { registerCrudRoutes } from '../../lib/crud-routes.js';
import { Provider, ProviderCreate, ProviderList, ProviderUpdate } from './providers.schemas.js';
import type { ProvidersService } from './providers.service.js';

export const providersRoutes: FastifyPluginAsync<{ providers: ProvidersService }> = async (app, { providers }) => {
  registerCrudRoutes(app, {
    singular: 'provider',
    plural: 'providers',
    idPrefix: 'prv',
    readScope: 'providers:read',
    writeScope: 'providers:write',
    schemas: { object: Provider, create: ProviderCreate, update: ProviderUpdate, list: ProviderList },
    describe: {
      create:
        'Adds a clinician, group or facility. The NPI check digit is verified; an NPI already on file is a 409 naming the existing provider.',
      list: 'Providers ordered by (updatedAt, id); follow `nextCursor`, or pass `updatedSince` to sync changes.',
      deactivate:
        'Marks the provider inactive; existing encounters and claims keep referring to it. PATCH `active: true` reactivates.',
    },
    service: providers,
  });
};
