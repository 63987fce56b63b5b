import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { journalEntries, journalTransactions } from '../../src/db/schema/index.js';
import { accountKey, chargeClaim, type JournalTransaction, partyKey } from '../../src/domain/ledger/index.js';
import { sqlState } from '../../src/lib/problem.js';
import { createTestDatabase } from '../support/db.js';

/** The journal's guards live in PostgreSQL itself (migration 0008): no role, the application's included, gets past them. */

let database: Database;
const ORG = 'org_01journaltest000000000000';
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`insert into organizations (id, name) values (${ORG}, 'Journal test')`);
});
afterAll(() => database?.close());

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (err) {
    const cause = (err as { cause?: Error }).cause;
    return { state: sqlState(err), message: cause?.message ?? (err as Error).message };
  }
  return { state: 'no error', message: '' };
};

let n = 0;
/** A journal transaction written as the ledger module writes one: the transaction row, then every entry in one insert. */
async function write(t: JournalTransaction, skew = 0, dateSkew = false) {
  const id = `jtx_${String(++n).padStart(26, '0')}`;
  await database.db.transaction(async (tx) => {
    await tx.insert(journalTransactions).values({
      orgId: ORG,
      id,
      kind: t.kind,
      reversal: t.reversal,
      sourceType: 'claim',
      sourceId: 'clm_01journaltest000000000000',
      effectiveDate: '2026-11-30',
    });
    await tx.insert(journalEntries).values(
      t.entries.map((e, i) => ({
        orgId: ORG,
        transactionId: id,
        entryNumber: i + 1,
        account: accountKey(e.account),
        accountKind: e.account.kind,
        party: e.account.kind === 'receivable' ? partyKey(e.account.party) : null,
        claimId: e.claimId,
        lineNumber: e.lineNumber,
        patientId: e.patientId,
        category: e.category,
        reasonCode: e.reasonCode,
        amountCents: e.amountCents + (i === 0 ? skew : 0),
        effectiveDate: i === 0 && dateSkew ? '2026-12-01' : '2026-11-30',
      })),
    );
  });
  return id;
}

const charge = chargeClaim({
  claimId: 'clm_01journaltest000000000000',
  patientId: 'pat_01journaltest000000000000',
  billTo: { kind: 'coverage', coverageId: 'cov_01journaltest000000000000', payerId: 'pyr_01journaltest000000000000' },
  lines: [
    { lineNumber: 1, chargeCents: 15000 },
    { lineNumber: 2, chargeCents: 2500 },
  ],
})!;

describe('the journal in PostgreSQL', () => {
  it('takes a balanced transaction, and its entries add up to zero', async () => {
    const id = await write(charge);
    const rows = await database.db.execute(
      sql`select sum(amount_cents)::bigint as total, count(*)::int as n from journal_entries where transaction_id = ${id}`,
    );
    const [row] = (rows as unknown as { rows: { total: string; n: number }[] }).rows;
    expect(Number(row!.total)).toBe(0);
    expect(row!.n).toBe(4);
  });

  it('refuses a transaction whose debits and credits differ, writing nothing', async () => {
    const before = await count();
    const refused = await failure(write(charge, 1));
    expect(refused.state).toBe('23514');
    expect(refused.message).toContain('unbalanced');
    expect(await count()).toBe(before);
  });

  it('refuses an entry dated otherwise than its transaction (the foreign key includes the date), writing nothing', async () => {
    const before = await count();
    const refused = await failure(write(charge, 0, true));
    expect(refused.state).toBe('23503');
    expect(refused.message).toContain('journal_entries_transaction_fk');
    expect(await count()).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of journal rows for every role', async () => {
    const id = await write(charge);
    for (const statement of [
      sql`update journal_entries set amount_cents = amount_cents + 1 where transaction_id = ${id}`,
      sql`delete from journal_entries where transaction_id = ${id}`,
      sql`update journal_transactions set kind = 'writeoff' where id = ${id}`,
      sql`delete from journal_transactions where id = ${id}`,
      sql`truncate journal_entries`,
      sql`truncate journal_transactions cascade`,
    ]) {
      const refused = await failure(database.db.execute(statement));
      expect(refused.state).toBe('42501');
      expect(refused.message).toContain('append-only');
    }
    expect(await count()).toBeGreaterThan(0);
  });
});

async function count() {
  const rows = await database.db.execute(sql`select count(*)::int as n from journal_entries`);
  return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
}
