import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Params, runStatement } from '../../db/statements.js';
import { storeResponse } from '../../db/unit-of-work.js';
import type { Outcome } from '../../lib/context.js';
import type { RequestContext } from '../../lib/context.js';
import { insertAudit } from '../audit/audit.repository.js';
import { newClaimCtes, type NewClaim } from '../claims/claims.repository.js';
import { insertEvents, type NewEvent } from '../events/events.repository.js';
import { encounters } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { EncounterListQuery } from './encounters.schemas.js';

export type EncounterRow = typeof encounters.$inferSelect;
const base = tenantTable<typeof encounters, EncounterRow>(encounters);

export const encountersRepository = {
  ...base,
  findByExternalId: async (db: DbOrTx, orgId: string, externalId: string) =>
    (
      await db
        .select()
        .from(encounters)
        .where(and(eq(encounters.orgId, orgId), eq(encounters.externalId, externalId)))
        .limit(1)
    )[0],
  /**
   * A new encounter with everything its creation writes, in one statement (atomic on its own, no
   * transaction round trips): the encounter, its claim with lines and first history row, the
   * encounter.created and claim.created events (in that order), the audit row, and the idempotent
   * response. Rows carry the timestamps given, so the response built from them is what a read returns.
   * A second encounter under the same externalId fails the unique index (23505) and writes nothing.
   */
  insertCreated: async (
    db: DbOrTx,
    ctx: RequestContext,
    created: { encounter: EncounterRow; event: NewEvent; claim: NewClaim | null; outcome: Outcome<unknown> },
  ) => {
    const v = created.encounter;
    const p = new Params();
    const ctes = [
      `e as (insert into encounters (org_id, id, external_id, body_hash, patient_id, billing_provider_id, rendering_provider_id, referring_provider_id,
            facility_id, date_of_service, place_of_service, prior_authorization, diagnoses, lines, self_pay, version, created_at, updated_at)
          values (${p.add(v.orgId)}, ${p.add(v.id)}, ${p.add(v.externalId)}, ${p.add(v.bodyHash)}, ${p.add(v.patientId)}, ${p.add(v.billingProviderId)},
            ${p.add(v.renderingProviderId)}, ${p.add(v.referringProviderId)}, ${p.add(v.facilityId)}, ${p.add(v.dateOfService)}::date, ${p.add(v.placeOfService)},
            ${p.add(v.priorAuthorization)}, ${p.add(JSON.stringify(v.diagnoses))}::jsonb, ${p.add(JSON.stringify(v.lines))}::jsonb, ${p.add(v.selfPay)}::boolean,
            ${p.add(v.version)}::int, ${p.add(v.createdAt.toISOString())}::timestamptz, ${p.add(v.updatedAt.toISOString())}::timestamptz))`,
      `ev as (${insertEvents(v.orgId, created.claim ? [created.event, created.claim.event] : [created.event], p)})`,
      `au as (${insertAudit(ctx, 'create', 'encounter', [v.id], p)})`,
    ];
    if (created.claim) ctes.push(newClaimCtes(created.claim, p));
    const stored = storeResponse(ctx, created.outcome, p);
    if (stored) ctes.push(`k as (${stored})`);
    const name = `encounter_create${created.claim ? '_claim' : ''}${stored ? '_key' : ''}`;
    await runStatement(db, { name, text: `with ${ctes.join(', ')} select 1`, values: p.values });
  },
  list: (db: DbOrTx, orgId: string, q: EncounterListQuery) =>
    base.list(
      db,
      orgId,
      q,
      and(
        q.patientId ? eq(encounters.patientId, q.patientId) : undefined,
        q.externalId ? eq(encounters.externalId, q.externalId) : undefined,
      ),
    ),
};
