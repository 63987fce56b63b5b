import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../lib/problem.js';
import type { RemittanceSource } from '../modules/remittances/remittances.service.js';
import { withServices } from './cli.js';

/**
 * Posts an 835 file of any size through the same service as `POST /v1/remittances`, streaming it from disk twice
 * (check, then post) with a progress bar on stderr; prints the remittances posted as JSON on stdout.
 */

const USAGE = 'usage: npm run remittances:import -- <file> --org <org_id>';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { org: { type: 'string' } } });
const [filePath] = positionals;
if (!filePath || !values.org || !/^org_[0-9a-z]{10,40}$/.test(values.org)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const orgId = values.org;
const totalBytes = statSync(filePath).size;

/** The file from disk, in 1 MiB chunks (X12 is ASCII: characters are bytes). */
const source: RemittanceSource = {
  chunks: () => createReadStream(filePath, { encoding: 'latin1', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
};

let lastLine = '';
function progress(pass: 'check' | 'post', characters: number) {
  const pct = totalBytes ? Math.min(100, Math.floor((characters / totalBytes) * 100)) : 100;
  const label = pass === 'check' ? 'checking' : 'posting ';
  if (process.stderr.isTTY) {
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r${label} [${bar}] ${String(pct).padStart(3)}%`);
    if (pct === 100) process.stderr.write('\n');
  } else {
    const line = `${label} ${Math.floor(pct / 10) * 10}%`;
    if (line !== lastLine) process.stderr.write(`${line}\n`);
    lastLine = line;
  }
}

const started = performance.now();
await withServices(async (services) => {
  const settings = await services.organizations.settings(orgId);
  if (!settings) {
    process.stderr.write(`no organization ${orgId}\n`);
    process.exitCode = 2;
    return;
  }
  const ctx = {
    orgId,
    timeZone: settings.timeZone,
    actor: 'cli:remittances-import',
    requestId: `cli_${randomUUID().replaceAll('-', '')}`,
    idempotency: null,
  };
  try {
    const outcome = await services.remittances.post(ctx, source, { onProgress: progress });
    const summary = outcome.body.data.map((r) => ({
      id: r.id,
      traceNumber: r.traceNumber,
      paymentCents: r.paymentCents,
      claimCount: r.claimCount,
      unmatchedCount: r.unmatchedCount,
    }));
    process.stdout.write(
      `${JSON.stringify(
        {
          posted: outcome.status === 201,
          alreadyPosted: outcome.status === 200,
          remittances: summary,
          seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
        },
        null,
        2,
      )}\n`,
    );
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!(err instanceof AppError)) throw err;
    process.stderr.write(`nothing was posted: ${filePath}: ${err.code}: ${err.message}\n`);
    const extra = err.extra as { imbalances?: unknown[]; issues?: unknown[]; issue?: unknown };
    const details = extra.imbalances?.slice(0, 10) ?? extra.issues?.slice(0, 10) ?? (extra.issue ? [extra.issue] : []);
    for (const d of details) process.stderr.write(`  ${JSON.stringify(d)}\n`);
    process.exitCode = 1;
  }
});
