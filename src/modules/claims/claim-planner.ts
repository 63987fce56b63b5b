import type { DbOrTx } from '../../db/client.js';
import type { CoverageRow, PayerRow } from '../../db/schema/index.js';
import { buildClaimDraft, type ClaimDraft, type ClaimSource } from '../../domain/claims/claim-build.js';
import { type FrequencyCode, isEditable } from '../../domain/claims/claim-status.js';
import { scrubOutcome } from '../../domain/claims/scrub-outcome.js';
import type { ScrubIssue } from '../../domain/scrub/index.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';
import { emitEvent } from '../events/events.service.js';
import { type ClaimParties, type ScrubReferences, scrub } from './claim-scrub.js';
import { claimEventData } from './claim-mapper.js';
import { transitionClaim, updateClaim } from './claim-lifecycle.js';
import { type ClaimLineRow, type ClaimRow, claimsRepository, type NewClaim } from './claims.repository.js';

/**
 * Building a claim from an encounter and rebuilding it when the encounter changes: the draft (lines,
 * totals, deadline), the scrub, and the status the scrub result puts it in (domain/claims/scrub-outcome.ts).
 */

/** The payer a claim is built for: a coverage and its payer. */
export interface Billed {
  coverage: CoverageRow;
  payer: PayerRow;
}

function claimColumns(source: ClaimSource, draft: ClaimDraft, billed: Billed, issues: ScrubIssue[]) {
  return {
    coverageId: billed.coverage.id,
    payerId: billed.payer.id,
    billingProviderId: source.billingProviderId,
    renderingProviderId: source.renderingProviderId,
    referringProviderId: source.referringProviderId,
    facilityId: source.facilityId,
    priorAuthorization: source.priorAuthorization,
    dateOfService: draft.dateOfService,
    dateOfServiceTo: draft.dateOfServiceTo,
    placeOfService: source.placeOfService,
    diagnoses: draft.diagnoses,
    totalChargeCents: draft.totalChargeCents,
    filingDeadline: draft.filingDeadline,
    issues,
    codeFingerprint: draft.codeFingerprint,
  };
}

const lineRows = (orgId: string, claimId: string, draft: ClaimDraft): ClaimLineRow[] =>
  draft.lines.map((l) => ({ orgId, claimId, ...l }));

export interface PlanInput {
  source: ClaimSource;
  parties: Omit<ClaimParties, 'coverage' | 'payer'>;
  billed: Billed;
  references: ScrubReferences;
  coverage: CodeSetCoverage;
  today: string;
  /** The database clock read with the references: the rows carry it, so the response equals a later read. */
  now: Date;
  /** Set for a frequency 7 / 8 correction of a claim the payer has on file. */
  correction?: CorrectionOf;
  /** Set for a secondary / tertiary claim (COB): the claim to the payer before it. */
  priorClaimId?: string;
}

/** What a correction claim carries of the claim it corrects. */
export interface CorrectionOf {
  frequencyCode: Exclude<FrequencyCode, '1'>;
  claimId: string;
  /** The payer's claim control number from the latest adjudication (sent as 2300 REF*F8). */
  payerClaimNumber: string;
  /** How the new claim's first history entry names it ("replacement (frequency 7) of claim clm_…"). */
  note: string;
}

/**
 * A new claim for an encounter, built and scrubbed, as the rows to write (claim, lines, first history
 * entry, claim.created event): `needs_attention` when any edit fails. Writes nothing.
 */
export function planNewClaim(ctx: RequestContext, ids: Ids, input: PlanInput): NewClaim {
  const { source, billed, now, correction } = input;
  const pcn = ids.patientControlNumber();
  const draft = buildClaimDraft(source, pcn, billed.payer.timelyFilingDays);
  const issues = scrub({
    content: source,
    parties: { ...input.parties, ...billed },
    references: input.references,
    coverage: input.coverage,
    today: input.today,
    stored: null,
    corrects: correction?.claimId ?? null,
  });
  const outcome = scrubOutcome(issues);
  const built = outcome.status === 'ready' ? 'built and scrubbed clean' : 'built; scrub found errors';
  const row: ClaimRow = {
    orgId: ctx.orgId,
    id: ids.next('claim'),
    encounterId: source.encounterId,
    patientId: source.patientId,
    status: outcome.status,
    patientControlNumber: pcn,
    frequencyCode: correction?.frequencyCode ?? '1',
    payerClaimNumber: correction?.payerClaimNumber ?? null,
    correctsClaimId: correction?.claimId ?? null,
    correctedByClaimId: null,
    priorClaimId: input.priorClaimId ?? null,
    ...claimColumns(source, draft, billed, issues),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return {
    row,
    lines: lineRows(ctx.orgId, row.id, draft),
    history: {
      orgId: ctx.orgId,
      claimId: row.id,
      fromStatus: null,
      toStatus: row.status,
      reason: correction
        ? `${correction.note}; ${built}`
        : input.priorClaimId
          ? `coordination of benefits after claim ${input.priorClaimId}; ${built}`
          : built,
      reasonCodes: outcome.reasonCodes,
      actor: ctx.actor,
      requestId: ctx.requestId,
      createdAt: now,
    },
    event: { type: 'claim.created', data: claimEventData(row) },
  };
}

export interface RebuildInput {
  source: ClaimSource;
  parties: Omit<ClaimParties, 'coverage' | 'payer'>;
  billed: Billed;
  coverage: CodeSetCoverage;
  today: string;
}

/**
 * Rebuilds a claim that has not gone to the payer from its (changed) encounter and rescrubs it; the status
 * follows the result (needs_attention ↔ ready; a rejected claim becomes resubmittable), except that a held
 * claim stays on hold. Claims the payer has seen are left alone (null): they change by corrected claim. So is
 * a void (frequency 8): it repeats what the payer has on file, whatever the encounter says now.
 */
export async function rebuildClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  ids: Ids,
  claim: ClaimRow,
  input: RebuildInput,
): Promise<ClaimRow | null> {
  if (!isEditable(claim.status) || claim.frequencyCode === '8') return null;
  const { source, billed } = input;
  const draft = buildClaimDraft(source, claim.patientControlNumber, billed.payer.timelyFilingDays);
  const references = await claimsRepository.references(tx, ctx.orgId, source.patientId, claim.id, source);
  const issues = scrub({
    content: source,
    parties: { ...input.parties, ...billed },
    references,
    coverage: input.coverage,
    today: input.today,
    stored: claim,
  });
  const patch = claimColumns(source, draft, billed, issues);
  const outcome = scrubOutcome(issues);
  await claimsRepository.replaceLines(tx, ctx.orgId, claim.id, lineRows(ctx.orgId, claim.id, draft));
  const updated =
    claim.status !== 'on_hold' && claim.status !== outcome.status
      ? await transitionClaim(tx, ctx, claim, outcome.status, {
          reason: 'encounter changed; rescrubbed',
          reasonCodes: outcome.reasonCodes,
          patch,
        })
      : await updateClaim(tx, claim, patch);
  await emitEvent(tx, ctx.orgId, { type: 'claim.updated', data: claimEventData(updated) });
  return updated;
}
