import { canTransition, type ClaimStatus } from '../../domain/claims/claim-status.js';
import type { ClaimAcceptedData, ClaimRejectedData, ClaimStatusChange } from '../../domain/event-data.js';
import type { ClaimTransition, StatusEvent } from '../claims/claim-batch.js';
import type {
  AcknowledgedClaim,
  AcknowledgmentOutcome,
  AckStatus,
  SubmissionStatus,
} from '../submissions/submission-acks.js';
import type { AcknowledgmentClaimEffect } from './acknowledgments.schemas.js';

/**
 * What one acknowledgment file does, gathered while its TA1s, 999s and 277CAs are read against our data: the claim
 * status changes (checked against the transition table as they chain: a TA1 rejection then a 277CA answer about the
 * same claim), each submitted claim's acknowledgment, and the submissions' statuses. Nothing is written here: the
 * service applies the outcome in the file's transaction.
 */

export type AckSource = 'TA1' | '999' | '277CA';

export interface TrackedClaim {
  id: string;
  encounterId: string;
  patientId: string;
  patientControlNumber: string;
  status: ClaimStatus;
  lines: { lineNumber: number; controlNumber: string | null }[];
}

export type SubmittedClaim = AcknowledgedClaim & { submissionId: string };

type Own<T> = Omit<T, keyof ClaimStatusChange | 'acknowledgmentId' | 'submissionId'>;
type AckEvent =
  | { type: 'claim.accepted'; data: Own<ClaimAcceptedData> }
  | { type: 'claim.rejected'; data: Own<ClaimRejectedData> };

/** A claim status change an outcome asks for, with what its history row and its event say. */
export interface RequestedMove {
  source: AckSource;
  to: ClaimStatus;
  /** The statuses this kind of acknowledgment may move a claim from (a 999 rejects only a claim still submitted). */
  from: readonly ClaimStatus[];
  reason: string;
  reasonCodes: string[];
  payerClaimNumber?: string | null;
  /** The claim.accepted / claim.rejected event's own data (the change itself, and the acknowledgment, are added). */
  event: AckEvent;
}

/** An X12 control number as a number ("0001" and "1" are the same set); null when it is not one. */
export function controlNumberValue(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

export function createEffects(input: {
  acknowledgmentId: string;
  claims: TrackedClaim[];
  /** Every submission of each claim, newest first. */
  submissionsOfClaims: Map<string, SubmittedClaim[]>;
}) {
  const { acknowledgmentId } = input;
  const claims = new Map(input.claims.map((c) => [c.patientControlNumber, { ...c }]));
  const transitions: ClaimTransition[] = [];
  const ackStatuses = new Map<string, { entry: SubmittedClaim; ackStatus: AckStatus | null }>();
  const submissionStatuses = new Map<string, SubmissionStatus>();
  const touched = new Set<string>();

  /** A rejection always lands; an acceptance never overwrites a rejection (null → accepted → rejected). */
  const book = (entry: SubmittedClaim, ackStatus: AckStatus) => {
    const key = `${entry.submissionId} ${entry.claimId}`;
    const known = ackStatuses.get(key) ?? { entry, ackStatus: entry.ackStatus };
    if (ackStatus === 'rejected' || known.ackStatus === null) known.ackStatus = ackStatus;
    ackStatuses.set(key, known);
  };

  const whyNot = (claim: TrackedClaim, move: RequestedMove, submissionId: string | null): string | null => {
    const history = input.submissionsOfClaims.get(claim.patientControlNumber) ?? [];
    const latest = history[0]?.submissionId;
    if (!submissionId || !latest) return `the claim was never submitted; it is ${claim.status}`;
    if (latest !== submissionId) return `this answers ${submissionId}; the claim was submitted again since (${latest})`;
    if (claim.status === move.to) return `the claim is already ${move.to}`;
    if (!move.from.includes(claim.status) || !canTransition(claim.status, move.to)) {
      return `a ${move.source} does not move a ${claim.status} claim to ${move.to}`;
    }
    return null;
  };

  return {
    claim: (patientControlNumber: string): Readonly<TrackedClaim> | undefined => claims.get(patientControlNumber),
    submissionsOf: (patientControlNumber: string) => input.submissionsOfClaims.get(patientControlNumber) ?? [],

    /**
     * Applies one outcome to one claim as sent in one submission: the submission claim's acknowledgment, and the
     * claim's status when a move is asked for and the claim may take it (else `notApplied` says why).
     */
    apply(
      patientControlNumber: string,
      submissionId: string | null,
      outcome: { ackStatus?: AckStatus; move?: RequestedMove },
    ): AcknowledgmentClaimEffect {
      const claim = claims.get(patientControlNumber);
      if (!claim) {
        return {
          claimId: null,
          patientControlNumber,
          submissionId,
          previousStatus: null,
          status: null,
          statusChanged: false,
          notApplied: 'no claim of this organization has this patient control number',
        };
      }
      const entry = input.submissionsOfClaims.get(patientControlNumber)?.find((s) => s.submissionId === submissionId);
      if (entry && outcome.ackStatus) {
        book(entry, outcome.ackStatus);
        touched.add(entry.submissionId);
      }
      const previousStatus = claim.status;
      const move = outcome.move;
      const notApplied = move ? whyNot(claim, move, entry ? submissionId : null) : null;
      if (move && notApplied === null) {
        transitions.push({
          claim,
          from: previousStatus,
          to: move.to,
          reason: move.reason,
          reasonCodes: move.reasonCodes,
          payerClaimNumber: move.payerClaimNumber ?? null,
          statusEvent: {
            type: move.event.type,
            data: { ...move.event.data, acknowledgmentId, submissionId },
          } as StatusEvent,
        });
        claim.status = move.to;
      }
      return {
        claimId: claim.id,
        patientControlNumber,
        submissionId,
        previousStatus,
        status: claim.status,
        statusChanged: claim.status !== previousStatus,
        notApplied,
      };
    },

    setSubmissionStatus(submissionId: string, status: SubmissionStatus) {
      submissionStatuses.set(submissionId, status);
      touched.add(submissionId);
    },

    /** The changes to write: claim transitions in order, then what the submissions record. */
    outcome(): { transitions: ClaimTransition[]; submissions: AcknowledgmentOutcome } {
      return {
        transitions,
        submissions: {
          statuses: [...submissionStatuses].map(([submissionId, status]) => ({ submissionId, status })),
          claims: [...ackStatuses.values()]
            .filter((a) => a.ackStatus !== null && a.ackStatus !== a.entry.ackStatus)
            .map((a) => ({ submissionId: a.entry.submissionId, claimId: a.entry.claimId, ackStatus: a.ackStatus! })),
          touched: [...touched],
        },
      };
    },
  };
}
export type Effects = ReturnType<typeof createEffects>;
