import {
  agingBuckets,
  type JournalTransaction,
  type LedgerEntry,
  partyKey,
  type ReceivableSum,
  receivableRows,
} from '../../../src/domain/ledger/index.js';

/**
 * What the balance reads' SQL does (src/modules/ledger/ledger.sql.ts, `patientReceivableGroups`), done over
 * entries in memory: sum the receivable and credit entries per claim, line, party and category, with the journal
 * date of the claim's charges and of the first amount put on the patient. And the definitions those sums stand
 * in for, read from the entries themselves: the property tests check the two agree.
 */

export interface DatedTransaction {
  transaction: JournalTransaction;
  effectiveDate: string;
}

const minDate = (a: string | null, b: string) => (a === null || b < a ? b : a);

/** The grouped rows, as summed entries (for the itemization and allocation rules) and receivable sums. */
export function groupedSums(journal: readonly DatedTransaction[], patientId: string) {
  const groups = new Map<string, { entry: LedgerEntry; sum: ReceivableSum }>();
  for (const { transaction, effectiveDate } of journal) {
    for (const e of transaction.entries) {
      if (e.patientId !== patientId) continue;
      if (e.account.kind !== 'receivable' && e.account.kind !== 'patient_credit') continue;
      const party = e.account.kind === 'receivable' ? e.account.party : null;
      const key = [e.claimId, e.lineNumber, e.account.kind, party ? partyKey(party) : '', e.category].join('|');
      let group = groups.get(key);
      if (!group) {
        group = {
          entry: { ...e, amountCents: 0, reasonCode: null },
          sum: { claimId: e.claimId, party, cents: 0, chargedOn: null, firstOwedOn: null },
        };
        groups.set(key, group);
      }
      group.entry.amountCents += e.amountCents;
      group.sum.cents += e.amountCents;
      if (e.category === 'charge') group.sum.chargedOn = minDate(group.sum.chargedOn, effectiveDate);
      if (party?.kind === 'patient' && e.amountCents > 0) {
        group.sum.firstOwedOn = minDate(group.sum.firstOwedOn, effectiveDate);
      }
    }
  }
  const rows = [...groups.values()];
  return { entries: rows.map((g) => g.entry), receivables: rows.map((g) => g.sum) };
}

/**
 * The aging as defined over entries: each (claim, party) that owes, dated from the claim's charges' journal date
 * (or, for the patient's first-statement view, the first day the patient owed on it).
 */
export function agingFromEntries(journal: readonly DatedTransaction[], patientId: string, asOf: string) {
  const entries = journal.flatMap((t) => t.transaction.entries).filter((e) => e.patientId === patientId);
  const serviceDate = new Map<string, string>();
  const firstOwed = new Map<string, string>();
  for (const { transaction, effectiveDate } of journal) {
    for (const e of transaction.entries) {
      if (e.account.kind !== 'receivable' || e.patientId !== patientId) continue;
      const claimId = e.account.claimId;
      if (transaction.kind === 'claim_charge')
        serviceDate.set(claimId, minDate(serviceDate.get(claimId) ?? null, effectiveDate));
      if (e.account.party.kind === 'patient' && e.amountCents > 0) {
        firstOwed.set(claimId, minDate(firstOwed.get(claimId) ?? null, effectiveDate));
      }
    }
  }
  const owed = (side: 'patient' | 'coverage') => {
    const sums = new Map<string, { claimId: string; cents: number }>();
    for (const row of receivableRows(entries)) {
      if (row.party.kind !== side) continue;
      const key = `${row.claimId}|${partyKey(row.party)}`;
      const item = sums.get(key) ?? { claimId: row.claimId, cents: 0 };
      item.cents += row.balanceCents;
      sums.set(key, item);
    }
    return [...sums.values()].filter((o) => o.cents > 0);
  };
  const aged = (side: 'patient' | 'coverage', dateOf: (claimId: string) => string | undefined) =>
    agingBuckets(
      owed(side).map((o) => ({ amountCents: o.cents, date: dateOf(o.claimId) ?? asOf })),
      asOf,
    );
  return {
    patient: {
      fromServiceDate: aged('patient', (c) => serviceDate.get(c)),
      fromFirstStatementDate: aged('patient', (c) => firstOwed.get(c) ?? serviceDate.get(c)),
    },
    insurance: { fromServiceDate: aged('coverage', (c) => serviceDate.get(c)) },
  };
}
