import { parseArgs } from 'node:util';
import { isTimeZone } from '../domain/time-zone.js';
import { withServices } from './cli.js';

/** Operator CLI: create an organization (or use --org) and an API client; prints the secret once. */
const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    'org-name': { type: 'string' },
    'time-zone': { type: 'string' },
    name: { type: 'string', default: 'api client' },
    scopes: { type: 'string' },
  },
});
const timeZone = values['time-zone'];
if (timeZone !== undefined && !isTimeZone(timeZone)) {
  process.stderr.write(`--time-zone must be an IANA time zone such as America/Chicago, got '${timeZone}'\n`);
  process.exit(2);
}

await withServices(async (services) => {
  const orgId =
    values.org ??
    (
      await services.organizations.create({
        name: values['org-name'] ?? 'New organization',
        ...(timeZone ? { timeZone } : {}),
      })
    ).id;
  const client = await services.auth.createClient({ orgId, name: values.name!, scopes: values.scopes?.split(/[ ,]+/) });
  process.stdout.write(`${JSON.stringify({ orgId, ...client }, null, 2)}\n`);
});
