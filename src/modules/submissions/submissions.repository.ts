import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import { type SubmissionClaimRow, type SubmissionRow, submissionClaims, submissions } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { PageQuery } from '../../lib/pagination.js';
import { controlNumbersTake, submissionInsert } from './submissions.sql.js';

export type { SubmissionClaimRow, SubmissionRow };

const submissionCodec = rowCodec(submissions);
const submissionClaimCodec = rowCodec(submissionClaims);
const base = tenantTable<typeof submissions, SubmissionRow>(submissions);

export const submissionsRepository = {
  find: base.find,
  list: (db: DbOrTx, orgId: string, page: PageQuery) => base.list(db, orgId, page),

  /** Takes `count` numbers of a kind; returns the first of them. */
  takeControlNumbers: async (
    db: DbOrTx,
    orgId: string,
    kind: 'interchange' | 'group' | 'transaction',
    count: number,
  ) => {
    const [row] = await run(db, controlNumbersTake, { orgId, kind, count });
    return Number(row!.last_value) - count + 1;
  },

  insert: async (db: DbOrTx, submission: SubmissionRow, claims: SubmissionClaimRow[]) => {
    await run(db, submissionInsert, {
      submission: submissionCodec.encode(submission),
      submissionClaims: claims.map((c) => submissionClaimCodec.encode(c)),
    });
  },

  claimsOf: (db: DbOrTx, orgId: string, submissionIds: string[]) =>
    submissionIds.length === 0
      ? Promise.resolve([] as SubmissionClaimRow[])
      : db
          .select()
          .from(submissionClaims)
          .where(and(eq(submissionClaims.orgId, orgId), inArray(submissionClaims.submissionId, submissionIds)))
          .orderBy(asc(submissionClaims.submissionId), asc(submissionClaims.patientControlNumber)),

  /** The submissions an acknowledgment names by ISA13 / GS06 (a 999 AK1 names the group, a TA1 the interchange). */
  byGroupControlNumbers: (db: DbOrTx, orgId: string, numbers: number[]) =>
    numbers.length === 0
      ? Promise.resolve([] as SubmissionRow[])
      : db
          .select()
          .from(submissions)
          .where(and(eq(submissions.orgId, orgId), inArray(submissions.groupControlNumber, numbers)))
          .for('update'),

  /** The submissions a TA1 names by ISA13 (TA101), locked. */
  byInterchangeControlNumbers: (db: DbOrTx, orgId: string, numbers: number[]) =>
    numbers.length === 0
      ? Promise.resolve([] as SubmissionRow[])
      : db
          .select()
          .from(submissions)
          .where(and(eq(submissions.orgId, orgId), inArray(submissions.interchangeControlNumber, numbers)))
          .orderBy(asc(submissions.id))
          .for('update'),

  /** Every submission of each claim (by patient control number), newest first: which one an acknowledgment answers. */
  submissionsOfClaims: (db: DbOrTx, orgId: string, patientControlNumbers: string[]) =>
    patientControlNumbers.length === 0
      ? Promise.resolve([] as SubmissionClaimRow[])
      : db
          .select({ claim: submissionClaims })
          .from(submissionClaims)
          .innerJoin(
            submissions,
            and(eq(submissions.orgId, submissionClaims.orgId), eq(submissions.id, submissionClaims.submissionId)),
          )
          .where(
            and(
              eq(submissionClaims.orgId, orgId),
              inArray(submissionClaims.patientControlNumber, patientControlNumbers),
            ),
          )
          .orderBy(submissionClaims.patientControlNumber, desc(submissions.createdAt), desc(submissions.id))
          .then((rows) => rows.map((r) => r.claim)),

  setStatus: (db: DbOrTx, orgId: string, id: string, status: SubmissionRow['status']) =>
    db
      .update(submissions)
      .set({ status, updatedAt: sql`now()` })
      .where(and(eq(submissions.orgId, orgId), eq(submissions.id, id))),

  /** Moves updatedAt only: the submission's claims changed (their acknowledgment). */
  touch: (db: DbOrTx, orgId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve()
      : db
          .update(submissions)
          .set({ updatedAt: sql`now()` })
          .where(and(eq(submissions.orgId, orgId), inArray(submissions.id, ids)))
          .then(() => undefined),

  setAckStatus: (
    db: DbOrTx,
    orgId: string,
    submissionId: string,
    claimIds: string[],
    ackStatus: 'accepted' | 'rejected',
  ) =>
    claimIds.length === 0
      ? Promise.resolve()
      : db
          .update(submissionClaims)
          .set({ ackStatus })
          .where(
            and(
              eq(submissionClaims.orgId, orgId),
              eq(submissionClaims.submissionId, submissionId),
              inArray(submissionClaims.claimId, claimIds),
            ),
          )
          .then(() => undefined),
};
