import { parseArgs } from 'node:util';
import { CodeFileError, type CodeFileFormat } from '../domain/codesets/index.js';
import { IMPORT_TARGETS, type ImportTarget } from '../modules/codes/code-files.js';
import { CodeImportError } from '../modules/codes/codes.errors.js';
import { withServices } from './cli.js';

const USAGE = `usage: npm run codes:import -- <${IMPORT_TARGETS.join('|')}> <file> [--effective YYYY-MM-DD] [--release LABEL] [--format FORMAT]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { effective: { type: 'string' }, release: { type: 'string' }, format: { type: 'string' } },
});
const [target, filePath] = positionals;
if (!target || !filePath || !IMPORT_TARGETS.includes(target as ImportTarget)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (values.effective && !/^\d{4}-\d{2}-\d{2}$/.test(values.effective)) {
  process.stderr.write(`--effective must be YYYY-MM-DD\n${USAGE}\n`);
  process.exit(2);
}

/** A progress bar on a terminal, a line every 10% otherwise. */
let lastDecile = -1;
function progress({ bytes, totalBytes, records }: { bytes: number; totalBytes: number; records: number }) {
  const pct = totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 100;
  if (process.stderr.isTTY) {
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r[${bar}] ${String(pct).padStart(3)}%  ${records.toLocaleString('en-US')} records`);
  } else if (Math.floor(pct / 10) > lastDecile) {
    lastDecile = Math.floor(pct / 10);
    process.stderr.write(`${pct}%  ${records.toLocaleString('en-US')} records\n`);
  }
}

const started = performance.now();
await withServices(async (services) => {
  try {
    const summary = await services.codes.importFile({
      target: target as ImportTarget,
      filePath,
      ...(values.effective ? { effective: values.effective } : {}),
      ...(values.release ? { release: values.release } : {}),
      ...(values.format ? { format: values.format as CodeFileFormat } : {}),
      onProgress: progress,
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(
      `${JSON.stringify({ ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, null, 2)}\n`,
    );
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!(err instanceof CodeFileError || err instanceof CodeImportError)) throw err;
    process.stderr.write(`import failed, nothing was imported: ${filePath}: ${err.message}\n`);
    process.exitCode = 1;
  }
});
