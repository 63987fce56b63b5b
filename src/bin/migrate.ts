import { withServices } from './cli.js';

/** Applies the migrations (withServices migrates before anything else) and says where. */
await withServices(async (_services, database) => {
  process.stdout.write(`migrations applied (${database.kind})\n`);
});
