/**
 * Why a posting rule refused: each refusal has a stable snake_case code the ledger module maps to its HTTP error
 * (a 4xx that posts nothing). Domain errors, never HTTP ones.
 */
export const LEDGER_ERROR_CODES = [
  // The journal itself.
  'empty_transaction', // a transaction with no entries
  'invalid_amount', // an amount that is not a safe integer of cents (or an entry of zero)
  'unbalanced_transaction', // Σ amounts ≠ 0
  'inconsistent_entry', // an entry's claim or patient is not its account's
  // Inputs of the posting rules.
  'amount_not_positive', // a payment, write-off, refund or allocation of zero or less
  'duplicate_allocation', // the same claim line named twice
  'line_not_owing', // an allocation to a claim line that owes nothing to the party
  'allocation_exceeds_balance', // more than the line owes, without allowCredit
  'payment_exceeds_balance', // more than the patient owes, without allowCredit
  'amount_exceeds_balance', // a write-off or transfer of more than the party owes on the claim
  'allocations_exceed_amount', // allocations adding up to more than the amount
  'nothing_owed', // a write-off or credit application with nothing to apply it to
  'credit_exceeded', // more than the patient's unapplied credit
  'refund_exceeds_credit', // more than the payer's credit balance, without allowReopen
  'line_count_mismatch', // one line number per adjudicated line was not given
  'invalid_next_party', // patient responsibility moved to the coverage that adjudicated
  'reversal_requires_original', // CLP02 22 posted as an adjudication: reverse the original instead
  'not_a_reversal', // reverseAdjudication given an adjudication other than CLP02 22
  'reversal_mismatch', // the CLP02 22 amounts are not the negation of the transaction it names
  'wrong_transaction_kind', // e.g. reverseClaimCharge given something other than a claim charge
] as const;
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly details: object = {},
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
  return error instanceof LedgerError && (code === undefined || error.code === code);
}
