#!/usr/bin/env node
/**
 * Generates src/generated/schema.ts (types only: paths, operations, components) from the repository's committed
 * OpenAPI document with openapi-typescript. `--check` writes nothing and exits 1 when the committed file differs,
 * which is what the drift test runs.
 *
 *   node scripts/generate.mjs [--check] [--input ../../openapi/openapi.json] [--output src/generated/schema.ts]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : fallback;
};
const input = option('--input', path.resolve(here, '../../../openapi/openapi.json'));
const output = option('--output', path.resolve(here, '../src/generated/schema.ts'));

const document = JSON.parse(await readFile(input, 'utf8'));
const ast = await openapiTS(document, {
  // Request bodies are component schemas here (PatientCreate...): a field with a default must stay optional on input.
  defaultNonNullable: false,
  // A list response's `data` is an array of unknown length; tuples would be wrong.
  arrayLength: false,
  alphabetize: false,
  silent: true,
});
const text = `${COMMENT_HEADER}${astToString(ast)}`;

if (args.includes('--check')) {
  const committed = await readFile(output, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error(
      `${path.relative(process.cwd(), output)} is out of date with ${path.relative(process.cwd(), input)}: run npm run sdk:generate`,
    );
    process.exit(1);
  }
  console.log('SDK types are up to date.');
} else {
  await writeFile(output, text);
  console.log(`wrote ${path.relative(process.cwd(), output)}`);
}
