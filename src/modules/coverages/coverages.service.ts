import type { Db, DbOrTx } from '../../db/client.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { notFound, validationFailed } from '../../lib/platform.errors.js';
import type { FieldError } from '../../lib/problem.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { coveragesRepository as repo, type CoverageRow } from './coverages.repository.js';
import {
  checkCoverage,
  type Coverage,
  type CoverageCreate,
  type CoverageListQuery,
  type CoverageUpdate,
} from './coverages.schemas.js';

export function toCoverage(row: CoverageRow): Coverage {
  const hasBenefits = row.copayCents !== null || row.coinsuranceBasisPoints !== null || row.deductibleCents !== null;
  return {
    id: row.id,
    object: 'coverage',
    patientId: row.patientId,
    payerId: row.payerId,
    memberId: row.memberId,
    groupNumber: row.groupNumber,
    priority: row.priority,
    relationship: row.relationship,
    subscriber: (row.subscriber as Coverage['subscriber']) ?? null,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    benefits: hasBenefits
      ? {
          copayCents: row.copayCents,
          coinsuranceBasisPoints: row.coinsuranceBasisPoints,
          deductibleCents: row.deductibleCents,
        }
      : null,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withEtag = (row: CoverageRow) => ({ body: toCoverage(row), headers: { etag: etagOf(row.version) } });

/** How coverages check what they reference: the patient's and payer's modules answer (see services.ts). */
export interface CoverageReferences {
  patient(tx: DbOrTx, orgId: string, id: string): Promise<unknown>;
  payer(tx: DbOrTx, orgId: string, id: string): Promise<unknown>;
}

function benefitColumns(b: CoverageCreate['benefits'] | undefined) {
  if (b === undefined) return {};
  return {
    copayCents: b?.copayCents ?? null,
    coinsuranceBasisPoints: b?.coinsuranceBasisPoints ?? null,
    deductibleCents: b?.deductibleCents ?? null,
  };
}

export function createCoveragesService({ db, ids, references }: { db: Db; ids: Ids; references: CoverageReferences }) {
  /** Referenced objects must exist in the caller's organization; another tenant's id reads as missing (404). */
  async function requireReference(tx: DbOrTx, ctx: RequestContext, kind: 'patient' | 'payer', id: string) {
    if (!(await references[kind](tx, ctx.orgId, id))) throw notFound(kind, id, `${kind}Id`);
  }

  return {
    /** A coverage row for another module's use (claims rescrub against the coverage they bill). */
    lookup: (tx: DbOrTx, orgId: string, id: string) => repo.find(tx, orgId, id),

    create: (ctx: RequestContext, input: CoverageCreate) =>
      writeTx(db, ctx, async (tx) => {
        await requireReference(tx, ctx, 'patient', input.patientId);
        await requireReference(tx, ctx, 'payer', input.payerId);
        const { benefits, ...rest } = input;
        const row = await repo.insert(tx, {
          ...rest,
          ...benefitColumns(benefits),
          orgId: ctx.orgId,
          id: ids.next('coverage'),
        });
        await recordAudit(tx, ctx, 'create', 'coverage', [row.id]);
        return { status: 201, ...withEtag(row) };
      }),

    retrieve: async (ctx: RequestContext, id: string) => {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('coverage', id);
      await recordAudit(db, ctx, 'read', 'coverage', [row.id]);
      return withEtag(row);
    },

    list: async (ctx: RequestContext, query: CoverageListQuery) => {
      const page = toPage(
        await repo.list(db, ctx.orgId, query, repo.patientFilter(query.patientId)),
        query.limit,
        toCoverage,
      );
      await recordAudit(
        db,
        ctx,
        'list',
        'coverage',
        page.data.map((c) => c.id),
      );
      return page;
    },

    update: (ctx: RequestContext, id: string, ifMatch: string | undefined, patch: CoverageUpdate) =>
      writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        const current = await repo.find(tx, ctx.orgId, id);
        if (!current) throw notFound('coverage', id);
        const issues: FieldError[] = [];
        checkCoverage(
          { ...current, ...patch },
          { addIssue: (i) => issues.push({ path: i.path.join('.'), code: i.code, message: i.message }) },
        );
        if (issues.length) throw validationFailed(issues);
        if (patch.payerId) await requireReference(tx, ctx, 'payer', patch.payerId);
        const { benefits, ...rest } = patch;
        const result = await repo.updateVersioned(tx, ctx.orgId, id, expected, {
          ...rest,
          ...benefitColumns(benefits),
        });
        if (!result.row) throw result.reason === 'stale' ? preconditionFailed() : notFound('coverage', id);
        await recordAudit(tx, ctx, 'update', 'coverage', [id]);
        return { status: 200, ...withEtag(result.row) };
      }),

    deactivate: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const result = await repo.updateVersioned(tx, ctx.orgId, id, null, { active: false });
        if (!result.row) throw notFound('coverage', id);
        await recordAudit(tx, ctx, 'deactivate', 'coverage', [id]);
        return { status: 200, ...withEtag(result.row) };
      }),
  };
}
export type CoveragesService = ReturnType<typeof createCoveragesService>;
