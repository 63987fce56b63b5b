import type { Db, DbOrTx } from '../../db/client.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { birthDateInFuture, externalIdTaken } from './patients.errors.js';
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

export function createPatientsService({ db, clock, ids }: { db: Db; clock: Clock; ids: Ids }) {
  /** A birth date is in the future once it is after today where the practice is (its time zone). */
  const checkBirthDate = (ctx: RequestContext, birthDate: string | undefined) => {
    if (birthDate !== undefined && birthDate > localDate(clock.now(), ctx.timeZone)) throw birthDateInFuture();
  };

  return {
    /** A patient row for another module's use (no audit row: the caller audits what it shows). */
    lookup: (tx: DbOrTx, orgId: string, id: string) => repo.find(tx, orgId, id),
    /** The patient row locked for the caller's transaction: what serializes postings on one patient's credit. */
    lockForUpdate: (tx: DbOrTx, orgId: string, id: string) => repo.lockForUpdate(tx, orgId, id),

    create: (ctx: RequestContext, input: PatientCreate) =>
      writeTx(db, ctx, async (tx) => {
        checkBirthDate(ctx, input.birthDate);
        if (input.externalId) {
          const existing = await repo.findByExternalId(tx, ctx.orgId, input.externalId);
          if (existing) throw externalIdTaken(input.externalId, existing.id);
        }
        const row = await repo.insert(tx, { ...input, orgId: ctx.orgId, id: ids.next('patient') });
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
        checkBirthDate(ctx, patch.birthDate);
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
