import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
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
    (await db.select().from(encounters).where(and(eq(encounters.orgId, orgId), eq(encounters.externalId, externalId))).limit(1))[0],
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
    created: { encounter: EncounterRow; event: NewEvent; claim: NewClaim | null; storedResponse: SQL | null },
  ) => {
    const v = created.encounter;
    const ctes = [
      sql`e as (insert into encounters (org_id, id, external_id, body_hash, patient_id, billing_provider_id, rendering_provider_id, referring_provider_id,
            facility_id, date_of_service, place_of_service, prior_authorization, diagnoses, lines, self_pay, version, created_at, updated_at)
          values (${v.orgId}, ${v.id}, ${v.externalId}, ${v.bodyHash}, ${v.patientId}, ${v.billingProviderId}, ${v.renderingProviderId},
            ${v.referringProviderId}, ${v.facilityId}, ${v.dateOfService}, ${v.placeOfService}, ${v.priorAuthorization},
            ${JSON.stringify(v.diagnoses)}::jsonb, ${JSON.stringify(v.lines)}::jsonb, ${v.selfPay}, ${v.version},
            ${v.createdAt.toISOString()}::timestamptz, ${v.updatedAt.toISOString()}::timestamptz))`,
      sql`ev as (${insertEvents(v.orgId, created.claim ? [created.event, created.claim.event] : [created.event])})`,
      sql`au as (${insertAudit(ctx, 'create', 'encounter', [v.id])})`,
    ];
    if (created.claim) ctes.push(newClaimCtes(created.claim));
    if (created.storedResponse) ctes.push(sql`k as (${created.storedResponse})`);
    await db.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
  },
  list: (db: DbOrTx, orgId: string, q: EncounterListQuery) =>
    base.list(db, orgId, q, and(q.patientId ? eq(encounters.patientId, q.patientId) : undefined, q.externalId ? eq(encounters.externalId, q.externalId) : undefined)),
};
