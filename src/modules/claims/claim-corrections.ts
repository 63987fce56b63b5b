import type { DbOrTx } from '../../db/client.js';
import type { ClaimSource } from '../../domain/claims/claim-build.js';
import { serviceLinesOf } from '../../domain/claims/claim-build.js';
import { CORRECTIONS, type CorrectionKind, isCorrectable } from '../../domain/claims/correction.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import { notFound } from '../../lib/platform.errors.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';
import { emitEvent } from '../events/events.service.js';
import { type PartyLookups, partiesOf } from './claim-dry-run.js';
import { transitionClaim } from './claim-lifecycle.js';
import { type Billed, planNewClaim } from './claim-planner.js';
import type { ClaimParties } from './claim-scrub.js';
import { claimAlreadyCorrected, claimNotCorrectable, payerClaimNumberMissing } from './claims.errors.js';
import type { ClaimCharges } from './claim-charges.js';
import { type ClaimRow, claimsRepository as repo, type NewClaim } from './claims.repository.js';

/**
 * Frequency 7 replacements and frequency 8 voids (domain/claims/correction.ts): the new claim is built for the
 * payer of the claim it corrects, carrying that payer's claim control number, and the corrected claim moves to
 * `replaced` / `void` naming it. Both claims' histories say which claim the other is.
 */

export interface CorrectionRequest {
  kind: CorrectionKind;
  reason?: string | undefined;
}

export interface CorrectionDeps {
  ids: Ids;
  /** The journal rows of a new claim's charges (none for a void), and the reversal of a corrected claim's. */
  charges: ClaimCharges;
  lookups: PartyLookups;
  coverage: CodeSetCoverage;
  today: string;
}

/** Refuses, before anything is written, a claim that cannot be corrected (the checks most specific first). */
function assertCorrectable(claim: ClaimRow, kind: CorrectionKind): string {
  if (claim.correctedByClaimId) throw claimAlreadyCorrected(claim.id, claim.correctedByClaimId);
  if (claim.frequencyCode === '8') {
    throw claimNotCorrectable(claim.id, claim.status, 'it is itself a void (frequency 8) of another claim.');
  }
  if (!isCorrectable(claim.status)) {
    throw claimNotCorrectable(
      claim.id,
      claim.status,
      `a claim in status '${claim.status}' is not on file with the payer as adjudicated or accepted.`,
    );
  }
  if (!claim.payerClaimNumber) throw payerClaimNumberMissing(claim.id, kind);
  return claim.payerClaimNumber;
}

/** The claim's own coverage and payer: a correction goes to the payer whose claim number it carries. */
async function billedOf(tx: DbOrTx, lookups: PartyLookups, claim: ClaimRow): Promise<Billed> {
  const coverage = await lookups.coverage(tx, claim.orgId, claim.coverageId);
  const payer = await lookups.payer(tx, claim.orgId, claim.payerId);
  if (!coverage) throw notFound('coverage', claim.coverageId);
  if (!payer) throw notFound('payer', claim.payerId);
  return { coverage, payer };
}

type Content = { source: ClaimSource; parties: Omit<ClaimParties, 'coverage' | 'payer'> };

/** A replacement bills the encounter as it is now (the user fixed it first: PATCH leaves adjudicated claims alone). */
async function replacementContent(tx: DbOrTx, lookups: PartyLookups, claim: ClaimRow): Promise<Content> {
  const source = await repo.encounterContent(tx, claim.orgId, claim.encounterId);
  if (!source) throw notFound('encounter', claim.encounterId);
  const named = [source.billingProviderId, source.renderingProviderId, source.referringProviderId, source.facilityId];
  const patient = await lookups.patient(tx, claim.orgId, source.patientId);
  if (!patient) throw notFound('patient', source.patientId);
  const providers = await lookups.providers(tx, claim.orgId, [...new Set(named.filter((id): id is string => !!id))]);
  const byId = new Map(providers.map((p) => [p.id, p]));
  const pick = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
  return {
    source,
    parties: {
      patient,
      providers: {
        billing: pick(source.billingProviderId),
        rendering: pick(source.renderingProviderId),
        referring: pick(source.referringProviderId),
        facility: pick(source.facilityId),
      },
    },
  };
}

/**
 * A void repeats what the payer has on file: the corrected claim's own lines, diagnoses and parties (so does a
 * secondary claim: the services the primary adjudicated).
 */
export async function copiedContent(tx: DbOrTx, lookups: PartyLookups, claim: ClaimRow): Promise<Content> {
  const lines = await repo.linesOf(tx, claim.orgId, [claim.id]);
  const { patient, providers } = await partiesOf(tx, lookups, claim);
  return {
    source: {
      encounterId: claim.encounterId,
      patientId: claim.patientId,
      billingProviderId: claim.billingProviderId,
      renderingProviderId: claim.renderingProviderId,
      referringProviderId: claim.referringProviderId,
      facilityId: claim.facilityId,
      dateOfService: claim.dateOfService,
      placeOfService: claim.placeOfService,
      priorAuthorization: claim.priorAuthorization,
      diagnoses: claim.diagnoses,
      lines: serviceLinesOf(lines),
    },
    parties: { patient, providers },
  };
}

const withReason = (text: string, reason: string | undefined) => (reason ? `${text}: ${reason}` : text);

/**
 * Builds, scrubs and writes the correction of `original` (locked by the caller), then moves the original to
 * `replaced` / `void` with its history entry, claim.status_changed and claim.corrected. In the caller's transaction.
 */
export async function correctClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  deps: CorrectionDeps,
  original: ClaimRow,
  request: CorrectionRequest,
): Promise<NewClaim> {
  const payerClaimNumber = assertCorrectable(original, request.kind);
  const spec = CORRECTIONS[request.kind];
  const content =
    request.kind === 'replace'
      ? await replacementContent(tx, deps.lookups, original)
      : await copiedContent(tx, deps.lookups, original);
  const billed = await billedOf(tx, deps.lookups, original);
  const references = await repo.references(tx, ctx.orgId, content.source.patientId, null, content.source);
  const plan = planNewClaim(ctx, deps.ids, {
    ...content,
    billed,
    references,
    coverage: deps.coverage,
    today: deps.today,
    now: await repo.now(tx),
    correction: {
      frequencyCode: spec.frequencyCode,
      claimId: original.id,
      payerClaimNumber,
      note: withReason(`${spec.label} of claim ${original.id}`, request.reason),
    },
  });
  await repo.insertNew(tx, plan, deps.charges.valuesOf(plan));
  // The corrected claim no longer bills: its charges come off (what the payer settled stays until it reverses).
  await deps.charges.reverse(tx, ctx.orgId, original);
  await transitionClaim(tx, ctx, original, spec.correctedStatus, {
    reason: withReason(
      `${request.kind === 'replace' ? 'replaced' : 'voided'} by claim ${plan.row.id} (frequency ${spec.frequencyCode})`,
      request.reason,
    ),
    patch: { correctedByClaimId: plan.row.id },
  });
  await emitEvent(tx, ctx.orgId, {
    type: 'claim.corrected',
    data: {
      claimId: original.id,
      correctionClaimId: plan.row.id,
      kind: request.kind,
      frequencyCode: spec.frequencyCode,
      payerClaimNumber,
      encounterId: original.encounterId,
      patientId: original.patientId,
      status: spec.correctedStatus,
      correctionStatus: plan.row.status,
    },
  });
  return plan;
}
