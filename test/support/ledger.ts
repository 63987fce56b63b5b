import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import type { JournalEntryRow } from '../../src/db/schema/index.js';
import { journalEntries } from '../../src/db/schema/index.js';
import { claimBalance, patientBalance } from '../../src/domain/ledger/index.js';
import { entryOf } from '../../src/modules/ledger/ledger-rows.js';
import type { TestApp } from './app.js';

/**
 * The ledger's invariants, read straight from the database (issue 10): every journal transaction balances and has
 * entries; every patient's entries add up to zero (so patient balance + insurance balance − credit equals charges −
 * payer paid − adjustments − patient paid − write-offs + refunds); every claim's line itemization adds up, and so
 * does every patient's balance identity as the domain computes it. Returns the violations (none in a sound ledger).
 */
export async function ledgerViolations(t: TestApp): Promise<string[]> {
  const db = t.database.db;
  const out: string[] = [];
  const unbalanced = await queryRows<{ transaction_id: string; total: string }>(
    db,
    sql`select transaction_id, sum(amount_cents)::text as total from journal_entries
      group by org_id, transaction_id having sum(amount_cents) <> 0`,
  );
  for (const r of unbalanced) out.push(`transaction ${r.transaction_id} is unbalanced by ${r.total}`);
  const empty = await queryRows<{ id: string }>(
    db,
    sql`select t.id from journal_transactions t where not exists (select 1 from journal_entries e
      where e.org_id = t.org_id and e.transaction_id = t.id)`,
  );
  for (const r of empty) out.push(`transaction ${r.id} has no entries`);
  const patients = await queryRows<{ patient_id: string; total: string }>(
    db,
    sql`select patient_id, sum(amount_cents)::text as total from journal_entries where patient_id is not null
      group by org_id, patient_id having sum(amount_cents) <> 0`,
  );
  for (const r of patients) out.push(`patient ${r.patient_id}: entries add up to ${r.total}, not 0`);
  const rows: JournalEntryRow[] = await db.select().from(journalEntries);
  const entries = rows.map(entryOf);
  for (const claimId of new Set(entries.map((e) => (e.account.kind === 'receivable' ? e.account.claimId : null)))) {
    if (claimId && !claimBalance(entries, claimId).addsUp) out.push(`claim ${claimId}: itemization does not add up`);
  }
  for (const patientId of new Set(entries.map((e) => e.patientId))) {
    if (!patientId) continue;
    const b = patientBalance(entries, patientId);
    if (!b.identityHolds || !b.patientIdentityHolds) out.push(`patient ${patientId}: balance identity fails`);
  }
  return out;
}

export async function expectSoundLedger(t: TestApp): Promise<void> {
  expect(await ledgerViolations(t)).toEqual([]);
}
