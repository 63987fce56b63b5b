import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/client.js';

/**
 * Migration 0018 copies each journal entry's transaction date onto it. A journal written before it (migrated up to
 * 0017, rows inserted as that schema took them) is migrated the rest of the way: every entry carries its
 * transaction's date, the foreign key holds the two together, and the append-only guard is back in force.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'migrations-0017-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function migrationsUpTo(tag: string): string {
  const dir = path.join(scratch, tag);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0018 (journal entries carry their transaction date)', () => {
  it('dates the entries of a journal written before it, and keeps the journal append-only', async () => {
    const client = new PGlite({ extensions: { pg_trgm } });
    const db = drizzle({ client });
    try {
      await migrate(db, { migrationsFolder: migrationsUpTo('0017_') });
      await client.exec(`
        insert into organizations (id, name) values ('org_m', 'Migration test');
        insert into journal_transactions (org_id, id, kind, reversal, source_type, source_id, effective_date) values
          ('org_m', 'jtx_1', 'claim_charge', false, 'claim', 'clm_1', '2026-03-02'),
          ('org_m', 'jtx_2', 'patient_payment', false, 'payment', 'pmt_1', '2026-04-15');
        insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, category, amount_cents)
        values ('org_m', 'jtx_1', 1, 'receivable:clm_1:patient', 'receivable', 'charge', 5000),
          ('org_m', 'jtx_1', 2, 'charges', 'charges', 'charge', -5000),
          ('org_m', 'jtx_2', 1, 'cash', 'cash', 'patient_paid', 2000),
          ('org_m', 'jtx_2', 2, 'receivable:clm_1:patient', 'receivable', 'patient_paid', -2000);`);
      await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
      const dated = await client.query<{ transaction_id: string; effective_date: string }>(
        `select transaction_id, effective_date::text as effective_date from journal_entries order by 1, entry_number`,
      );
      expect(dated.rows).toEqual([
        { transaction_id: 'jtx_1', effective_date: '2026-03-02' },
        { transaction_id: 'jtx_1', effective_date: '2026-03-02' },
        { transaction_id: 'jtx_2', effective_date: '2026-04-15' },
        { transaction_id: 'jtx_2', effective_date: '2026-04-15' },
      ]);
      await expect(
        client.exec(`update journal_entries set amount_cents = 1 where transaction_id = 'jtx_1'`),
      ).rejects.toThrow(/append-only/);
      await expect(
        client.exec(`insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, category,
            amount_cents, effective_date) values ('org_m', 'jtx_2', 3, 'cash', 'cash', 'patient_paid', 1, '2026-04-16'),
            ('org_m', 'jtx_2', 4, 'receivable:clm_1:patient', 'receivable', 'patient_paid', -1, '2026-04-16')`),
      ).rejects.toThrow(/journal_entries_transaction_fk/);
    } finally {
      await client.close();
    }
  }, 60_000);
});
