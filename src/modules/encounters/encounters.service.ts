import type { Db, DbOrTx } from '../../db/client.js';
import { markResponseStored, writeTx } from '../../db/unit-of-work.js';
import { canonicalJson, sha256Hex } from '../../lib/canonical.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import { newId } from '../../lib/ids.js';
import { toPage } from '../../lib/pagination.js';
import { conflict, notFound, sqlState } from '../../lib/problem.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createClaim, loadIntake, planNewClaim, rebuildClaim, type EncounterSource } from '../claims/claim-builder.js';
import { toClaim } from '../claims/claim-mapper.js';
import { claimsRepository, type ClaimLineRow, type ClaimRow } from '../claims/claims.repository.js';
import { coveragesRepository } from '../coverages/coverages.repository.js';
import { eventsRepository } from '../events/events.repository.js';
import { payersRepository } from '../payers/payers.repository.js';
import { billingSummary, normalizeEncounter, type NormalizedEncounter } from './encounter-input.js';
import { encountersRepository as repo, type EncounterRow } from './encounters.repository.js';
import type { Encounter, EncounterCreate, EncounterListQuery, EncounterUpdate } from './encounters.schemas.js';

const bodyHash = (e: NormalizedEncounter & { externalId: string | null }) => sha256Hex(canonicalJson(e));

/** API views of encounters with their claims and lines, in two queries whatever the page size. */
async function views(db: DbOrTx, orgId: string, rows: EncounterRow[]): Promise<Encounter[]> {
  const claims = await claimsRepository.byEncounters(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const lines = await claimsRepository.linesOf(
    db,
    orgId,
    claims.map((c) => c.id),
  );
  return rows.map((row) => viewOf(row, claims, lines));
}

/** One encounter's API view from rows already in hand (a create needs no re-read). */
function viewOf(row: EncounterRow, claims: ClaimRow[], lines: ClaimLineRow[]): Encounter {
  const apiClaims = claims.filter((c) => c.encounterId === row.id).map((c) => toClaim(c, lines));
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
    lines: row.lines,
    selfPay: row.selfPay,
    billing: billingSummary(row, apiClaims),
    claims: apiClaims,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const view = async (db: DbOrTx, orgId: string, row: EncounterRow) => (await views(db, orgId, [row]))[0]!;

const externalIdConflict = (externalId: string, existingId: string) =>
  conflict(
    'encounter_external_id_conflict',
    `Encounter externalId '${externalId}' was already posted with a different body (${existingId}). PATCH it instead.`,
    { existingId },
  );

const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';

/** Whether a re-post carries the body stored under its externalId (hashed with NDCs as sent, before conversion existed, or converted). */
function isSameBody(stored: string, input: EncounterCreate): boolean {
  const externalId = input.externalId ?? null;
  if (stored === bodyHash({ ...normalizeEncounter(input), externalId })) return true;
  return (
    input.lines.some((l) => l.ndc) &&
    stored === bodyHash({ ...normalizeEncounter(input, { convertNdc: false }), externalId })
  );
}

export function createEncountersService({ db }: { db: Db }) {
  /**
   * A new visit costs two statements after the Idempotency-Key claim: one read (patient, providers,
   * coverage with payer, the scrubber's reference data, any encounter already under the externalId) and
   * one write of everything, response included (see insertCreated).
   */
  async function create(ctx: RequestContext, input: EncounterCreate) {
    const e = normalizeEncounter(input);
    const externalId = input.externalId ?? null;
    const hash = bodyHash({ ...e, externalId });
    const intake = await loadIntake(db, ctx.orgId, e, { externalId });
    if (intake.existing) return replay(ctx, intake.existing, input);
    const { refs, cov, now } = intake;
    const encounter: EncounterRow = {
      ...e,
      orgId: ctx.orgId,
      id: newId('encounter'),
      externalId,
      bodyHash: hash,
      selfPay: !cov,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const claim = cov ? await planNewClaim(db, ctx, encounter, refs, cov, now, intake.scrubReferences) : null;
    const outcome = {
      status: 201,
      body: viewOf(encounter, claim ? [claim.row] : [], claim?.lines ?? []),
      headers: { etag: etagOf(encounter.version) },
    };
    const event = {
      id: newId('event'),
      type: 'encounter.created' as const,
      data: { encounterId: encounter.id, patientId: encounter.patientId, externalId, selfPay: encounter.selfPay },
    };
    await repo.insertCreated(db, ctx, { encounter, event, claim, outcome });
    markResponseStored(ctx);
    return outcome;
  }

  /** A re-post of an externalId already taken: the same body returns that encounter (200), another body is a 409. */
  function replay(ctx: RequestContext, existing: EncounterRow, input: EncounterCreate) {
    if (!isSameBody(existing.bodyHash, input)) throw externalIdConflict(existing.externalId!, existing.id);
    return writeTx(db, ctx, async (tx) => {
      await recordAudit(tx, ctx, 'read', 'encounter', [existing.id]);
      return { status: 200, body: await view(tx, ctx.orgId, existing), headers: { etag: etagOf(existing.version) } };
    });
  }

  return {
    async create(ctx: RequestContext, input: EncounterCreate) {
      try {
        return await create(ctx, input);
      } catch (err) {
        // Two posts of one externalId raced; the loser answers as a re-post would.
        if (!isUniqueViolation(err) || !input.externalId) throw err;
        const existing = await repo.findByExternalId(db, ctx.orgId, input.externalId);
        if (!existing) throw err;
        return replay(ctx, existing, input);
      }
    },

    async retrieve(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('encounter', id);
      await recordAudit(db, ctx, 'read', 'encounter', [id]);
      return { body: await view(db, ctx.orgId, row), headers: { etag: etagOf(row.version) } };
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
        const merged = normalizeEncounter({ ...current, ...patch });
        const { refs, cov, now } = await loadIntake(tx, ctx.orgId, merged);
        const result = await repo.updateVersioned(tx, ctx.orgId, id, current.version, {
          ...merged,
          bodyHash: bodyHash({ ...merged, externalId: current.externalId }),
          selfPay: !cov,
        });
        if (!result.row) throw preconditionFailed();
        const source: EncounterSource = result.row;
        const claims = await claimsRepository.byEncounterForUpdate(tx, ctx.orgId, id);
        for (const claim of claims) {
          // With no primary coverage on the (new) date, rescrub against the claim's own coverage: the edit says what is wrong.
          const own = cov ?? {
            coverage: (await coveragesRepository.find(tx, ctx.orgId, claim.coverageId))!,
            payer: (await payersRepository.find(tx, ctx.orgId, claim.payerId))!,
          };
          await rebuildClaim(tx, ctx, claim, source, refs, own);
        }
        if (claims.length === 0 && cov) await createClaim(tx, ctx, source, refs, cov, now);
        await eventsRepository.emit(tx, ctx.orgId, 'encounter.updated', {
          encounterId: id,
          patientId: merged.patientId,
          fields: Object.keys(patch),
        });
        await recordAudit(tx, ctx, 'update', 'encounter', [id]);
        return {
          status: 200,
          body: await view(tx, ctx.orgId, result.row),
          headers: { etag: etagOf(result.row.version) },
        };
      }),
  };
}
export type EncountersService = ReturnType<typeof createEncountersService>;
