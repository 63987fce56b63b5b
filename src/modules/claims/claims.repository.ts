import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import {
  type ClaimHistoryRow,
  type ClaimLineRow,
  type ClaimRow,
  claimHistory,
  claimLines,
  claims,
  encounters,
} from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { ClaimSource } from '../../domain/claims/claim-build.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { NewEvent } from '../../domain/events.js';
import { decodeReferences, referenceValues, type ScrubContent, type ScrubReferences } from './claim-scrub.js';
import type { ClaimListQuery } from './claims.schemas.js';
import { claimInsert, claimLinesOf, claimReadAudited, claimsLockByPatient, scrubReferences } from './claims.sql.js';

export type { ClaimHistoryRow, ClaimLineRow, ClaimRow };

/** A claim about to be written: every column of its row (timestamps included), its lines, first history entry and event. */
export interface NewClaim {
  row: ClaimRow;
  lines: ClaimLineRow[];
  history: Omit<ClaimHistoryRow, 'id'>;
  event: NewEvent;
}

export const claimCodec = rowCodec(claims);
export const claimLineCodec = rowCodec(claimLines);
const historyCodec = rowCodec(claimHistory);

/** What the journal fragment of `claimRowsInsert` takes: the claim's charge transaction as rows (ledger module). */
export interface JournalValues {
  journalTransactions: unknown[];
  journalEntries: unknown[];
}

/**
 * The JSON parameters `claimRowsInsert` (claims.sql.ts) takes: a claim (or none), its lines, its first history
 * row, and the journal rows of its charges.
 */
export function newClaimValues(claim: NewClaim | null, journal: JournalValues) {
  return {
    ...journal,
    claim: claim && claimCodec.encode(claim.row),
    claimLines: (claim?.lines ?? []).map((l) => claimLineCodec.encode(l)),
    claimHistory: claim ? [historyCodec.encode({ ...claim.history, id: 0 })] : [],
  };
}

const base = tenantTable<typeof claims, ClaimRow>(claims);

/** A patient's claim as a balance posting holds it locked. */
export type PatientClaimLock = Pick<
  ClaimRow,
  'id' | 'encounterId' | 'patientId' | 'status' | 'coverageId' | 'payerId' | 'dateOfService'
>;

export const claimsRepository = {
  find: base.find,

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

  /** One prepared statement whatever the count (a sync page reads 500 lines at a time). */
  linesOf: async (db: DbOrTx, orgId: string, claimIds: string[]): Promise<ClaimLineRow[]> =>
    claimIds.length === 0
      ? []
      : (await run(db, claimLinesOf, { orgId, claimIds })).map((row) => claimLineCodec.decode(row)),

  /** Replaces a claim's lines (a rebuild). */
  replaceLines: async (db: DbOrTx, orgId: string, claimId: string, rows: ClaimLineRow[]) => {
    await db.delete(claimLines).where(and(eq(claimLines.orgId, orgId), eq(claimLines.claimId, claimId)));
    if (rows.length) await db.insert(claimLines).values(rows);
  },

  /**
   * Update with a version bump, only if the claim is still in `expectedStatus` (callers hold the row lock;
   * the guard makes a missed lock show instead of overwriting a concurrent change): null when it is not.
   */
  update: async (
    db: DbOrTx,
    orgId: string,
    id: string,
    expectedStatus: ClaimStatus,
    patch: Partial<typeof claims.$inferInsert>,
  ): Promise<ClaimRow | null> => {
    const [row] = await db
      .update(claims)
      .set({ ...patch, version: sql`${claims.version} + 1`, updatedAt: sql`now()` })
      .where(and(base.byId(orgId, id), eq(claims.status, expectedStatus)))
      .returning();
    return row ?? null;
  },

  insertHistory: (db: DbOrTx, row: typeof claimHistory.$inferInsert) => db.insert(claimHistory).values(row),

  history: (db: DbOrTx, orgId: string, claimId: string) =>
    db
      .select()
      .from(claimHistory)
      .where(and(eq(claimHistory.orgId, orgId), eq(claimHistory.claimId, claimId)))
      .orderBy(asc(claimHistory.id)),

  /** A claim, its lines and the audit row of reading it, in one round trip (claim_read_audited). */
  readAudited: async (db: Db, orgId: string, id: string, audit: { actor: string; requestId: string }) => {
    const [row] = await run(db, claimReadAudited, { orgId, claimId: id, ...audit });
    if (!row) return undefined;
    return {
      claim: claimCodec.decode(row.claim),
      lines: (row.lines as unknown[]).map((l) => claimLineCodec.decode(l)),
    };
  },

  /**
   * What an encounter bills as it is now: the content a replacement claim is built from. Intake owns the
   * encounter; a claim is built from these fields only (as claims_for_submission reads the parties' rows).
   */
  encounterContent: async (db: DbOrTx, orgId: string, encounterId: string): Promise<ClaimSource | undefined> => {
    const [row] = await db
      .select({
        encounterId: encounters.id,
        patientId: encounters.patientId,
        billingProviderId: encounters.billingProviderId,
        renderingProviderId: encounters.renderingProviderId,
        referringProviderId: encounters.referringProviderId,
        facilityId: encounters.facilityId,
        dateOfService: encounters.dateOfService,
        placeOfService: encounters.placeOfService,
        priorAuthorization: encounters.priorAuthorization,
        diagnoses: encounters.diagnoses,
        lines: encounters.lines,
      })
      .from(encounters)
      .where(and(eq(encounters.orgId, orgId), eq(encounters.id, encounterId)))
      .limit(1);
    return row;
  },

  /** The database clock (the transaction's start), to the millisecond the timestamp columns keep. */
  now: async (db: DbOrTx): Promise<Date> => {
    const [row] = await queryRows<{ now: string }>(db, sql`select to_json(now()::timestamptz(3)) as now`);
    return new Date(row!.now);
  },

  /** A new claim, its lines, first history row and claim.created event, in one statement (claim_insert). */
  byIds: (db: DbOrTx, orgId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([] as ClaimRow[])
      : db
          .select()
          .from(claims)
          .where(and(eq(claims.orgId, orgId), inArray(claims.id, ids)))
          .orderBy(asc(claims.dateOfService), asc(claims.id)),

  lockByPatient: async (db: DbOrTx, orgId: string, patientId: string): Promise<PatientClaimLock[]> =>
    (await run(db, claimsLockByPatient, { orgId, patientId })).map((raw) => {
      const r = raw as Record<string, string>;
      return {
        id: r.id!,
        encounterId: r.encounter_id!,
        patientId: r.patient_id!,
        status: r.status as ClaimStatus,
        coverageId: r.coverage_id!,
        payerId: r.payer_id!,
        dateOfService: r.date_of_service!,
      };
    }),

  insertNew: async (db: DbOrTx, claim: NewClaim, journal: JournalValues) => {
    await run(db, claimInsert, { orgId: claim.row.orgId, ...newClaimValues(claim, journal), events: [claim.event] });
  },

  /** The scrubber's reference rows for a claim's content (scrub_references). */
  references: async (
    db: DbOrTx,
    orgId: string,
    patientId: string,
    claimId: string | null,
    content: ScrubContent,
  ): Promise<ScrubReferences> => {
    const [row] = await run(db, scrubReferences, referenceValues(orgId, patientId, claimId, content));
    return decodeReferences(row!);
  },
};
