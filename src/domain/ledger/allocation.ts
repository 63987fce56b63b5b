import type { Cents } from '../money.js';
import { LedgerError, type LedgerErrorCode } from './ledger.errors.js';

/** An amount meant for one claim line (lineNumber null: the claim-level row). */
export interface LineAmount {
  claimId: string;
  lineNumber: number | null;
  amountCents: Cents;
}

/** A row that can take an amount, with how much it can take (> 0). */
export interface OpenRow {
  claimId: string;
  lineNumber: number | null;
  openCents: Cents;
}

export interface AllocationRequest {
  /** The rows in the order the remainder fills them (oldest first). */
  rows: readonly OpenRow[];
  amountCents: Cents;
  /** Amounts the caller named; what they leave of `amountCents` fills the rows in order. */
  explicit?: readonly LineAmount[] | undefined;
  /** Whether an amount beyond what the rows can take is allowed (returned as `excessCents`). */
  allowExcess: boolean;
  /** The refusal when the amount as a whole is more than the rows can take. */
  overCode: LedgerErrorCode;
  what: string;
}

export interface Allocation {
  applied: LineAmount[];
  excessCents: Cents;
}

const lineKey = (claimId: string, lineNumber: number | null) => `${claimId}\u0000${lineNumber ?? ''}`;

export function assertPositive(amountCents: Cents, what: string): void {
  if (!Number.isSafeInteger(amountCents)) {
    throw new LedgerError('invalid_amount', `${what} must be a whole number of cents`, { amountCents });
  }
  if (amountCents <= 0) {
    throw new LedgerError('amount_not_positive', `${what} must be more than zero`, { amountCents });
  }
}

/**
 * Spreads an amount over open rows: the named amounts first (each must go to a row that is open, and fit in it
 * unless `allowExcess`), then the rest in row order; whatever no row can take is the excess.
 */
export function allocate(request: AllocationRequest): Allocation {
  const { rows, amountCents, explicit = [], allowExcess, what } = request;
  assertPositive(amountCents, what);
  const open = new Map(rows.filter((r) => r.openCents > 0).map((r) => [lineKey(r.claimId, r.lineNumber), r.openCents]));
  const applied = new Map<string, LineAmount>();
  const apply = (claimId: string, lineNumber: number | null, cents: Cents) => {
    if (cents === 0) return;
    const key = lineKey(claimId, lineNumber);
    open.set(key, (open.get(key) ?? 0) - cents);
    const prior = applied.get(key);
    if (prior) prior.amountCents += cents;
    else applied.set(key, { claimId, lineNumber, amountCents: cents });
  };
  let remaining = amountCents;
  let excess = 0;
  const named = new Set<string>();
  for (const a of explicit) {
    assertPositive(a.amountCents, `Each allocation of ${what.toLowerCase()}`);
    const key = lineKey(a.claimId, a.lineNumber);
    if (named.has(key)) {
      throw new LedgerError(
        'duplicate_allocation',
        `Claim ${a.claimId} line ${a.lineNumber ?? '(claim level)'} is named twice`,
        a,
      );
    }
    named.add(key);
    const room = open.get(key) ?? 0;
    if (room <= 0) {
      throw new LedgerError(
        'line_not_owing',
        `Claim ${a.claimId} line ${a.lineNumber ?? '(claim level)'} owes nothing here`,
        a,
      );
    }
    if (a.amountCents > room && !allowExcess) {
      throw new LedgerError(
        'allocation_exceeds_balance',
        `${a.amountCents} is more than the ${room} open on the line`,
        {
          ...a,
          openCents: room,
        },
      );
    }
    if (a.amountCents > remaining) {
      throw new LedgerError('allocations_exceed_amount', `The allocations add up to more than ${amountCents}`, {
        amountCents,
      });
    }
    const fits = Math.min(a.amountCents, room);
    apply(a.claimId, a.lineNumber, fits);
    excess += a.amountCents - fits;
    remaining -= a.amountCents;
  }
  for (const row of rows) {
    if (remaining === 0) break;
    const fits = Math.min(remaining, open.get(lineKey(row.claimId, row.lineNumber)) ?? 0);
    if (fits <= 0) continue;
    apply(row.claimId, row.lineNumber, fits);
    remaining -= fits;
  }
  excess += remaining;
  if (excess > 0 && !allowExcess) {
    throw new LedgerError(request.overCode, `${what} of ${amountCents} is more than the ${amountCents - excess} open`, {
      amountCents,
      openCents: amountCents - excess,
    });
  }
  return { applied: [...applied.values()], excessCents: excess };
}
