import type { Db, DbOrTx } from '../../db/client.js';
import { type EncounterRow, encounters } from '../../db/schema/index.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { sqlState } from '../../lib/problem.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Claim } from '../claims/claims.schemas.js';
import type { ClaimsService } from '../claims/claims.service.js';
import { emitEvent } from '../events/events.service.js';
import { markResponseStored, responseValues, writeTx } from '../idempotency/unit-of-work.js';
import {
  billingSummary,
  bodyHash,
  isSameBody,
  mergeEncounter,
  type NormalizedEncounter,
  normalizeEncounter,
} from './encounter-input.js';
import { externalIdConflict } from './intake.errors.js';
import { intakeRepository as repo } from './intake.repository.js';
import type { Encounter, EncounterCreate, EncounterListQuery, EncounterUpdate } from './intake.schemas.js';

/** An encounter's API view from rows in hand, with the views of its claims. */
function viewOf(row: EncounterRow, claims: Claim[], lineView: ClaimsService['lineView']): Encounter {
  const own = claims.filter((c) => c.encounterId === row.id);
  return {
    id: row.id,
    object: 'encounter',
    externalId: row.externalId,
    patientId: row.patientId,
    billingProviderId: row.billingProviderId,
    renderingProviderId: row.renderingProviderId,
    referringProviderId: row.referringProviderId,
    facilityId: row.facilityId,
    dateOfService: row.dateOfService,
    placeOfService: row.placeOfService,
    priorAuthorization: row.priorAuthorization,
    diagnoses: row.diagnoses,
    lines: row.lines.map(lineView),
    selfPay: row.selfPay,
    billing: billingSummary(row, own),
    claims: own,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const providerFields = ['billingProviderId', 'renderingProviderId', 'referringProviderId', 'facilityId'] as const;

/**
 * Intake: an encounter posted (or changed) becomes claims built and scrubbed. A new visit costs two
 * statements after the Idempotency-Key claim: one read of everything the claim needs (intake_read), one
 * write of everything, response included (encounter_create; see intake.sql.ts).
 */
export function createIntakeService({ db, ids, claims }: { db: Db; ids: Ids; claims: ClaimsService }) {
  /** The intake read, checked: the patient and every provider named must exist in the caller's organization. */
  async function read(tx: DbOrTx, ctx: RequestContext, e: NormalizedEncounter, externalId: string | null) {
    const providerIds = [...new Set(providerFields.map((f) => e[f]).filter((id): id is string => !!id))];
    const rows = await repo.read(tx, {
      ...claims.referenceValues(ctx.orgId, { ...e, encounterId: '' }),
      providerIds,
      externalId,
    });
    if (!rows.patient) throw notFound('patient', e.patientId, 'patientId');
    const byId = new Map(rows.providers.map((p) => [p.id, p]));
    for (const field of providerFields) {
      const id = e[field];
      if (id && !byId.has(id)) throw notFound('provider', id, field);
    }
    const pick = (id: string | null) => (id ? byId.get(id)! : null);
    return {
      parties: {
        patient: rows.patient,
        providers: {
          billing: pick(e.billingProviderId),
          rendering: pick(e.renderingProviderId),
          referring: pick(e.referringProviderId),
          facility: pick(e.facilityId),
        },
      },
      primary: rows.primary,
      now: rows.now,
      existing: rows.existing,
      references: rows.references,
    };
  }

  async function views(tx: DbOrTx, orgId: string, rows: EncounterRow[]): Promise<Encounter[]> {
    const built = await claims.ofEncounters(
      tx,
      orgId,
      rows.map((r) => r.id),
    );
    return rows.map((row) => viewOf(row, built, claims.lineView));
  }

  async function create(ctx: RequestContext, input: EncounterCreate) {
    const e = normalizeEncounter(input);
    const externalId = input.externalId ?? null;
    const intake = await read(db, ctx, e, externalId);
    if (intake.existing) return replay(ctx, intake.existing, input);
    const { primary, now } = intake;
    const encounter: EncounterRow = {
      ...e,
      orgId: ctx.orgId,
      id: ids.next('encounter'),
      externalId,
      bodyHash: bodyHash(e, externalId),
      selfPay: !primary,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    // Ids in the order the feed shows the events: encounter.created, then claim.created.
    const event = {
      type: 'encounter.created' as const,
      data: { encounterId: encounter.id, patientId: encounter.patientId, externalId, selfPay: encounter.selfPay },
    };
    const claim = primary
      ? await claims.planNew(ctx, {
          source: { ...e, encounterId: encounter.id },
          parties: intake.parties,
          billed: primary,
          references: intake.references,
          now,
        })
      : null;
    const claimViews = claim ? [claims.view(claim.row, claim.lines)] : [];
    const outcome = {
      status: 201,
      body: viewOf(encounter, claimViews, claims.lineView),
      headers: { etag: etagOf(encounter.version) },
    };
    await repo.create(db, {
      orgId: ctx.orgId,
      encounter,
      ...claims.newClaimValues(claim),
      events: claim ? [event, claim.event] : [event],
      actor: ctx.actor,
      requestId: ctx.requestId,
      auditIds: [encounter.id],
      ...responseValues(ctx, outcome),
    });
    markResponseStored(ctx);
    return outcome;
  }

  /** A re-post of an externalId already taken: the same body returns that encounter (200), another body is a 409. */
  function replay(ctx: RequestContext, existing: EncounterRow, input: EncounterCreate) {
    if (!isSameBody(existing.bodyHash, input)) throw externalIdConflict(existing.externalId!, existing.id);
    return writeTx(db, ctx, async (tx) => {
      await recordAudit(tx, ctx, 'read', 'encounter', [existing.id]);
      const [body] = await views(tx, ctx.orgId, [existing]);
      return { status: 200, body: body!, headers: { etag: etagOf(existing.version) } };
    });
  }

  return {
    async create(ctx: RequestContext, input: EncounterCreate) {
      try {
        return await create(ctx, input);
      } catch (err) {
        // Two posts of one externalId raced; the loser answers as a re-post would.
        if (sqlState(err) !== '23505' || !input.externalId) throw err;
        const existing = await repo.findByExternalId(db, ctx.orgId, input.externalId);
        if (!existing) throw err;
        return replay(ctx, existing, input);
      }
    },

    async retrieve(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('encounter', id);
      await recordAudit(db, ctx, 'read', 'encounter', [id]);
      const [body] = await views(db, ctx.orgId, [row]);
      return { body: body!, headers: { etag: etagOf(row.version) } };
    },

    async list(ctx: RequestContext, query: EncounterListQuery) {
      const rows = await repo.list(db, ctx.orgId, query);
      const data = await views(db, ctx.orgId, rows.slice(0, query.limit));
      const page = toPage(rows, query.limit, (r) => data.find((d) => d.id === r.id)!);
      await recordAudit(
        db,
        ctx,
        'list',
        'encounter',
        page.data.map((d) => d.id),
      );
      return page;
    },

    /** Applies the change, then rebuilds and rescrubs every claim that has not gone to the payer. */
    update: (ctx: RequestContext, id: string, ifMatch: string | undefined, patch: EncounterUpdate) =>
      writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        const current = await repo.find(tx, ctx.orgId, id, { forUpdate: true });
        if (!current) throw notFound('encounter', id);
        if (expected !== null && current.version !== expected) throw preconditionFailed();
        const merged = mergeEncounter(current, patch);
        const intake = await read(tx, ctx, merged, null);
        const result = await repo.updateVersioned(tx, ctx.orgId, id, current.version, {
          ...merged,
          bodyHash: bodyHash(merged, current.externalId),
          selfPay: !intake.primary,
        } satisfies Partial<typeof encounters.$inferInsert>);
        if (!result.row) throw preconditionFailed();
        await claims.rebuildForEncounter(tx, ctx, {
          source: { ...merged, encounterId: id },
          parties: intake.parties,
          primary: intake.primary,
          references: intake.references,
          now: intake.now,
        });
        await emitEvent(tx, ctx.orgId, {
          type: 'encounter.updated',
          data: { encounterId: id, patientId: merged.patientId, fields: Object.keys(patch) },
        });
        await recordAudit(tx, ctx, 'update', 'encounter', [id]);
        const [body] = await views(tx, ctx.orgId, [result.row]);
        return { status: 200, body: body!, headers: { etag: etagOf(result.row.version) } };
      }),
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
