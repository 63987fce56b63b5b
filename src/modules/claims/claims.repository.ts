import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Params, runStatement } from '../../db/statements.js';
import { fromJsonRow } from '../../db/json-rows.js';
import { AppError } from '../../lib/problem.js';
import { claimHistory, claimLines, claims } from '../../db/schema/index.js';
import { tenantTable } from '../../db/tenant-table.js';
import { insertEvents, type NewEvent } from '../events/events.repository.js';
import type { ClaimListQuery } from './claims.schemas.js';

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimLineRow = typeof claimLines.$inferSelect;
export type ClaimHistoryRow = typeof claimHistory.$inferSelect;

/** A claim about to be written: every column of its row (timestamps included), its lines, first history entry and event. */
export interface NewClaim {
  row: ClaimRow;
  lines: ClaimLineRow[];
  history: { reason: string; reasonCodes: string[]; actor: string; requestId: string };
  event: NewEvent;
}

/**
 * Data-modifying CTEs (`c`, `l`, `h`) that insert a new claim, its lines and its first history row, for
 * a caller's single statement. Foreign keys are checked at the end of that statement, when every row exists.
 */
export function newClaimCtes({ row: c, lines, history }: NewClaim, p: Params): string {
  const lineJson = JSON.stringify(
    lines.map((l) => ({
      line_number: l.lineNumber,
      control_number: l.controlNumber,
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      charge_cents: l.chargeCents,
      diagnosis_pointers: l.diagnosisPointers,
      date_of_service: l.dateOfService,
      ndc: l.ndc ?? null,
      description: l.description ?? null,
    })),
  );
  const org = p.add(c.orgId);
  const id = p.add(c.id);
  const status = p.add(c.status);
  const createdAt = p.add(c.createdAt.toISOString());
  return `c as (
      insert into claims (org_id, id, encounter_id, patient_id, coverage_id, payer_id, billing_provider_id, status, patient_control_number,
        frequency_code, date_of_service, date_of_service_to, place_of_service, diagnoses, total_charge_cents, filing_deadline, issues,
        code_fingerprint, payer_claim_number, version, created_at, updated_at)
      values (${org}, ${id}, ${p.add(c.encounterId)}, ${p.add(c.patientId)}, ${p.add(c.coverageId)}, ${p.add(c.payerId)}, ${p.add(c.billingProviderId)}, ${status},
        ${p.add(c.patientControlNumber)}, ${p.add(c.frequencyCode)}, ${p.add(c.dateOfService)}::date, ${p.add(c.dateOfServiceTo)}::date, ${p.add(c.placeOfService)},
        ${p.add(JSON.stringify(c.diagnoses))}::jsonb, ${p.add(c.totalChargeCents)}::bigint, ${p.add(c.filingDeadline)}::date, ${p.add(JSON.stringify(c.issues))}::jsonb,
        ${p.add(c.codeFingerprint)}::text[], ${p.add(c.payerClaimNumber)}, ${p.add(c.version)}::int, ${createdAt}::timestamptz, ${p.add(c.updatedAt.toISOString())}::timestamptz)),
    l as (insert into claim_lines (org_id, claim_id, line_number, control_number, code, modifiers, units, charge_cents, diagnosis_pointers, date_of_service, ndc, description)
      select ${org}, ${id}, x.line_number, x.control_number, x.code, x.modifiers, x.units, x.charge_cents, x.diagnosis_pointers, x.date_of_service, x.ndc, x.description
      from json_populate_recordset(null::claim_lines, ${p.add(lineJson)}::json) x),
    h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
      values (${org}, ${id}, null, ${status}, ${p.add(history.reason)}, ${p.add(history.reasonCodes)}::text[], ${p.add(history.actor)}, ${p.add(history.requestId)},
        ${createdAt}::timestamptz))`;
}

const base = tenantTable<typeof claims, ClaimRow>(claims);

const READ_AUDITED = `with c as (select * from claims where org_id = $1 and id = $2),
    a as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
          select org_id, $3, 'claim.read', 'claim', array[id], $4 from c)
  select row_to_json(c.*) as claim,
    coalesce((select json_agg(l order by l.line_number) from claim_lines l where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
  from c`;

export const claimsRepository = {
  ...base,

  list: (db: DbOrTx, orgId: string, q: ClaimListQuery) =>
    base.list(
      db,
      orgId,
      q,
      and(
        q.status ? inArray(claims.status, q.status) : undefined,
        q.patientId ? eq(claims.patientId, q.patientId) : undefined,
        q.payerId ? eq(claims.payerId, q.payerId) : undefined,
        q.dateOfServiceFrom ? gte(claims.dateOfService, q.dateOfServiceFrom) : undefined,
        q.dateOfServiceTo ? lte(claims.dateOfService, q.dateOfServiceTo) : undefined,
      ),
    ),

  /** The encounter's claims, locked: a rebuild then cannot interleave with a hold, release or submission. */
  byEncounterForUpdate: (db: DbOrTx, orgId: string, encounterId: string) =>
    db
      .select()
      .from(claims)
      .where(and(eq(claims.orgId, orgId), eq(claims.encounterId, encounterId)))
      .orderBy(asc(claims.createdAt), asc(claims.id))
      .for('update'),

  byEncounters: (db: DbOrTx, orgId: string, encounterIds: string[]) =>
    encounterIds.length === 0
      ? Promise.resolve([] as ClaimRow[])
      : db
          .select()
          .from(claims)
          .where(and(eq(claims.orgId, orgId), inArray(claims.encounterId, encounterIds)))
          .orderBy(asc(claims.createdAt), asc(claims.id)),

  linesOf: (db: DbOrTx, orgId: string, claimIds: string[]) =>
    claimIds.length === 0
      ? Promise.resolve([] as ClaimLineRow[])
      : db
          .select()
          .from(claimLines)
          .where(and(eq(claimLines.orgId, orgId), inArray(claimLines.claimId, claimIds)))
          .orderBy(asc(claimLines.claimId), asc(claimLines.lineNumber)),

  insertLines: (db: DbOrTx, rows: (typeof claimLines.$inferInsert)[]) =>
    rows.length ? db.insert(claimLines).values(rows) : Promise.resolve(),

  deleteLines: (db: DbOrTx, orgId: string, claimId: string) =>
    db.delete(claimLines).where(and(eq(claimLines.orgId, orgId), eq(claimLines.claimId, claimId))),

  /**
   * Update with a version bump, only if the claim is still in `expectedStatus` (callers hold the row
   * lock; the guard makes a missed lock fail loudly instead of overwriting a concurrent change).
   */
  update: async (
    db: DbOrTx,
    orgId: string,
    id: string,
    expectedStatus: string,
    patch: Partial<typeof claims.$inferInsert>,
  ) => {
    const [row] = await db
      .update(claims)
      .set({ ...patch, version: sql`${claims.version} + 1`, updatedAt: sql`now()` })
      .where(and(base.byId(orgId, id), eq(claims.status, expectedStatus)))
      .returning();
    if (!row)
      throw new AppError(409, 'claim_changed', `Claim ${id} changed while this request ran; re-read it and retry.`);
    return row;
  },

  insertHistory: (db: DbOrTx, row: typeof claimHistory.$inferInsert) => db.insert(claimHistory).values(row),

  /**
   * A claim, its lines and the audit row for reading it, in one round trip: the audit insert only
   * happens when the claim exists in the caller's organization.
   */
  readAudited: async (db: Db, orgId: string, id: string, audit: { actor: string; requestId: string }) => {
    const [row] = await runStatement<{ claim: Record<string, unknown>; lines: Record<string, unknown>[] }>(db, {
      name: 'claim_read_audited',
      text: READ_AUDITED,
      values: [orgId, id, audit.actor, audit.requestId],
    });
    if (!row) return undefined;
    return { claim: fromJsonRow<ClaimRow>(row.claim), lines: row.lines.map((l) => fromJsonRow<ClaimLineRow>(l)) };
  },

  /** A new claim, its lines, first history row and claim.created event, in one statement. */
  insertNew: async (db: DbOrTx, plan: NewClaim) => {
    const p = new Params();
    const text = `with ${newClaimCtes(plan, p)}, ce as (${insertEvents(plan.row.orgId, [plan.event], p)}) select 1`;
    await runStatement(db, { name: 'claim_insert', text, values: p.values });
  },

  history: (db: DbOrTx, orgId: string, claimId: string) =>
    db
      .select()
      .from(claimHistory)
      .where(and(eq(claimHistory.orgId, orgId), eq(claimHistory.claimId, claimId)))
      .orderBy(asc(claimHistory.id)),
};
