import type { DbOrTx } from '../../db/client.js';
import {
  type SubmissionClaimRow,
  type SubmissionRow,
  submissionsRepository as repo,
} from './submissions.repository.js';

/**
 * What the acknowledgments module reads and writes about submissions, inside its own transaction: the submissions a
 * TA1 (ISA13) or a 999 (GS06) names, locked, with their claims; the latest submission of each claim a 277CA names;
 * and the outcome written back (submission status, each submitted claim's acknowledgment).
 */

export type AckStatus = NonNullable<SubmissionClaimRow['ackStatus']>;
export type SubmissionStatus = SubmissionRow['status'];

export interface AcknowledgedClaim {
  claimId: string;
  patientControlNumber: string;
  /** ST02 of the set the claim went in, as written (4 digits or more). */
  transactionControlNumber: string;
  ackStatus: AckStatus | null;
}

export interface AcknowledgedSubmission {
  id: string;
  status: SubmissionStatus;
  interchangeControlNumber: number;
  groupControlNumber: number;
  /** ST02 of each set, in order. */
  transactionControlNumbers: number[];
  claims: AcknowledgedClaim[];
}

const claimView = (c: SubmissionClaimRow): AcknowledgedClaim => ({
  claimId: c.claimId,
  patientControlNumber: c.patientControlNumber,
  transactionControlNumber: c.transactionControlNumber,
  ackStatus: c.ackStatus,
});

/** Submissions by ISA13 and by GS06, locked (one row may answer both), each with its claims. */
export async function submissionsForAcknowledgment(
  tx: DbOrTx,
  orgId: string,
  numbers: { interchange: number[]; group: number[] },
): Promise<{ byInterchange: Map<number, AcknowledgedSubmission>; byGroup: Map<number, AcknowledgedSubmission> }> {
  const rows = new Map<string, SubmissionRow>();
  for (const row of await repo.byInterchangeControlNumbers(tx, orgId, numbers.interchange)) rows.set(row.id, row);
  for (const row of await repo.byGroupControlNumbers(tx, orgId, numbers.group)) rows.set(row.id, row);
  const claims = await repo.claimsOf(tx, orgId, [...rows.keys()]);
  const views = [...rows.values()].map(
    (row): AcknowledgedSubmission => ({
      id: row.id,
      status: row.status,
      interchangeControlNumber: row.interchangeControlNumber,
      groupControlNumber: row.groupControlNumber,
      transactionControlNumbers: Array.from(
        { length: row.transactionCount },
        (_, i) => row.firstTransactionControlNumber + i,
      ),
      claims: claims.filter((c) => c.submissionId === row.id).map(claimView),
    }),
  );
  return {
    byInterchange: new Map(views.map((v) => [v.interchangeControlNumber, v])),
    byGroup: new Map(views.map((v) => [v.groupControlNumber, v])),
  };
}

/** Every submission of each claim, newest first, by patient control number (claims never submitted are absent). */
export async function submissionsOfClaims(
  tx: DbOrTx,
  orgId: string,
  patientControlNumbers: string[],
): Promise<Map<string, (AcknowledgedClaim & { submissionId: string })[]>> {
  const out = new Map<string, (AcknowledgedClaim & { submissionId: string })[]>();
  for (const c of await repo.submissionsOfClaims(tx, orgId, patientControlNumbers)) {
    const list = out.get(c.patientControlNumber) ?? [];
    list.push({ ...claimView(c), submissionId: c.submissionId });
    out.set(c.patientControlNumber, list);
  }
  return out;
}

export interface AcknowledgmentOutcome {
  /** New submission statuses (999 sets, TA1 rejections). */
  statuses: { submissionId: string; status: SubmissionStatus }[];
  /** The front-end outcome of each submitted claim the file answered: one entry per (submission, claim). */
  claims: { submissionId: string; claimId: string; ackStatus: AckStatus }[];
  /** Every submission the file answered about: its updatedAt moves, so a poller of submissions sees the change. */
  touched: string[];
}

export async function recordAcknowledgmentOutcome(
  tx: DbOrTx,
  orgId: string,
  outcome: AcknowledgmentOutcome,
): Promise<void> {
  for (const { submissionId, status } of outcome.statuses) await repo.setStatus(tx, orgId, submissionId, status);
  const statusSet = new Set(outcome.statuses.map((s) => s.submissionId));
  await repo.touch(
    tx,
    orgId,
    outcome.touched.filter((id) => !statusSet.has(id)),
  );
  const groups = new Map<string, { submissionId: string; ackStatus: AckStatus; claimIds: string[] }>();
  for (const c of outcome.claims) {
    const key = `${c.submissionId} ${c.ackStatus}`;
    const group = groups.get(key) ?? { submissionId: c.submissionId, ackStatus: c.ackStatus, claimIds: [] };
    group.claimIds.push(c.claimId);
    groups.set(key, group);
  }
  for (const g of groups.values()) await repo.setAckStatus(tx, orgId, g.submissionId, g.claimIds, g.ackStatus);
}
