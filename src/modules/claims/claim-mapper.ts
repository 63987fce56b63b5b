import type { ClaimLine, ServiceLine } from '../../domain/claims/service-line.js';
import { unitsToNumber } from '../../domain/money.js';
import type { ClaimLineRow, ClaimRow } from './claims.repository.js';
import type { Claim, ClaimLineView, ServiceLineView } from './claims.schemas.js';

/**
 * A service line as the API shows it: units and the NDC quantity as numbers, every other field as it is. Fields are
 * listed (no object rest on this hot path); the return type makes a field added to ServiceLine a compile error here.
 */
export const toServiceLineView = (l: ServiceLine): ServiceLineView => ({
  code: l.code,
  modifiers: l.modifiers,
  units: unitsToNumber(l.unitsThousandths),
  chargeCents: l.chargeCents,
  diagnosisPointers: l.diagnosisPointers,
  dateOfService: l.dateOfService,
  ndc: l.ndc,
  ndcQuantity: l.ndcQuantityThousandths === null ? null : unitsToNumber(l.ndcQuantityThousandths),
  ndcUnit: l.ndcUnit,
  description: l.description,
});

/** A claim line as the API shows it: its number and control number, then the service-line fields. */
export const toClaimLineView = (l: ClaimLine): ClaimLineView => ({
  lineNumber: l.lineNumber,
  controlNumber: l.controlNumber,
  code: l.code,
  modifiers: l.modifiers,
  units: unitsToNumber(l.unitsThousandths),
  chargeCents: l.chargeCents,
  diagnosisPointers: l.diagnosisPointers,
  dateOfService: l.dateOfService,
  ndc: l.ndc,
  ndcQuantity: l.ndcQuantityThousandths === null ? null : unitsToNumber(l.ndcQuantityThousandths),
  ndcUnit: l.ndcUnit,
  description: l.description,
});

/** Lines by their claim, in the order given: what a page of claims maps its lines from (one pass, not one per claim). */
export function linesByClaim(lines: readonly ClaimLineRow[]): Map<string, ClaimLineRow[]> {
  const byClaim = new Map<string, ClaimLineRow[]>();
  for (const line of lines) {
    const list = byClaim.get(line.claimId);
    if (list) list.push(line);
    else byClaim.set(line.claimId, [line]);
  }
  return byClaim;
}

/** The API view of a claim; `lines` are its lines (another claim's are ignored). */
export function toClaim(row: ClaimRow, lines: readonly ClaimLineRow[]): Claim {
  return {
    id: row.id,
    object: 'claim',
    status: row.status,
    encounterId: row.encounterId,
    patientId: row.patientId,
    coverageId: row.coverageId,
    payerId: row.payerId,
    billingProviderId: row.billingProviderId,
    patientControlNumber: row.patientControlNumber,
    frequencyCode: row.frequencyCode,
    dateOfService: row.dateOfService,
    dateOfServiceTo: row.dateOfServiceTo,
    placeOfService: row.placeOfService,
    diagnoses: row.diagnoses.map((d, i) => ({ pointer: i + 1, code: d.code })),
    lines: lines.flatMap((l) => (l.claimId === row.id ? [toClaimLineView(l)] : [])),
    totalChargeCents: row.totalChargeCents,
    filingDeadline: row.filingDeadline,
    issues: row.issues.map((i) => ({
      rule: i.rule,
      severity: i.severity,
      path: i.path,
      message: i.message,
      hint: i.hint,
    })),
    payerClaimNumber: row.payerClaimNumber,
    correctsClaimId: row.correctsClaimId,
    correctedByClaimId: row.correctedByClaimId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The compact claim view carried in events. */
export const claimEventData = (
  row: Pick<ClaimRow, 'id' | 'encounterId' | 'patientId' | 'payerId' | 'status' | 'totalChargeCents' | 'issues'>,
) => ({
  claimId: row.id,
  encounterId: row.encounterId,
  patientId: row.patientId,
  payerId: row.payerId,
  status: row.status,
  totalChargeCents: row.totalChargeCents,
  errorCount: row.issues.filter((i) => i.severity === 'error').length,
  warningCount: row.issues.filter((i) => i.severity === 'warning').length,
});
