import type { Db } from '../../db/client.js';
import type { LoadedClaim } from '../claims/claim-batch.js';
import type { ClaimsService } from '../claims/claims.service.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import { hasErrors } from '../../domain/scrub/index.js';
import { write837p, CLAIMS_PER_TRANSACTION } from '../../domain/x12/claim-837p.js';
import { checkWritten837p } from '../../domain/x12/snip-837p.js';
import { localDate, localTime } from '../../domain/time-zone.js';
import type { NewEvent } from '../../domain/events.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import { toPage, type PageQuery } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { recordAcknowledgmentOutcome, submissionsForAcknowledgment, submissionsOfClaims } from './submission-acks.js';
import { type CobSources, otherPayersOf } from './submission-cob.js';
import { billingGroups, interchangeFor } from './submission-interchange.js';
import {
  claimsNotReady,
  controlNumbersExhausted,
  submissionBlocked,
  submissionEmpty,
  x12SettingsMissing,
} from './submissions.errors.js';
import {
  type SubmissionClaimRow,
  type SubmissionRow,
  submissionsRepository as repo,
} from './submissions.repository.js';
import type { Submission, SubmissionCreate } from './submissions.schemas.js';

const MAX_CONTROL_NUMBER = 999_999_999;

export function toSubmission(row: SubmissionRow, claims: SubmissionClaimRow[]): Submission {
  return {
    id: row.id,
    object: 'submission',
    payerId: row.payerId,
    status: row.status,
    usage: row.usage,
    interchangeControlNumber: String(row.interchangeControlNumber).padStart(9, '0'),
    groupControlNumber: String(row.groupControlNumber),
    transactionControlNumbers: Array.from({ length: row.transactionCount }, (_, i) =>
      String(row.firstTransactionControlNumber + i).padStart(4, '0'),
    ),
    claimCount: row.claimCount,
    totalChargeCents: row.totalChargeCents,
    claims: claims
      .filter((c) => c.submissionId === row.id)
      .map((c) => ({
        claimId: c.claimId,
        patientControlNumber: c.patientControlNumber,
        transactionControlNumber: c.transactionControlNumber,
        acknowledgment: c.ackStatus,
      })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A file we wrote that fails our own checks is a bug: never stored, never sent. */
class SelfCheckError extends Error {
  constructor(readonly details: unknown) {
    super('The 837P written failed its own SNIP or round-trip check.');
    this.name = 'SelfCheckError';
  }
}

export interface SubmissionsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  claims: ClaimsService;
  organizations: Pick<OrganizationsService, 'x12Submitter'>;
  /** What a COB claim's 837P reports of the payers before it (the remittances' decisions, the coverages). */
  cob: Omit<CobSources, 'claims'>;
}

export function createSubmissionsService({ db, clock, ids, claims, organizations, cob }: SubmissionsDeps) {
  return {
    create: (ctx: RequestContext, body: SubmissionCreate) =>
      writeTx(db, ctx, async (tx) => {
        const requested = body.claimIds ?? [];
        const loaded = await claims.loadForSubmission(tx, ctx, { claimIds: requested, payerId: body.payerId ?? null });
        const found = new Set(loaded.map((l) => l.claim.id));
        const missing = requested.find((id) => !found.has(id));
        if (missing) throw notFound('claim', missing);
        if (body.payerId && loaded.length === 0) throw submissionEmpty(body.payerId);
        const notReady = loaded.filter((l) => l.claim.status !== 'ready');
        if (notReady.length)
          throw claimsNotReady(notReady.map((l) => ({ claimId: l.claim.id, status: l.claim.status })));
        const blocked = loaded
          .filter((l) => hasErrors(l.issues))
          .map((l) => ({ claimId: l.claim.id, issues: l.issues.filter((i) => i.severity === 'error') }));
        if (blocked.length) throw submissionBlocked(blocked);

        const submitter = await organizations.x12Submitter(tx, ctx.orgId);
        if (!submitter) throw x12SettingsMissing('the organization’s x12Submitter (PATCH /v1/organization)');
        const byPayer = new Map<string, LoadedClaim[]>();
        for (const l of loaded) byPayer.set(l.claim.payerId, [...(byPayer.get(l.claim.payerId) ?? []), l]);
        for (const [payerId, items] of byPayer) {
          if (!items[0]!.parties.payer?.x12Receiver) throw x12SettingsMissing(`x12Receiver on payer ${payerId}`);
        }

        const now = clock.now();
        const date = localDate(now, ctx.timeZone).replaceAll('-', '');
        const time = localTime(now, ctx.timeZone);
        const created: Submission[] = [];
        const events: NewEvent[] = [];
        const transitions = [];
        for (const [payerId, items] of byPayer) {
          const payer = items[0]!.parties.payer!;
          const sets = Math.ceil(items.length / CLAIMS_PER_TRANSACTION);
          const interchange = await repo.takeControlNumbers(tx, ctx.orgId, 'interchange', 1);
          const group = await repo.takeControlNumbers(tx, ctx.orgId, 'group', 1);
          const firstTransaction = await repo.takeControlNumbers(tx, ctx.orgId, 'transaction', sets);
          if (
            interchange > MAX_CONTROL_NUMBER ||
            group > MAX_CONTROL_NUMBER ||
            firstTransaction + sets > MAX_CONTROL_NUMBER
          ) {
            throw controlNumbersExhausted();
          }
          const id = ids.next('submission');
          const spec = interchangeFor({
            submitter,
            receiver: payer.x12Receiver!,
            payer: { name: payer.name, ediPayerId: payer.ediPayerId! },
            numbers: { interchange, group, firstTransaction },
            reference: id.slice(4, 34).toUpperCase(),
            date,
            time,
            groups: billingGroups(items, await otherPayersOf(tx, ctx.orgId, { ...cob, claims }, items)),
          });
          const x12 = write837p(spec);
          const { snip, differing } = checkWritten837p(x12, spec);
          if (snip.length || differing.length)
            throw new SelfCheckError({ snip: snip.slice(0, 20), differing: differing.slice(0, 20) });

          // The writer puts claims in ST sets of 5,000, in the order of the billing groups.
          const ordered = spec.groups.flatMap((g) => g.claims.map((c) => c.patientControlNumber));
          const setOf = new Map(
            ordered.map((pcn, i) => [
              pcn,
              String(firstTransaction + Math.floor(i / CLAIMS_PER_TRANSACTION)).padStart(4, '0'),
            ]),
          );
          const createdAt = now;
          const row: SubmissionRow = {
            orgId: ctx.orgId,
            id,
            payerId,
            status: 'created',
            usage: payer.x12Receiver!.usage,
            interchangeControlNumber: interchange,
            groupControlNumber: group,
            firstTransactionControlNumber: firstTransaction,
            transactionCount: sets,
            claimCount: items.length,
            totalChargeCents: items.reduce((sum, l) => sum + l.claim.totalChargeCents, 0),
            x12,
            version: 1,
            createdAt,
            updatedAt: createdAt,
          };
          const claimRows: SubmissionClaimRow[] = items.map((l) => ({
            orgId: ctx.orgId,
            submissionId: id,
            claimId: l.claim.id,
            patientControlNumber: l.claim.patientControlNumber,
            transactionControlNumber: setOf.get(l.claim.patientControlNumber)!,
            ackStatus: null,
          }));
          await repo.insert(tx, row, claimRows);
          const view = toSubmission(row, claimRows);
          created.push(view);
          events.push({
            type: 'submission.created',
            data: {
              submissionId: id,
              payerId,
              claimCount: row.claimCount,
              interchangeControlNumber: view.interchangeControlNumber,
            },
          });
          for (const l of items) {
            transitions.push({
              claim: l.claim,
              from: 'ready' as const,
              to: 'submitted' as const,
              reason: `submitted in ${id} (ISA13 ${view.interchangeControlNumber})`,
              reasonCodes: [],
              statusEvent: { type: 'claim.submitted' as const, data: { submissionId: id, payerId } },
            });
          }
        }
        await claims.applyTransitions(tx, ctx, transitions, events);
        return { status: 201, body: { object: 'list' as const, data: created, nextCursor: null } };
      }),

    async retrieve(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('submission', id);
      const claimRows = await repo.claimsOf(db, ctx.orgId, [id]);
      await recordAudit(db, ctx, 'read', 'submission', [id]);
      return toSubmission(row, claimRows);
    },

    async list(ctx: RequestContext, page: PageQuery) {
      const rows = await repo.list(db, ctx.orgId, page);
      const claimRows = await repo.claimsOf(
        db,
        ctx.orgId,
        rows.slice(0, page.limit).map((r) => r.id),
      );
      return toPage(rows, page.limit, (r) => toSubmission(r, claimRows));
    },

    /** The interchange exactly as stored. */
    async x12(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('submission', id);
      await recordAudit(db, ctx, 'read', 'submission_x12', [id]);
      return row.x12;
    },

    // --- what acknowledgments use, inside their transaction (submission-acks.ts) ---

    /** Submissions a TA1 (ISA13) or 999 (GS06) names, locked, with their claims. */
    forAcknowledgment: submissionsForAcknowledgment,
    /** Every submission of each claim, newest first (an acknowledgment of an earlier one moves no claim). */
    submissionsOfClaims,
    /** Writes back submission statuses and each claim's acknowledgment. */
    recordAcknowledgment: recordAcknowledgmentOutcome,
  };
}
export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
