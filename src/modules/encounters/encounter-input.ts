import { billingNdc } from '../../domain/scrub/ndc.rules.js';
import type { EncounterSource } from '../claims/claim-builder.js';
import type { Claim } from '../claims/claims.schemas.js';
import type { EncounterRow } from './encounters.repository.js';

/** The stored encounter fields (what a claim is built from, less the id). */
export type NormalizedEncounter = Omit<EncounterSource, 'id'>;

type EncounterLike = {
  patientId: string;
  billingProviderId: string;
  renderingProviderId?: string | null | undefined;
  referringProviderId?: string | null | undefined;
  facilityId?: string | null | undefined;
  dateOfService: string;
  placeOfService: string;
  priorAuthorization?: string | null | undefined;
  diagnoses: { code: string }[];
  lines: {
    code: string;
    modifiers?: string[] | undefined;
    units: number;
    chargeCents: number;
    diagnosisPointers: number[];
    dateOfService?: string | null | undefined;
    ndc?: string | null | undefined;
    description?: string | null | undefined;
  }[];
};

/**
 * Canonical stored form: codes upper-cased, absent optionals as null, so equal visits hash equal.
 * `convertNdc: false` keeps NDCs as sent, as encounters stored before NDC conversion were hashed.
 */
export function normalizeEncounter(
  e: EncounterLike,
  { convertNdc = true }: { convertNdc?: boolean } = {},
): NormalizedEncounter {
  return {
    patientId: e.patientId,
    billingProviderId: e.billingProviderId,
    renderingProviderId: e.renderingProviderId ?? null,
    referringProviderId: e.referringProviderId ?? null,
    facilityId: e.facilityId ?? null,
    dateOfService: e.dateOfService,
    placeOfService: e.placeOfService,
    priorAuthorization: e.priorAuthorization ?? null,
    diagnoses: e.diagnoses.map((d) => ({ code: d.code.trim().toUpperCase() })),
    lines: e.lines.map((l) => ({
      code: l.code.trim().toUpperCase(),
      modifiers: (l.modifiers ?? []).map((m) => m.trim().toUpperCase()),
      // claim_lines.units is numeric(12,3): round here, so the scrub judges the value that is stored.
      units: Math.round(l.units * 1000) / 1000,
      chargeCents: l.chargeCents,
      diagnosisPointers: l.diagnosisPointers,
      dateOfService: l.dateOfService ?? null,
      // A hyphenated label NDC (4-4-2, 5-3-2, 5-4-1 or 5-4-2) converts unambiguously to the 11-digit billing
      // form; anything else is kept as sent, and the ndc.format edit says how to fix it.
      ndc: l.ndc ? (convertNdc && billingNdc(l.ndc)) || l.ndc : null,
      description: l.description ?? null,
    })),
  };
}

/** One sentence for the EHR user: what billing did with this visit. */
export function billingSummary(row: Pick<EncounterRow, 'selfPay' | 'dateOfService'>, claims: Claim[]): string {
  if (claims.length === 0) {
    return row.selfPay
      ? `No primary coverage is active on ${row.dateOfService}: the visit is self-pay and no claim was built.`
      : 'No claim was built.';
  }
  return claims
    .map((c) => {
      const errors = c.issues.filter((i) => i.severity === 'error').length;
      const warnings = c.issues.filter((i) => i.severity === 'warning').length;
      const state =
        c.status === 'needs_attention'
          ? `needs attention (${errors} error${errors === 1 ? '' : 's'} to fix)`
          : c.status.replace('_', ' ');
      return `Claim ${c.id}: ${state}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`;
    })
    .join(' ');
}
