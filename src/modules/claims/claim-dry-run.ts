import type { DbOrTx } from '../../db/client.js';
import type { CoverageRow, PatientRow, PayerRow, ProviderRow } from '../../db/schema/index.js';
import { serviceLinesOf } from '../../domain/claims/claim-build.js';
import type { ScrubIssue } from '../../domain/scrub/index.js';
import { notFound } from '../../lib/platform.errors.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';
import { type ClaimParties, type ScrubContent, scrub } from './claim-scrub.js';
import { type ClaimLineRow, type ClaimRow, claimsRepository } from './claims.repository.js';

/**
 * How the claims module reads the parties a claim names. Their modules own those rows; the composition
 * root (services.ts) hands their lookups in, so claims imports none of them.
 */
export interface PartyLookups {
  patient(db: DbOrTx, orgId: string, id: string): Promise<PatientRow | undefined>;
  providers(db: DbOrTx, orgId: string, ids: string[]): Promise<ProviderRow[]>;
  coverage(db: DbOrTx, orgId: string, id: string): Promise<CoverageRow | undefined>;
  payer(db: DbOrTx, orgId: string, id: string): Promise<PayerRow | undefined>;
}

/** A stored claim's own content: what it bills, as it would go to the payer. */
export const contentOf = (claim: ClaimRow, lines: ClaimLineRow[]): ScrubContent => ({
  dateOfService: claim.dateOfService,
  placeOfService: claim.placeOfService,
  priorAuthorization: claim.priorAuthorization,
  diagnoses: claim.diagnoses,
  lines: serviceLinesOf(lines.filter((l) => l.claimId === claim.id)),
});

/** The parties a stored claim names, read now (a provider, coverage or payer changed since is judged as it is). */
export async function partiesOf(db: DbOrTx, lookups: PartyLookups, claim: ClaimRow): Promise<ClaimParties> {
  const named = [claim.billingProviderId, claim.renderingProviderId, claim.referringProviderId, claim.facilityId];
  // One after another: inside a transaction they share one connection.
  const patient = await lookups.patient(db, claim.orgId, claim.patientId);
  const providers = await lookups.providers(db, claim.orgId, [...new Set(named.filter((id): id is string => !!id))]);
  const coverage = await lookups.coverage(db, claim.orgId, claim.coverageId);
  const payer = await lookups.payer(db, claim.orgId, claim.payerId);
  if (!patient) throw notFound('patient', claim.patientId);
  const byId = new Map(providers.map((p) => [p.id, p]));
  const pick = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
  return {
    patient,
    providers: {
      billing: pick(claim.billingProviderId),
      rendering: pick(claim.renderingProviderId),
      referring: pick(claim.referringProviderId),
      facility: pick(claim.facilityId),
    },
    coverage: coverage ?? null,
    payer: payer ?? null,
  };
}

/**
 * Every edit against the claim's current data (codes, coverage, providers, other claims) without changing
 * anything: the dry run, and the rescrub of a release.
 */
export async function rescrubStored(
  db: DbOrTx,
  deps: { lookups: PartyLookups; coverage: CodeSetCoverage; today: string },
  claim: ClaimRow,
  lines: ClaimLineRow[],
): Promise<ScrubIssue[]> {
  const content = contentOf(claim, lines);
  const parties = await partiesOf(db, deps.lookups, claim);
  const references = await claimsRepository.references(db, claim.orgId, claim.patientId, claim.id, content);
  return scrub({ content, parties, references, coverage: deps.coverage, today: deps.today, stored: claim });
}
