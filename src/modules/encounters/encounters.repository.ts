import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { fromJsonRow } from '../../db/json-rows.js';
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
   * Inserts a new encounter with its encounter.created event and its audit row, in one statement, unless
   * the organization already has this externalId: then nothing is written and the result is undefined
   * (a racing insert of the same externalId is waited for).
   */
  insertNew: async (db: DbOrTx, v: typeof encounters.$inferInsert, audit: { actor: string; requestId: string }, eventId: string) => {
    const [row] = await queryRows<{ encounter: Record<string, unknown> }>(
      db,
      sql`with e as (
          insert into encounters (org_id, id, external_id, body_hash, patient_id, billing_provider_id, rendering_provider_id, referring_provider_id,
            facility_id, date_of_service, place_of_service, prior_authorization, diagnoses, lines, self_pay)
          values (${v.orgId}, ${v.id}, ${v.externalId ?? null}, ${v.bodyHash}, ${v.patientId}, ${v.billingProviderId}, ${v.renderingProviderId ?? null},
            ${v.referringProviderId ?? null}, ${v.facilityId ?? null}, ${v.dateOfService}, ${v.placeOfService}, ${v.priorAuthorization ?? null},
            ${JSON.stringify(v.diagnoses)}::jsonb, ${JSON.stringify(v.lines)}::jsonb, ${v.selfPay ?? false})
          on conflict (org_id, external_id) do nothing
          returning *),
        ev as (insert into events (org_id, id, type, data)
          select org_id, ${eventId}, 'encounter.created',
            jsonb_build_object('encounterId', id, 'patientId', patient_id, 'externalId', external_id, 'selfPay', self_pay) from e),
        au as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
          select org_id, ${audit.actor}, 'encounter.create', 'encounter', array[id], ${audit.requestId} from e)
      select row_to_json(e.*) as encounter from e`,
    );
    return row ? fromJsonRow<EncounterRow>(row.encounter) : undefined;
  },
  list: (db: DbOrTx, orgId: string, q: EncounterListQuery) =>
    base.list(db, orgId, q, and(q.patientId ? eq(encounters.patientId, q.patientId) : undefined, q.externalId ? eq(encounters.externalId, q.externalId) : undefined)),
};
