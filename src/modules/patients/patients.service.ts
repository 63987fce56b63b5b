import type { Db } from '../../db/client.js';
import { writeTx } from '../../db/unit-of-work.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import { newId } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/problem.js';
import { recordAudit } from '../audit/audit.repository.js';
import { externalIdTaken } from './patients.errors.js';
import { patientsRepository as repo, type PatientRow } from './patients.repository.js';
import type { Patient, PatientCreate, PatientListQuery, PatientUpdate } from './patients.schemas.js';

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    object: 'patient',
    externalId: row.externalId,
    firstName: row.firstName,
    middleName: row.middleName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    sex: row.sex,
    address: row.address ?? null,
    phone: row.phone,
    email: row.email,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withEtag = (row: PatientRow) => ({ body: toPatient(row), headers: { etag: etagOf(row.version) } });

export function createPatientsService({ db }: { db: Db }) {
  return {
    create: (ctx: RequestContext, input: PatientCreate) =>
      writeTx(db, ctx, async (tx) => {
        if (input.externalId) {
          const existing = await repo.findByExternalId(tx, ctx.orgId, input.externalId);
          if (existing) throw externalIdTaken(input.externalId, existing.id);
        }
        const row = await repo.insert(tx, { ...input, orgId: ctx.orgId, id: newId('patient') });
        await recordAudit(tx, ctx, 'create', 'patient', [row.id]);
        return { status: 201, ...withEtag(row) };
      }),

    retrieve: async (ctx: RequestContext, id: string) => {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('patient', id);
      await recordAudit(db, ctx, 'read', 'patient', [row.id]);
      return withEtag(row);
    },

    list: async (ctx: RequestContext, query: PatientListQuery) => {
      const rows = await repo.list(db, ctx.orgId, query, repo.externalIdFilter(query.externalId));
      const page = toPage(rows, query.limit, toPatient);
      await recordAudit(
        db,
        ctx,
        'list',
        'patient',
        page.data.map((p) => p.id),
      );
      return page;
    },

    update: (ctx: RequestContext, id: string, ifMatch: string | undefined, patch: PatientUpdate) =>
      writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        if (patch.externalId) {
          const other = await repo.findByExternalId(tx, ctx.orgId, patch.externalId);
          if (other && other.id !== id) throw externalIdTaken(patch.externalId, other.id);
        }
        const result = await repo.updateVersioned(tx, ctx.orgId, id, expected, patch);
        if (!result.row) throw result.reason === 'stale' ? preconditionFailed() : notFound('patient', id);
        await recordAudit(tx, ctx, 'update', 'patient', [id]);
        return { status: 200, ...withEtag(result.row) };
      }),

    deactivate: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const result = await repo.updateVersioned(tx, ctx.orgId, id, null, { active: false });
        if (!result.row) throw notFound('patient', id);
        await recordAudit(tx, ctx, 'deactivate', 'patient', [id]);
        return { status: 200, ...withEtag(result.row) };
      }),
  };
}
export type PatientsService = ReturnType<typeof createPatientsService>;
