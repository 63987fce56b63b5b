import { writeFileSync } from 'node:fs';
import { renderOpenApi } from '../openapi-document.js';

const target = process.argv[2] ?? 'openapi/openapi.json';
writeFileSync(target, await renderOpenApi());
process.stdout.write(`wrote ${target}\n`);
