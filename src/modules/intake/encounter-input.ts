import type { EncounterRow } from '../../db/schema/index.js';
import type { ClaimSource } from '../../domain/claims/claim-build.js';
import type { ServiceLine } from '../../domain/claims/service-line.js';
import { unitsFromNumber, unitsToNumber } from '../../domain/money.js';
import { billingNdc } from '../../domain/scrub/ndc.rules.js';
import { canonicalJson, sha256Hex } from '../../lib/canonical.js';
import type { Claim } from '../claims/claims.schemas.js';
import type { EncounterCreate, EncounterUpdate } from './intake.schemas.js';

/** The stored encounter fields: what a claim is built from, less the encounter's id. */
export type NormalizedEncounter = Omit<ClaimSource, 'encounterId'>;

/** An encounter as posted (or as stored, merged with a PATCH): the API's field names, optionals possibly absent. */
type EncounterInput = Omit<EncounterCreate, 'externalId' | 'lines'> & {
  lines: (Omit<EncounterCreate['lines'][number], 'units' | 'ndcQuantity'> & {
    units?: number;
    unitsThousandths?: number;
    ndcQuantity?: number | null;
    ndcQuantityThousandths?: number | null;
  })[];
};

/**
 * Canonical stored form, the domain's service-line shape: codes upper-cased, absent optionals as null, units
 * in thousandths, NDC quantities too (rounded to the thousandth claim_lines stores, so the scrub judges the stored value).
 * `convertNdc: false` keeps NDCs as sent, as encounters stored before NDC conversion were hashed.
 */
export function normalizeEncounter(e: EncounterInput, { convertNdc = true } = {}): NormalizedEncounter {
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
    lines: e.lines.map(
      (l): ServiceLine => ({
        code: l.code.trim().toUpperCase(),
        modifiers: (l.modifiers ?? []).map((m) => m.trim().toUpperCase()),
        unitsThousandths: l.unitsThousandths ?? unitsFromNumber(l.units ?? 0),
        chargeCents: l.chargeCents,
        diagnosisPointers: l.diagnosisPointers,
        dateOfService: l.dateOfService ?? null,
        // A hyphenated label NDC (4-4-2, 5-3-2, 5-4-1 or 5-4-2) converts unambiguously to the 11-digit billing
        // form; anything else is kept as sent, and the ndc.format edit says how to fix it.
        ndc: l.ndc ? (convertNdc && billingNdc(l.ndc)) || l.ndc : null,
        ndcQuantityThousandths:
          l.ndcQuantityThousandths ?? (l.ndcQuantity == null ? null : unitsFromNumber(l.ndcQuantity)),
        ndcUnit: l.ndcUnit ?? null,
        description: l.description ?? null,
      }),
    ),
  };
}

/** A stored encounter merged with a PATCH (arrays replaced whole), normalized again. */
export const mergeEncounter = (current: EncounterRow, patch: EncounterUpdate): NormalizedEncounter =>
  normalizeEncounter({ ...current, ...patch } as EncounterInput);

/**
 * Fingerprint of a posted body: a re-post under the same externalId with the same body returns the encounter.
 * Hashed in the form encounters have always been hashed in (units as the API's number), so fingerprints
 * stored before units became thousandths still match. The NDC quantity and unit are hashed only when given
 * (canonicalJson drops undefined): a body without them hashes as it did before they existed.
 */
export function bodyHash(e: NormalizedEncounter, externalId: string | null): string {
  const lines = e.lines.map(({ unitsThousandths, ndcQuantityThousandths, ndcUnit, ...l }) => ({
    ...l,
    units: unitsToNumber(unitsThousandths),
    ndcQuantity: ndcQuantityThousandths === null ? undefined : unitsToNumber(ndcQuantityThousandths),
    ndcUnit: ndcUnit ?? undefined,
  }));
  return sha256Hex(canonicalJson({ ...e, lines, externalId }));
}

/** Whether a re-post carries the body stored under its externalId (hashed with NDCs as sent, before conversion existed, or converted). */
export function isSameBody(stored: string, input: EncounterCreate): boolean {
  const externalId = input.externalId ?? null;
  if (stored === bodyHash(normalizeEncounter(input), externalId)) return true;
  return (
    input.lines.some((l) => l.ndc) && stored === bodyHash(normalizeEncounter(input, { convertNdc: false }), externalId)
  );
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
