import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { type CatalogFile, loadCatalog, renderCatalog } from '../../src/db/sql-catalog.js';
import { createTestDatabase } from '../support/db.js';

let database: Database;
let catalog: CatalogFile[];
beforeAll(async () => {
  database = await createTestDatabase();
  catalog = await loadCatalog();
});
afterAll(() => database.close());

describe('the SQL catalog (every <module>.sql.ts)', () => {
  it('finds the hot-path statements', () => {
    const names = catalog.flatMap((f) => f.statements.map((s) => s.name));
    expect(names).toEqual(
      expect.arrayContaining([
        'intake_read',
        'encounter_create',
        'claim_read_audited',
        'idempotency_claim',
        'claim_insert',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('prepares every statement against the migrated schema (a schema change that breaks one fails here)', async () => {
    const failures: string[] = [];
    for (const file of catalog) {
      for (const statement of file.statements) {
        const name = `catalog_check_${statement.name}`;
        try {
          await database.exec(`prepare ${name} as ${statement.text}; deallocate ${name};`);
        } catch (err) {
          failures.push(`${file.source} ${statement.name}: ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('matches the rendered SQL committed beside each catalog (run `npm run generate` after changing one)', () => {
    for (const file of catalog) expect(readFileSync(file.rendered, 'utf8'), file.rendered).toBe(renderCatalog(file));
  });
});
