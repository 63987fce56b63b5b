/**
 * The patient-balance ledger's pure rules (issue 10): an append-only double-entry journal, the posting rule of
 * each business event, and the balances and reports read back from entries. The ledger module stores what these
 * return (one journal transaction per event, in the event's database transaction, with the org, the source event
 * and the posting time on the row) and never computes money itself.
 *
 * - Amounts are signed integer cents: > 0 debit, < 0 credit; a transaction balances when they add up to zero.
 *   Every rule emits entries in debit/credit pairs of one category, so each category balances too.
 * - Rules that may legitimately move nothing (a claim of 0.00, a predetermination, a denial held on the payer,
 *   PLBs of zero, no overpayment to move) return null; every other refusal is a LedgerError with a stable code.
 * - Corrections are new transactions: `reverse(t)` for a CLP02 22 (`reverseAdjudication`), a void
 *   (`reverseClaimCharge`), a write-off or transfer taken back.
 * - Balances are sums of entries: `claimBalance` (per line and party), `patientBalance` (with its identities),
 *   `receivableRows` + `agingBuckets`, `isSettled`.
 */
export {
  type Account,
  type AccountKind,
  accountKey,
  type CoverageParty,
  inNormalTerms,
  NORMAL_SIDE,
  PATIENT,
  type PatientParty,
  type Party,
  partyKey,
  receivable,
  type Side,
  sameParty,
  WRITEOFF_REASONS,
  type WriteoffReason,
} from './accounts.js';
export {
  type AdjudicationPlan,
  type AdjudicationPostingInput,
  type AdjudicationRowPlan,
  type NotPostedReason,
  type PlannedAdjustment,
  planAdjudication,
} from './adjudication.plan.js';
export { postAdjudication, reverseAdjudication } from './adjudication.posting.js';
export {
  type Aging,
  AGING_BUCKETS,
  type AgingBucket,
  type AgingBucketName,
  type AgingItem,
  agingBucketOf,
  agingBuckets,
} from './aging.js';
export type { LineAmount } from './allocation.js';
export { type ChargedLine, type ClaimChargeInput, chargeClaim, reverseClaimCharge } from './charge.posting.js';
export {
  type ClaimBalance,
  claimBalance,
  type Itemization,
  isSettled,
  type LineItemization,
  type PartyBalance,
  type PayerPaid,
} from './claim-balance.js';
export {
  ENTRY_CATEGORIES,
  type EntryCategory,
  isBalanced,
  type JournalTransaction,
  journalTransaction,
  type LedgerEntry,
  RESPONSIBILITY_CATEGORIES,
  reverse,
  TRANSACTION_KINDS,
  type TransactionKind,
} from './journal.js';
export { isLedgerError, LEDGER_ERROR_CODES, LedgerError, type LedgerErrorCode } from './ledger.errors.js';
export { type PatientBalance, type PatientTotals, patientBalance } from './patient-balance.js';
export {
  type PatientAging,
  type PatientPosition,
  patientPosition,
  type ReceivableSum,
} from './patient-position.js';
export {
  applyPatientCredit,
  type CreditApplicationInput,
  moveOverpaymentToCredit,
  type PatientPaymentInput,
  patientOpenRows,
  postPatientPayment,
  type ServiceDate,
} from './payment.posting.js';
export { postProviderAdjustments } from './provider-adjustment.posting.js';
export {
  accountBalance,
  compareLines,
  type ReceivableRow,
  type RowFilter,
  receivableRows,
  unappliedCredit,
} from './receivables.js';
export { type PayerRefundInput, refundPatientCredit, refundPayer } from './refund.posting.js';
export { type TransferInput, transferBalance } from './transfer.posting.js';
export { postWriteoff, type WriteoffInput } from './writeoff.posting.js';
