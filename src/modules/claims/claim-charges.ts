import type { DbOrTx } from '../../db/client.js';
import type { ChargeableClaim, LedgerService } from '../ledger/ledger.service.js';
import type { ClaimLineRow, ClaimRow, JournalValues, NewClaim } from './claims.repository.js';
import { claimsRepository as repo } from './claims.repository.js';

/**
 * A claim's charges in the ledger (issue 10): posted when the claim is created, in the statement that writes it;
 * moved when a rebuild changes what it bills; reversed when it is voided or replaced. A frequency 8 void bills
 * nothing (it asks the payer to cancel the claim it has), so it posts no charges.
 */
export function createClaimCharges(ledger: LedgerService) {
  const chargeable = (
    claim: ClaimRow,
    lines: readonly Pick<ClaimLineRow, 'lineNumber' | 'chargeCents'>[],
  ): ChargeableClaim => ({
    id: claim.id,
    patientId: claim.patientId,
    coverageId: claim.coverageId,
    payerId: claim.payerId,
    dateOfService: claim.dateOfService,
    lines:
      claim.frequencyCode === '8' ? [] : lines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.chargeCents })),
  });

  return {
    /** The journal rows a new claim is written with. */
    valuesOf(claim: NewClaim | null): JournalValues {
      const posting = claim ? ledger.chargePosting(chargeable(claim.row, claim.lines)) : null;
      return ledger.rowValues(claim?.row.orgId ?? '', [posting]);
    },

    /** After a rebuild: the charges moved to what the claim bills now (its current lines and coverage). */
    async recharge(tx: DbOrTx, orgId: string, claim: ClaimRow): Promise<void> {
      const lines = await repo.linesOf(tx, orgId, [claim.id]);
      await ledger.recharge(tx, orgId, chargeable(claim, lines));
    },

    /** A claim voided or replaced: what it still bills comes off. */
    reverse: (tx: DbOrTx, orgId: string, claim: ClaimRow) => ledger.reverseCharges(tx, orgId, chargeable(claim, [])),
  };
}
export type ClaimCharges = ReturnType<typeof createClaimCharges>;
