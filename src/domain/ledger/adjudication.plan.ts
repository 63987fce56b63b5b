import type { Cents } from '../money.js';
import type { AdjudicatedLine, AdjudicationResult, Adjustment, AdjustmentGroup } from '../remittance/adjudication.js';
import { adjudicatedStatus, isDeniedLine } from '../remittance/posting.js';
import { type CoverageParty, type Party, sameParty } from './accounts.js';
import type { EntryCategory, LedgerEntry } from './journal.js';
import { LedgerError } from './ledger.errors.js';
import { compareLines, receivableRows } from './receivables.js';

/**
 * How one payer decision on one claim posts, before any entry is made. The rules, per row (a claim line, or the
 * claim level: claim-level CAS and 835 lines that matched none of ours):
 * - paid: SVC03 on its line; at claim level CLP04 − Σ SVC03 (what claim-level CAS withheld from the lines'
 *   payments; CLP04 itself when the payer sent no lines), so the cash posted is always CLP04;
 * - PR moves from the coverage to the next party, always as the payer says (deductible / coinsurance / copay by
 *   CARC 1 / 2 / 3);
 * - CO (contractual) and OA/PI/CR (other adjustments) relieve the coverage's receivable, except:
 *   - OA-23 "impact of prior payer(s) adjudication" is never posted: the prior payer's own postings settled it;
 *   - a denied line's (paid 0, no PR) and a denied claim's adjustments are held: the balance stays owed by the
 *     payer until an appeal's new adjudication, a corrected claim or a write-off settles it (claim status
 *     `denied → closed` is "the denial is accepted and written off"), unless `denials: 'adjust'`;
 *   - adjustments never take a row below zero: a coverage is relieved at most of what it owes. A payer whose
 *     charge is more than ours (or a secondary restating the primary's contractual on the full charge) has the
 *     surplus dropped, last adjustment first; a line row is bounded by what the coverage owes on that line, the
 *     claim-level row by what it owes on the whole claim after the lines.
 * What an adjudication leaves (a payer charge below ours, a denial held) stays on the coverage's receivable as
 * `remainingCents`; a negative remainder is the payer's credit balance (it paid more than it owed: refundable).
 */

export type NotPostedReason = 'prior_payer' | 'denial_held' | 'beyond_owed';

export interface PlannedAdjustment {
  group: AdjustmentGroup;
  reasonCode: string;
  category: EntryCategory;
  adjudicatedCents: Cents;
  postedCents: Cents;
  /** Why less than adjudicated was posted; null when all of it was. */
  notPosted: NotPostedReason | null;
}

export interface AdjudicationRowPlan {
  lineNumber: number | null;
  /** The coverage's receivable on this row before the adjudication. */
  owedBeforeCents: Cents;
  paidCents: Cents;
  /** PR adjustments: always posted in full, to the next party. */
  responsibility: PlannedAdjustment[];
  adjustments: PlannedAdjustment[];
  /** The coverage's receivable on this row after it. */
  remainingCents: Cents;
}

export interface AdjudicationPlan {
  claimId: string;
  coverage: CoverageParty;
  rows: AdjudicationRowPlan[];
  /** CLP04: what the payer paid on the claim. */
  cashCents: Cents;
  /** The coverage's receivable on the whole claim after the adjudication (> 0 still owed, < 0 overpaid). */
  remainingCents: Cents;
}

export interface AdjudicationPostingInput {
  claimId: string;
  patientId: string;
  /** The coverage whose payer decided. */
  coverage: CoverageParty;
  result: AdjudicationResult;
  /** Our line number for each `result.lines[i]` (`matchLines`); null when it matched none: posted at claim level. */
  lineNumbers: readonly (number | null)[];
  /** The claim's entries so far (at least its receivables): they bound what the coverage can be relieved of. */
  entries: readonly LedgerEntry[];
  /** Who takes the patient responsibility: the next coverage in COB order when there is one; else the patient. */
  responsibilityTo?: Party;
  /** The claim that receivable belongs to when it is another one (the secondary claim COB built); default claimId. */
  responsibilityClaimId?: string;
  /** Denied lines: 'hold' (default) leaves their balance on the payer, 'adjust' posts their adjustments. */
  denials?: 'hold' | 'adjust';
}

const PR_CATEGORY: Readonly<Record<string, EntryCategory>> = { '1': 'deductible', '2': 'coinsurance', '3': 'copay' };

function categoryOf(a: Adjustment): EntryCategory {
  if (a.group === 'PR') return PR_CATEGORY[a.reasonCode] ?? 'other_patient_responsibility';
  return a.group === 'CO' ? 'contractual' : 'other_adjustment';
}

function planned(a: Adjustment, held: boolean): PlannedAdjustment {
  const prior = a.group === 'OA' && a.reasonCode === '23';
  const notPosted: NotPostedReason | null =
    a.group === 'PR' ? null : prior ? 'prior_payer' : held ? 'denial_held' : null;
  return {
    group: a.group,
    reasonCode: a.reasonCode,
    category: categoryOf(a),
    adjudicatedCents: a.amountCents,
    postedCents: notPosted ? 0 : a.amountCents,
    notPosted,
  };
}

const total = (items: readonly PlannedAdjustment[]) => items.reduce((sum, a) => sum + a.postedCents, 0);
const credited = (row: AdjudicationRowPlan) => row.paidCents + total(row.responsibility) + total(row.adjustments);

/** Drops up to `excess` of the row's positive posted adjustments, last first. */
function cut(row: AdjudicationRowPlan, excess: Cents): void {
  let left = excess;
  for (let i = row.adjustments.length - 1; i >= 0 && left > 0; i--) {
    const a = row.adjustments[i]!;
    const dropped = Math.min(left, Math.max(0, a.postedCents));
    if (dropped === 0) continue;
    a.postedCents -= dropped;
    a.notPosted = 'beyond_owed';
    left -= dropped;
  }
}

function validate(input: AdjudicationPostingInput): void {
  if (input.result.statusCode === '22') {
    throw new LedgerError('reversal_requires_original', 'A CLP02 22 reversal posts as reverse() of what it reverses');
  }
  if (input.lineNumbers.length !== input.result.lines.length) {
    throw new LedgerError('line_count_mismatch', 'Give one line number (or null) per adjudicated line', {
      lines: input.result.lines.length,
      lineNumbers: input.lineNumbers.length,
    });
  }
  if (input.responsibilityTo && sameParty(input.responsibilityTo, input.coverage)) {
    throw new LedgerError('invalid_next_party', 'Patient responsibility cannot move to the coverage that decided');
  }
}

export function planAdjudication(input: AdjudicationPostingInput): AdjudicationPlan {
  validate(input);
  const { result, claimId, coverage } = input;
  const owed = new Map<number | null, Cents>();
  for (const r of receivableRows(input.entries, { claimId, party: coverage })) owed.set(r.lineNumber, r.balanceCents);
  const owedTotal = [...owed.values()].reduce((sum, c) => sum + c, 0);
  const rows = new Map<number | null, AdjudicationRowPlan>();
  const rowFor = (lineNumber: number | null) => {
    let row = rows.get(lineNumber);
    if (!row) {
      const before = owed.get(lineNumber) ?? 0;
      row = {
        lineNumber,
        owedBeforeCents: before,
        paidCents: 0,
        responsibility: [],
        adjustments: [],
        remainingCents: 0,
      };
      rows.set(lineNumber, row);
    }
    return row;
  };
  const hold = input.denials !== 'adjust';
  const add = (row: AdjudicationRowPlan, adjustments: readonly Adjustment[], held: boolean) => {
    for (const a of adjustments) (a.group === 'PR' ? row.responsibility : row.adjustments).push(planned(a, held));
  };
  if (result.statusCode !== '25') {
    // CLP02 25 (predetermination): nothing was paid or denied, nothing posts.
    const claimRow = rowFor(null);
    const linesPaid = result.lines.reduce((sum, l) => sum + l.paidCents, 0);
    claimRow.paidCents = result.paidCents - linesPaid;
    add(claimRow, result.adjustments, hold && adjudicatedStatus(result) === 'denied');
    result.lines.forEach((line: AdjudicatedLine, i) => {
      const row = rowFor(input.lineNumbers[i] ?? null);
      row.paidCents += line.paidCents;
      add(row, line.adjustments, hold && isDeniedLine(line));
    });
  }
  const lineRows = [...rows.values()].filter((r) => r.lineNumber !== null);
  for (const row of lineRows) {
    const excess = credited(row) - row.owedBeforeCents;
    if (excess > 0) cut(row, excess);
  }
  const claimRow = rows.get(null);
  if (claimRow) {
    const excess = [...rows.values()].reduce((sum, r) => sum + credited(r), 0) - owedTotal;
    if (excess > 0) cut(claimRow, excess);
  }
  const planRows = [...rows.values()]
    .filter((r) => r.paidCents !== 0 || r.responsibility.length > 0 || r.adjustments.length > 0)
    .sort((a, b) => compareLines(a.lineNumber, b.lineNumber));
  for (const row of planRows) row.remainingCents = row.owedBeforeCents - credited(row);
  const creditedTotal = planRows.reduce((sum, r) => sum + credited(r), 0);
  return {
    claimId,
    coverage,
    rows: planRows,
    cashCents: result.statusCode === '25' ? 0 : result.paidCents,
    remainingCents: owedTotal - creditedTotal,
  };
}
