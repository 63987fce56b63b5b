import {
  type CoverageParty,
  chargeClaim,
  type JournalTransaction,
  type LedgerEntry,
  PATIENT,
  type Party,
} from '../../../src/domain/ledger/index.js';
import type {
  AdjudicatedLine,
  AdjudicationResult,
  Adjustment,
  AdjustmentGroup,
  ClaimPaymentStatus,
} from '../../../src/domain/remittance/adjudication.js';

/** Shared parties and 835 builders for the ledger tests: amounts are written in cents, by hand. */

export const PATIENT_ID = 'pat_1';
export const PRIMARY: CoverageParty = { kind: 'coverage', coverageId: 'cov_primary', payerId: 'pyr_acme' };
export const SECONDARY: CoverageParty = { kind: 'coverage', coverageId: 'cov_secondary', payerId: 'pyr_medigap' };
export { PATIENT };

/** `cas('CO-45', 5000)`: one CAS triplet. */
export function cas(code: `${AdjustmentGroup}-${string}`, amountCents: number): Adjustment {
  const [group, reasonCode] = code.split('-') as [AdjustmentGroup, string];
  return { group, reasonCode, amountCents, quantityThousandths: null };
}

/** An SVC loop: SVC02 charge, SVC03 paid, its CAS. */
export function svc(chargeCents: number, paidCents: number, adjustments: Adjustment[] = []): AdjudicatedLine {
  return {
    controlNumber: null,
    procedureQualifier: 'HC',
    procedureCode: '99213',
    modifiers: [],
    billedProcedureCode: null,
    chargeCents,
    paidCents,
    unitsThousandths: 1000,
    allowedCents: null,
    serviceDate: null,
    serviceDateTo: null,
    adjustments,
    remarkCodes: [],
  };
}

/**
 * A CLP loop over its lines: CLP03 = Σ SVC02, CLP04 = Σ SVC03 − Σ claim-level CAS (005010X221A1 1.10.2.1.2),
 * CLP05 = Σ PR. Overrides win.
 */
export function clp(
  lines: AdjudicatedLine[],
  options: { status?: ClaimPaymentStatus; adjustments?: Adjustment[] } & Partial<AdjudicationResult> = {},
): AdjudicationResult {
  const adjustments = options.adjustments ?? [];
  const claimCas = adjustments.reduce((s, a) => s + a.amountCents, 0);
  const pr = [...adjustments, ...lines.flatMap((l) => l.adjustments)]
    .filter((a) => a.group === 'PR')
    .reduce((s, a) => s + a.amountCents, 0);
  return {
    patientControlNumber: 'PCN1',
    statusCode: options.status ?? '1',
    chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    paidCents: lines.reduce((s, l) => s + l.paidCents, 0) - claimCas,
    patientResponsibilityCents: pr,
    filingIndicator: 'CI',
    payerClaimControlNumber: 'ICN1',
    remarkCodes: [],
    serviceDate: null,
    serviceDateTo: null,
    patientName: null,
    ...options,
    adjustments,
    lines,
  };
}

/** The CLP02 22 an 835 sends to take an adjudication back: every amount negated. */
export function reversalOf(result: AdjudicationResult): AdjudicationResult {
  const negate = (a: Adjustment) => ({ ...a, amountCents: -a.amountCents });
  return {
    ...result,
    statusCode: '22',
    chargeCents: -result.chargeCents,
    paidCents: -result.paidCents,
    patientResponsibilityCents: -result.patientResponsibilityCents,
    adjustments: result.adjustments.map(negate),
    lines: result.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map(negate),
    })),
  };
}

/** An in-memory journal: what the ledger module's table holds, append only. */
export interface Book {
  entries: LedgerEntry[];
  transactions: JournalTransaction[];
  post(transaction: JournalTransaction | null): JournalTransaction | null;
}

export function createBook(): Book {
  const book: Book = {
    entries: [],
    transactions: [],
    post(transaction) {
      if (transaction) {
        book.transactions.push(transaction);
        book.entries.push(...transaction.entries);
      }
      return transaction;
    },
  };
  return book;
}

/** A book holding one claim's charges, billed to `billTo`. */
export function chargedBook(claimId: string, charges: number[], billTo: Party = PRIMARY): Book {
  const book = createBook();
  book.post(
    chargeClaim({
      claimId,
      patientId: PATIENT_ID,
      billTo,
      lines: charges.map((chargeCents, i) => ({ lineNumber: i + 1, chargeCents })),
    }),
  );
  return book;
}

/** Σ entries on accounts of a kind, signed (debits positive). */
export function accountTotal(entries: readonly LedgerEntry[], kind: LedgerEntry['account']['kind']): number {
  return entries.reduce((s, e) => (e.account.kind === kind ? s + e.amountCents : s), 0);
}
