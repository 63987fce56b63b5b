import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { CODE_SYSTEMS, CodeFileError, type CodeSystem } from '../domain/codesets/index.js';
import { codeSetStatus } from '../modules/codes/code-set-status.js';
import { IMPORT_TARGETS } from '../modules/codes/code-files.js';
import { CodeImportError } from '../modules/codes/codes.errors.js';
import { withServices } from './cli.js';

/**
 * Operator setup in one command: migrates, imports the official files given (in dependency order: the
 * ICD-10-CM order file before its addenda and index), loads our starter set into every code system still
 * without codes, and prints what each system holds. Running it again imports nothing twice.
 */
const USAGE = `usage: npm run setup -- [--<target> FILE [--<target>-effective YYYY-MM-DD]]...
  targets: ${IMPORT_TARGETS.join(', ')}
  e.g. npm run setup -- --icd10cm icd10cm_order_2026.txt --pos place_of_service.csv --pos-effective 2025-01-01`;

const options = Object.fromEntries(
  IMPORT_TARGETS.flatMap((t) => [
    [t, { type: 'string' as const }],
    [`${t}-effective`, { type: 'string' as const }],
  ]),
);
let values: Record<string, string | boolean | undefined>;
try {
  values = parseArgs({ options: { ...options, help: { type: 'boolean' } } }).values;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
for (const t of IMPORT_TARGETS) {
  const effective = values[`${t}-effective`];
  if (typeof effective === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(effective)) {
    process.stderr.write(`--${t}-effective must be YYYY-MM-DD\n${USAGE}\n`);
    process.exit(2);
  }
}

await withServices(async (services, database) => {
  process.stdout.write(`migrations applied (${database.kind})\n`);
  for (const target of IMPORT_TARGETS) {
    const filePath = values[target];
    if (typeof filePath !== 'string') continue;
    // The code-list importers version a file against what is loaded; skipping one already recorded keeps
    // the release list free of repeats when the same command is run again.
    if ((CODE_SYSTEMS as readonly string[]).includes(target)) {
      const sha = createHash('sha256').update(readFileSync(filePath)).digest('hex');
      const [seen] = await queryRows<{ label: string }>(
        database.db,
        sql`select label from code_releases where system = ${target} and file_sha256 = ${sha} limit 1`,
      );
      if (seen) {
        process.stdout.write(`${target}: ${filePath} already imported (${seen.label})\n`);
        continue;
      }
    }
    const effective = values[`${target}-effective`];
    try {
      const summary = await services.codes.importFile({
        target,
        filePath,
        ...(typeof effective === 'string' ? { effective } : {}),
      });
      process.stdout.write(`${target}: imported ${filePath} ${JSON.stringify(summary)}\n`);
    } catch (err) {
      if (!(err instanceof CodeFileError || err instanceof CodeImportError)) throw err;
      process.stderr.write(`${target}: import failed, nothing was imported from ${filePath}: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
  }
  const loaded: CodeSystem[] = await services.codes.loadStarter();
  process.stdout.write(
    loaded.length ? `starter set loaded into: ${loaded.join(', ')}\n` : 'starter set: nothing to load\n',
  );
  const status = await codeSetStatus(database.db);
  const table = [
    ['system', 'records', 'state', 'release in force'],
    ...status.map((s) => [s.system, String(s.records), s.state, s.release ?? '—']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const row of table)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  if (status.some((s) => s.state === 'starter')) {
    process.stdout.write(
      'starter: only our starter set; an unknown code is a warning there, not an error, until the official file is imported.\n',
    );
  }
});
