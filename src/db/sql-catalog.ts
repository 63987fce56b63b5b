import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStatement, type Statement } from './sql.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CatalogFile {
  /** The catalog, relative to the repository root (src/modules/claims/claims.sql.ts). */
  source: string;
  /** Where its rendered SQL is committed (src/modules/claims/claims.sql). */
  rendered: string;
  statements: Statement[];
}

function catalogPaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return catalogPaths(full);
    return entry.name.endsWith('.sql.ts') ? [full] : [];
  });
}

/** Every `*.sql.ts` under src/ with the statements it declares, in a stable order. */
export async function loadCatalog(): Promise<CatalogFile[]> {
  const files = catalogPaths(SRC).sort();
  const out: CatalogFile[] = [];
  for (const file of files) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const statements = Object.values(exports).filter(isStatement);
    if (statements.length === 0) continue;
    const root = path.dirname(SRC);
    out.push({
      source: path.relative(root, file),
      rendered: path.relative(root, file.replace(/\.sql\.ts$/, '.sql')),
      statements: statements.sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return out;
}

/** The committed text of one catalog: each statement under its name and parameter list, as PostgreSQL receives it. */
export function renderCatalog(file: CatalogFile): string {
  const header = [
    `-- Rendered from ${path.basename(file.source)} by \`npm run generate\`; do not edit (a test fails when it drifts).`,
    '-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.',
  ];
  const blocks = file.statements.map((s) => {
    const params = s.order.map((key, i) => `$${i + 1} ${key} ${s.params[key]}`).join(', ');
    return `-- name: ${s.name}\n-- params: ${params || '(none)'}\n${s.text};`;
  });
  return `${[header.join('\n'), ...blocks].join('\n\n')}\n`;
}
