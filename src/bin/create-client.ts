import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createAuthService } from '../modules/auth/auth.service.js';
import { loadSigningKeys } from '../modules/auth/signing-keys.js';

/** Operator CLI: create an organization (or use --org) and an API client; prints the secret once. */
const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    'org-name': { type: 'string' },
    name: { type: 'string', default: 'api client' },
    scopes: { type: 'string' },
  },
});
const config = loadConfig(process.env);
const database = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(database);
const keys = await loadSigningKeys(database.db);
const auth = createAuthService({ db: database.db, config, keys: () => keys });
const orgId = values.org ?? (await auth.createOrganization(values['org-name'] ?? 'New organization')).id;
const client = await auth.createClient({ orgId, name: values.name!, scopes: values.scopes?.split(/[ ,]+/) });
process.stdout.write(`${JSON.stringify({ orgId, ...client }, null, 2)}\n`);
await database.close();
