import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { Claim } from './claims.schemas.js';
import type { ClaimLineRow, ClaimRow } from './claims.repository.js';

export function toClaim(row: ClaimRow, lines: ClaimLineRow[]): Claim {
  return {
    id: row.id,
    object: 'claim',
    status: row.status as ClaimStatus,
    encounterId: row.encounterId,
    patientId: row.patientId,
    coverageId: row.coverageId,
    payerId: row.payerId,
    billingProviderId: row.billingProviderId,
    patientControlNumber: row.patientControlNumber,
    frequencyCode: row.frequencyCode as Claim['frequencyCode'],
    dateOfService: row.dateOfService,
    dateOfServiceTo: row.dateOfServiceTo,
    placeOfService: row.placeOfService,
    diagnoses: row.diagnoses.map((d, i) => ({ pointer: i + 1, code: d.code })),
    lines: lines
      .filter((l) => l.claimId === row.id)
      .map((l) => ({
        lineNumber: l.lineNumber,
        controlNumber: l.controlNumber,
        code: l.code,
        modifiers: l.modifiers,
        units: Number(l.units),
        chargeCents: l.chargeCents,
        diagnosisPointers: l.diagnosisPointers,
        dateOfService: l.dateOfService,
        ndc: l.ndc,
        description: l.description,
      })),
    totalChargeCents: row.totalChargeCents,
    filingDeadline: row.filingDeadline,
    issues: row.issues,
    payerClaimNumber: row.payerClaimNumber,
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
