import type { Db } from '../../db/client.js';
import { writeTx } from '../../db/unit-of-work.js';
import { InvalidTransitionError, type ClaimStatus } from '../../domain/claims/claim-status.js';
import { hasErrors } from '../../domain/scrub/index.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf } from '../../lib/etag.js';
import { toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/problem.js';
import { recordAudit } from '../audit/audit.repository.js';
import { encountersRepository } from '../encounters/encounters.repository.js';
import { dryRunScrub, type EncounterSource } from './claim-builder.js';
import { transitionClaim } from './claim-lifecycle.js';
import { toClaim } from './claim-mapper.js';
import { claimsRepository as repo, type ClaimRow } from './claims.repository.js';
import type { ClaimListQuery } from './claims.schemas.js';

export function createClaimsService({ db }: { db: Db }) {
  async function load(ctx: RequestContext, id: string, forUpdate = false, tx: Parameters<typeof repo.find>[0] = db) {
    const claim = await repo.find(tx, ctx.orgId, id, { forUpdate });
    if (!claim) throw notFound('claim', id);
    return claim;
  }

  async function withLines(ctx: RequestContext, claim: ClaimRow, tx: Parameters<typeof repo.find>[0] = db) {
    return toClaim(claim, await repo.linesOf(tx, ctx.orgId, [claim.id]));
  }

  async function encounterSource(
    ctx: RequestContext,
    claim: ClaimRow,
    tx: Parameters<typeof repo.find>[0] = db,
  ): Promise<EncounterSource> {
    const encounter = await encountersRepository.find(tx, ctx.orgId, claim.encounterId);
    if (!encounter) throw notFound('encounter', claim.encounterId);
    return encounter;
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
      const page = toPage(rows, query.limit, (r) => toClaim(r, lines));
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
          fromStatus: h.fromStatus as ClaimStatus | null,
          toStatus: h.toStatus as ClaimStatus,
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
      const lines = await repo.linesOf(db, ctx.orgId, [id]);
      const issues = await dryRunScrub(db, ctx.orgId, claim, lines, await encounterSource(ctx, claim));
      await recordAudit(db, ctx, 'read', 'claim', [id]);
      return {
        object: 'scrub_result' as const,
        claimId: id,
        currentStatus: claim.status as ClaimStatus,
        clean: !hasErrors(issues),
        issues,
      };
    },

    hold: (ctx: RequestContext, id: string, reason: string | undefined) =>
      writeTx(db, ctx, async (tx) => {
        const claim = await load(ctx, id, true, tx);
        const updated = await transitionClaim(tx, ctx, claim, 'on_hold', { reason: reason ?? 'held by user' });
        return { status: 200, body: await withLines(ctx, updated, tx), headers: { etag: etagOf(updated.version) } };
      }),

    /** Release rescrubs against current data: the claim returns to ready, or to needs_attention with its issues. */
    release: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const claim = await load(ctx, id, true, tx);
        if (claim.status !== 'on_hold') throw new InvalidTransitionError(claim.status as ClaimStatus, 'ready');
        const source = await encounterSource(ctx, claim, tx);
        const issues = await dryRunScrub(tx, ctx.orgId, claim, await repo.linesOf(tx, ctx.orgId, [id]), source);
        const target: ClaimStatus = hasErrors(issues) ? 'needs_attention' : 'ready';
        const updated = await transitionClaim(tx, ctx, claim, target, {
          reason: 'released from hold; rescrubbed',
          reasonCodes: [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.rule))],
          patch: { issues },
        });
        return { status: 200, body: await withLines(ctx, updated, tx), headers: { etag: etagOf(updated.version) } };
      }),
  };
}
export type ClaimsService = ReturnType<typeof createClaimsService>;
