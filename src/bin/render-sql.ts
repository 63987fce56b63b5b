import { writeFileSync } from 'node:fs';
import { loadCatalog, renderCatalog } from '../db/sql-catalog.js';

/** Writes each module's rendered SQL (`<module>.sql` beside its `<module>.sql.ts`). */
for (const file of await loadCatalog()) {
  writeFileSync(file.rendered, renderCatalog(file));
  process.stdout.write(`wrote ${file.rendered} (${file.statements.length} statements)\n`);
}
