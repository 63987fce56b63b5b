import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { ClaimSource } from '../../domain/claims/claim-build.js';
import { hasErrors } from '../../domain/scrub/index.js';
import { scrubOutcome } from '../../domain/claims/scrub-outcome.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import type { CodeCoverageCache } from '../codes/code-coverage.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { createClaimCharges } from './claim-charges.js';
import { nextPayers } from './claim-cob.js';
import { closeTransitions, type SettlingClaim, settleClaims } from './claim-settlement.js';
import type { LedgerEntry } from '../../domain/ledger/index.js';
import { type CorrectionRequest, correctClaim } from './claim-corrections.js';
import { type PartyLookups, rescrubStored } from './claim-dry-run.js';
import { transitionClaim } from './claim-lifecycle.js';
import {
  applyTransitions,
  byControlNumbers,
  byIdsLocked,
  type ClaimTransition,
  forPosting,
  loadForSubmission,
  rescrubLoaded,
} from './claim-batch.js';
import type { NewEvent } from '../../domain/events.js';
import { linesByClaim, toClaim, toServiceLineView } from './claim-mapper.js';
import { type Billed, type PlanInput, planNewClaim, rebuildClaim } from './claim-planner.js';
import { type ClaimParties, referenceValues, type ScrubReferences } from './claim-scrub.js';
import { invalidTransition } from './claims.errors.js';
import { type ClaimRow, claimsRepository as repo, type NewClaim, newClaimValues } from './claims.repository.js';
import type { ClaimListQuery } from './claims.schemas.js';

export interface ClaimsDeps {
  db: Db;
  ledger: LedgerService;
  clock: Clock;
  ids: Ids;
  codeCoverage: CodeCoverageCache;
  parties: PartyLookups;
}

export function createClaimsService({ db, clock, ids, codeCoverage, parties, ledger }: ClaimsDeps) {
  const charges = createClaimCharges(ledger);
  const today = (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone);

  async function load(ctx: RequestContext, id: string, tx: DbOrTx = db, forUpdate = false) {
    const claim = await repo.find(tx, ctx.orgId, id, { forUpdate });
    if (!claim) throw notFound('claim', id);
    return claim;
  }

  async function withLines(ctx: RequestContext, claim: ClaimRow, tx: DbOrTx) {
    return toClaim(claim, await repo.linesOf(tx, ctx.orgId, [claim.id]));
  }

  async function rescrub(ctx: RequestContext, tx: DbOrTx, claim: ClaimRow) {
    const lines = await repo.linesOf(tx, ctx.orgId, [claim.id]);
    const coverage = await codeCoverage.get(tx);
    return rescrubStored(tx, { lookups: parties, coverage, today: today(ctx) }, claim, lines);
  }

  return {
    async retrieve(ctx: RequestContext, id: string) {
      const found = await repo.readAudited(db, ctx.orgId, id, { actor: ctx.actor, requestId: ctx.requestId });
      if (!found) throw notFound('claim', id);
      return { body: toClaim(found.claim, found.lines), headers: { etag: etagOf(found.claim.version) } };
    },

    async list(ctx: RequestContext, query: ClaimListQuery) {
      const rows = await repo.list(db, ctx.orgId, query);
      const lines = await repo.linesOf(
        db,
        ctx.orgId,
        rows.slice(0, query.limit).map((r) => r.id),
      );
      const byClaim = linesByClaim(lines);
      const page = toPage(rows, query.limit, (r) => toClaim(r, byClaim.get(r.id) ?? []));
      await recordAudit(
        db,
        ctx,
        'list',
        'claim',
        page.data.map((c) => c.id),
      );
      return page;
    },

    async history(ctx: RequestContext, id: string) {
      await load(ctx, id);
      const rows = await repo.history(db, ctx.orgId, id);
      await recordAudit(db, ctx, 'read', 'claim_history', [id]);
      return {
        object: 'list' as const,
        data: rows.map((h) => ({
          object: 'claim_history' as const,
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          reason: h.reason,
          reasonCodes: h.reasonCodes,
          actor: h.actor,
          requestId: h.requestId,
          createdAt: h.createdAt.toISOString(),
        })),
      };
    },

    /** Dry run: every edit against current data (codes, coverage, providers); writes nothing but the audit row. */
    async scrub(ctx: RequestContext, id: string) {
      const claim = await load(ctx, id);
      const issues = await rescrub(ctx, db, claim);
      await recordAudit(db, ctx, 'read', 'claim', [id]);
      return {
        object: 'scrub_result' as const,
        claimId: id,
        currentStatus: claim.status,
        clean: !hasErrors(issues),
        issues,
      };
    },

    hold: (ctx: RequestContext, id: string, reason: string | undefined) =>
      writeTx(db, ctx, async (tx) => {
        const claim = await load(ctx, id, tx, true);
        const updated = await transitionClaim(tx, ctx, claim, 'on_hold', { reason: reason ?? 'held by user' });
        return { status: 200, body: await withLines(ctx, updated, tx), headers: { etag: etagOf(updated.version) } };
      }),

    /** Release rescrubs against current data: the claim returns to ready, or to needs_attention with its issues. */
    release: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const claim = await load(ctx, id, tx, true);
        if (claim.status !== 'on_hold') throw invalidTransition(claim.status, 'ready');
        const issues = await rescrub(ctx, tx, claim);
        const outcome = scrubOutcome(issues);
        const updated = await transitionClaim(tx, ctx, claim, outcome.status, {
          reason: 'released from hold; rescrubbed',
          reasonCodes: outcome.reasonCodes,
          patch: { issues },
        });
        return { status: 200, body: await withLines(ctx, updated, tx), headers: { etag: etagOf(updated.version) } };
      }),

    /**
     * A frequency 7 replacement (built from the encounter as it is now) or frequency 8 void (a copy of what the
     * payer has on file) of an adjudicated claim, carrying its payer claim number; the claim becomes replaced / void.
     */
    correct: (ctx: RequestContext, id: string, request: CorrectionRequest) =>
      writeTx(db, ctx, async (tx) => {
        const original = await load(ctx, id, tx, true);
        const coverage = await codeCoverage.get(tx);
        const deps = { ids, charges, lookups: parties, coverage, today: today(ctx) };
        const plan = await correctClaim(tx, ctx, deps, original, request);
        await recordAudit(tx, ctx, 'create', 'claim', [plan.row.id]);
        await recordAudit(tx, ctx, 'update', 'claim', [original.id]);
        return { status: 201, body: toClaim(plan.row, plan.lines), headers: { etag: etagOf(plan.row.version) } };
      }),

    // --- what submissions, acknowledgments and remittances use ---

    /** Claims to submit, locked, with their parties and a fresh scrub each (a few statements whatever the count). */
    async loadForSubmission(tx: DbOrTx, ctx: RequestContext, selector: { claimIds: string[]; payerId: string | null }) {
      const loaded = await loadForSubmission(tx, ctx.orgId, selector);
      const issues = await rescrubLoaded(tx, ctx.orgId, loaded, {
        coverage: await codeCoverage.get(tx),
        today: today(ctx),
      });
      return loaded.map((l) => ({ ...l, issues: issues.get(l.claim.id)! }));
    },
    /** Status changes of many claims in one statement (see claim-batch.ts). */
    applyTransitions: (tx: DbOrTx, ctx: RequestContext, transitions: ClaimTransition[], extraEvents: NewEvent[] = []) =>
      applyTransitions(tx, ctx, transitions, extraEvents),
    /** Claims by patient control number, locked, with their lines. */
    byControlNumbers,
    /** Claims by id, locked, with their lines. */
    byIdsLocked,
    /** Claims by id with their lines, oldest service first (a read: no lock; unknown ids are absent). */
    async summaries(tx: DbOrTx, orgId: string, claimIds: string[]) {
      const rows = await repo.byIds(tx, orgId, claimIds);
      const lines = await repo.linesOf(
        tx,
        orgId,
        rows.map((r) => r.id),
      );
      return rows.map((claim) => ({ claim, lines: lines.filter((l) => l.claimId === claim.id) }));
    },
    /**
     * Every claim of a patient, locked in id order: what a posting on the patient's balance holds while it reads
     * and writes (an 835 locks the claims it names the same way, so the two serialize on shared claims).
     */
    lockPatientClaims: (tx: DbOrTx, orgId: string, patientId: string) => repo.lockByPatient(tx, orgId, patientId),
    /**
     * COB: where the patient responsibility left by a decision on each of these claims goes next — the claim to
     * the patient's next coverage (built now, scrubbed, when it does not exist yet). Claims without one are absent.
     */
    nextPayers: (tx: DbOrTx, ctx: RequestContext, claimIds: readonly string[]) =>
      nextPayers(tx, ctx, { ids, lookups: parties, coverage: () => codeCoverage.get(tx), today }, claimIds),
    /** Closes the settled decided claims among these (locked by the caller), reopens closed ones owing again. */
    settle: (tx: DbOrTx, ctx: RequestContext, settling: readonly SettlingClaim[]) =>
      settleClaims(tx, ctx, { ledger }, settling),
    /** The close transitions of claims whose entries (after the caller's postings) settle them. */
    closeTransitions: (settling: readonly SettlingClaim[], entries: readonly LedgerEntry[]) =>
      closeTransitions(settling, entries),
    /** Whether the organization has this claim (a read: no lock, no lines). */
    exists: async (db: DbOrTx, orgId: string, id: string) => (await repo.find(db, orgId, id)) !== undefined,
    /** What posting an 835 needs of the claims it names, locked (see claimsForPosting). */
    forPosting,

    // --- what intake builds claims with ---

    /** The scrubber's reference parameters for a claim being built from `source` (intake reads them with the rest). */
    referenceValues: (orgId: string, source: ClaimSource) => referenceValues(orgId, source.patientId, null, source),

    /** A new claim for an encounter, as rows to write with it (see planNewClaim); reads only cached code-set data. */
    async planNew(ctx: RequestContext, input: Omit<PlanInput, 'coverage' | 'today'>, tx: DbOrTx = db) {
      return planNewClaim(ctx, ids, { ...input, coverage: await codeCoverage.get(tx), today: today(ctx) });
    },

    /** The JSON parameters of `claimRowsInsert`, for a statement that writes a new claim (and its charges) with other rows. */
    newClaimValues: (claim: NewClaim | null) => newClaimValues(claim, charges.valuesOf(claim)),
    /** The API view of a claim from rows in hand (a planned claim is shown before it is written). */
    view: toClaim,
    /** The API view of a service line (an encounter's lines are shown as the claim's are). */
    lineView: toServiceLineView,

    /**
     * After an encounter changed: every claim not yet sent is rebuilt and rescrubbed (against the primary
     * coverage in force, or the claim's own when none is), and an encounter without claims gets one when a
     * primary coverage is now in force. In the caller's transaction, claims locked first.
     */
    async rebuildForEncounter(
      tx: Tx,
      ctx: RequestContext,
      input: {
        source: ClaimSource;
        parties: Omit<ClaimParties, 'coverage' | 'payer'>;
        primary: Billed | null;
        /** The references for a claim being built from `source` (read with the rest by intake). */
        references: ScrubReferences;
        now: Date;
      },
    ) {
      const claims = await repo.byEncounterForUpdate(tx, ctx.orgId, input.source.encounterId);
      const coverage = await codeCoverage.get(tx);
      const common = { source: input.source, parties: input.parties, coverage, today: today(ctx) };
      for (const claim of claims) {
        // A correction stays with the payer whose claim number it carries. With no primary coverage on the (new)
        // date, rescrub against the claim's own: the edit says what is wrong.
        const own = claim.frequencyCode !== '1' || !input.primary;
        const billed = own
          ? {
              coverage: (await parties.coverage(tx, ctx.orgId, claim.coverageId))!,
              payer: (await parties.payer(tx, ctx.orgId, claim.payerId))!,
            }
          : input.primary!;
        const rebuilt = await rebuildClaim(tx, ctx, ids, claim, { ...common, billed });
        if (rebuilt) await charges.recharge(tx, ctx.orgId, rebuilt);
      }
      if (claims.length > 0 || !input.primary) return;
      const plan = planNewClaim(ctx, ids, {
        ...common,
        billed: input.primary,
        references: input.references,
        now: input.now,
      });
      await repo.insertNew(tx, plan, charges.valuesOf(plan));
    },

    /** The API views of the claims built from these encounters, oldest first (two queries whatever the count). */
    async ofEncounters(tx: DbOrTx, orgId: string, encounterIds: string[]) {
      const claims = await repo.byEncounters(tx, orgId, encounterIds);
      const lines = await repo.linesOf(
        tx,
        orgId,
        claims.map((c) => c.id),
      );
      const byClaim = linesByClaim(lines);
      return claims.map((c) => toClaim(c, byClaim.get(c.id) ?? []));
    },
  };
}
export type ClaimsService = ReturnType<typeof createClaimsService>;
