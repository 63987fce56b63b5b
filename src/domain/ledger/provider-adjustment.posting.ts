import type { ProviderAdjustment } from '../remittance/adjudication.js';
import { type JournalTransaction, journalTransaction, type LedgerEntry, movement } from './journal.js';
import { LedgerError } from './ledger.errors.js';

/**
 * An 835's PLB adjustments: Dr provider_adjustments / Cr cash, positive amounts withholding from the deposit (a
 * recoupment, WO), negative ones adding to it (interest, L6). They are the provider's, never a patient's or a
 * claim's balance, even when the PLB reference names a claim. With the claims' postings the remittance's cash is
 * BPR02 (Σ CLP04 − Σ PLB). Null when every amount is zero.
 */
export function postProviderAdjustments(adjustments: readonly ProviderAdjustment[]): JournalTransaction | null {
  const entries: LedgerEntry[] = [];
  for (const plb of adjustments) {
    if (!Number.isSafeInteger(plb.amountCents)) {
      throw new LedgerError('invalid_amount', `PLB ${plb.reasonCode} amount must be whole cents`, {
        amountCents: plb.amountCents,
      });
    }
    entries.push(
      ...movement({ kind: 'provider_adjustments' }, { kind: 'cash' }, plb.amountCents, {
        category: 'plb',
        lineNumber: null,
        patientId: null,
        reasonCode: plb.reasonCode,
      }),
    );
  }
  return entries.length === 0 ? null : journalTransaction('provider_adjustment', entries);
}
