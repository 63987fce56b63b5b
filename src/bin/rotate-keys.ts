import { withServices } from './cli.js';

/**
 * Operator CLI (`npm run keys:rotate`): a new signing key signs from now on; the previous one stays in the JWKS
 * for AUTH_KEY_OVERLAP_SECONDS so tokens it signed keep verifying until they expire. Keys past their window are
 * retired by this same command, so running it on a schedule (e.g. monthly) is the whole procedure.
 */
await withServices(async (services) => {
  const { kid, retired } = await services.auth.rotateSigningKeys();
  const published = services.auth.signingKeys().publicJwks.map((k) => k.kid);
  process.stdout.write(`${JSON.stringify({ signingKid: kid, published, retired }, null, 2)}\n`);
});
