import type { DbOrTx } from '../../db/client.js';
import type { AdjudicationRow, CoverageRow, PayerRow } from '../../db/schema/index.js';
import type { Adjustment } from '../../domain/remittance/adjudication.js';
import type { OtherPayer837, OtherSubscriberRelationship837 } from '../../domain/x12/claim-837p.types.js';
import type { LoadedClaim } from '../claims/claim-batch.js';
import type { ClaimsService } from '../claims/claims.service.js';

/**
 * A COB claim's other payers (837P 2320/2330/2430): for a secondary claim the primary's decision, for a tertiary
 * the secondary's and the primary's, each from the prior claim's latest adjudication (not a reversal).
 */

export interface CobSources {
  claims: Pick<ClaimsService, 'summaries'>;
  latestDecisions(
    tx: DbOrTx,
    orgId: string,
    claimIds: string[],
  ): Promise<{ adjudication: AdjudicationRow; paymentDate: string | null }[]>;
  coverage(tx: DbOrTx, orgId: string, id: string): Promise<CoverageRow | undefined>;
  payer(tx: DbOrTx, orgId: string, id: string): Promise<PayerRow | undefined>;
}

const RELATIONSHIP: Record<CoverageRow['relationship'], OtherSubscriberRelationship837> = {
  self: '18',
  spouse: '01',
  child: '19',
  other: 'G8',
};
const RESPONSIBILITY = { primary: 'P', secondary: 'S', tertiary: 'T' } as const;
const nonZero = (adjustments: readonly Adjustment[]) => adjustments.filter((a) => a.amountCents !== 0);

function otherPayer(
  loaded: LoadedClaim,
  coverage: CoverageRow,
  payer: PayerRow,
  decision: { adjudication: AdjudicationRow; paymentDate: string | null },
): OtherPayer837 {
  const a = decision.adjudication;
  const date = decision.paymentDate ?? a.createdAt.toISOString().slice(0, 10);
  const subscriber = coverage.relationship === 'self' ? null : coverage.subscriber;
  const patient = loaded.parties.patient;
  const units = new Map(loaded.lines.map((l) => [l.lineNumber, l.unitsThousandths]));
  const lines = a.lines
    .filter((l) => l.claimLineNumber !== null && units.has(l.claimLineNumber))
    .map((l) => ({
      lineNumber: l.claimLineNumber!,
      paidCents: l.paidCents,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      unitsThousandths: l.unitsThousandths ?? units.get(l.claimLineNumber!)!,
      adjustments: nonZero(l.adjustments),
      adjudicationDate: date,
      remainingPatientLiabilityCents: null,
    }));
  return {
    responsibility: RESPONSIBILITY[coverage.priority],
    relationship: RELATIONSHIP[coverage.relationship],
    groupNumber: coverage.groupNumber,
    filingIndicator: payer.claimFilingIndicator,
    adjustments: nonZero(a.adjustments),
    paidCents: a.paidCents,
    remainingPatientLiabilityCents: lines.length === 0 ? a.patientResponsibilityCents : null,
    benefitsAssigned: 'Y',
    releaseOfInformation: 'Y',
    subscriber: {
      kind: 'individual',
      name: subscriber?.lastName ?? patient.lastName,
      firstName: subscriber?.firstName ?? patient.firstName,
      middleName: (subscriber ? subscriber.middleName : patient.middleName) || null,
      memberId: coverage.memberId,
    },
    payer: { name: payer.name, id: payer.ediPayerId ?? '' },
    adjudicationDate: lines.length === 0 ? date : null,
    lines,
  };
}

/** The other payers of each loaded COB claim (claims billed to a primary are absent), nearest payer first. */
export async function otherPayersOf(
  tx: DbOrTx,
  orgId: string,
  sources: CobSources,
  loaded: readonly LoadedClaim[],
): Promise<Map<string, OtherPayer837[]>> {
  const out = new Map<string, OtherPayer837[]>();
  for (const item of loaded) {
    const payers: OtherPayer837[] = [];
    let priorId = item.claim.priorClaimId;
    for (let depth = 0; priorId && depth < 2; depth++) {
      const [prior] = await sources.claims.summaries(tx, orgId, [priorId]);
      const [decision] = await sources.latestDecisions(tx, orgId, [priorId]);
      if (!prior || !decision) break;
      const coverage = await sources.coverage(tx, orgId, prior.claim.coverageId);
      const payer = await sources.payer(tx, orgId, prior.claim.payerId);
      if (!coverage || !payer) break;
      payers.push(otherPayer(item, coverage, payer, decision));
      priorId = prior.claim.priorClaimId;
    }
    if (payers.length > 0) out.set(item.claim.id, payers);
  }
  return out;
}
