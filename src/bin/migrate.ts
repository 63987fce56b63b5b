import { withDatabase } from './cli.js';

/** Applies the migrations (withDatabase migrates on opening) and says where; builds no service. */
await withDatabase(async (database) => {
  process.stdout.write(`migrations applied (${database.kind})\n`);
});
