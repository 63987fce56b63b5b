import type { Ack999, Ack999Group, Ack999SegmentError, Ack999Set } from '../../domain/x12/ack-999.types.js';
import type { Enveloped } from '../../domain/x12/acknowledgments.js';
import type { AcknowledgedSubmission, SubmissionStatus } from '../submissions/submission-acks.js';
import { controlNumberValue, type Effects } from './acknowledgment-effects.js';
import type { AcknowledgmentGroup, AcknowledgmentSet } from './acknowledgments.schemas.js';

/**
 * 999s against our submissions. AK102 names the group (our GS06), AK202 the set (our ST02). A 999 checks syntax, so
 * an accepted set moves no claim (the 277CA decides) but is recorded on each submitted claim; a rejected set (IK501
 * M, R, W or X) is rejected whole (005010X231A1: the set never reaches the receiver's application), so each of its
 * claims still submitted becomes rejected, with the IK5/IK3/IK4 codes in its history.
 */

const GROUP_STATUS: Record<Ack999Group['outcome'], SubmissionStatus> = {
  accepted: 'accepted',
  partial: 'partially_accepted',
  rejected: 'rejected',
};

const unique = (values: string[]) => [...new Set(values)];

function segmentCodes(errors: Ack999SegmentError[]): string[] {
  return errors.flatMap((e) => [`IK3:${e.code}`, ...e.elementErrors.map((x) => `IK4:${x.code}`)]);
}

const setCodes = (set: Ack999Set) =>
  unique([...set.errorCodes.map((c) => `IK5:${c}`), ...segmentCodes(set.segmentErrors)]);

function elementPosition(p: Ack999SegmentError['elementErrors'][number]['elementPosition']): string {
  return [p.element, p.component, p.repeat].filter((n) => n !== null).join('.');
}

function segmentView(e: Ack999SegmentError): AcknowledgmentSet['segmentErrors'][number] {
  return {
    segmentId: e.segmentId,
    segmentPosition: e.segmentPosition,
    loop: e.loop,
    code: e.code,
    patientControlNumber: e.patientControlNumber,
    elementErrors: e.elementErrors.map((x) => ({
      position: elementPosition(x.elementPosition),
      reference: x.elementReference,
      code: x.code,
    })),
  };
}

/** "NM1 at 17 (loop 2010BA): IK304 8; element 9: IK403 7": positions and codes only, never the bad values. */
function describeErrors(errors: Ack999SegmentError[]): string {
  const shown = errors.slice(0, 5).map((e) => {
    const where = `${e.segmentId} at ${e.segmentPosition}${e.loop ? ` (loop ${e.loop})` : ''}: IK304 ${e.code}`;
    const elements = e.elementErrors.map((x) => `; element ${elementPosition(x.elementPosition)}: IK403 ${x.code}`);
    return where + elements.join('');
  });
  return shown.join(', ') + (errors.length > 5 ? `, and ${errors.length - 5} more` : '');
}

/** The errors that concern one claim: those its CTX*CLM01 names, and those naming no claim. */
const errorsOf = (set: Ack999Set, pcn: string) =>
  set.segmentErrors.filter((e) => e.patientControlNumber === null || e.patientControlNumber === pcn);

export function apply999(
  acks: Enveloped<Ack999>[],
  byGroup: Map<number, AcknowledgedSubmission>,
  effects: Effects,
): { groups: AcknowledgmentGroup[]; sets: AcknowledgmentSet[] } {
  const groups: AcknowledgmentGroup[] = [];
  const sets: AcknowledgmentSet[] = [];
  for (const ack of acks) {
    const { group } = ack;
    const gs06 = controlNumberValue(group.controlNumber);
    // Only 837s (HC) are ours: a 999 answering another functional group cannot name one of our submissions.
    const submission = group.functionalId === 'HC' && gs06 !== null ? byGroup.get(gs06) : undefined;
    const note = submission
      ? null
      : group.functionalId !== 'HC'
        ? `AK101 ${group.functionalId} answers a group that is not an 837 (HC)`
        : `no submission of this organization has GS06 ${group.controlNumber}`;
    const outcomes = new Map<number, 'accepted' | 'rejected'>();

    const answer = (
      set: Pick<AcknowledgmentSet, 'transactionControlNumber' | 'outcome'>,
      st02: number,
      codesOf: (pcn: string) => string[],
      detailOf: (pcn: string) => string,
    ) =>
      submission!.claims
        .filter((c) => controlNumberValue(c.transactionControlNumber) === st02)
        .map((c) => {
          if (set.outcome === 'accepted') {
            return effects.apply(c.patientControlNumber, submission!.id, { ackStatus: 'accepted' });
          }
          const codes = codesOf(c.patientControlNumber);
          const reason = `999 rejected transaction set ${set.transactionControlNumber} of ${submission!.id}: ${detailOf(c.patientControlNumber)}`;
          return effects.apply(c.patientControlNumber, submission!.id, {
            ackStatus: 'rejected',
            move: {
              source: '999',
              to: 'rejected',
              from: ['submitted'],
              reason,
              reasonCodes: codes,
              event: { type: 'claim.rejected', data: { source: '999', codes, messages: [] } },
            },
          });
        });

    for (const set of ack.sets) {
      const outcome = set.accepted ? 'accepted' : 'rejected';
      const view = {
        groupControlNumber: group.controlNumber,
        transactionControlNumber: set.controlNumber,
        submissionId: submission?.id ?? null,
        code: set.code,
        outcome,
        codes: setCodes(set),
        segmentErrors: set.segmentErrors.map(segmentView),
      } as const;
      const st02 = controlNumberValue(set.controlNumber);
      if (!submission) {
        sets.push({ ...view, claims: [], note });
        continue;
      }
      if (set.type !== '837' || st02 === null || !submission.transactionControlNumbers.includes(st02)) {
        const ours = submission.transactionControlNumbers.map((n) => String(n).padStart(4, '0')).join(', ');
        const why = `AK2 ${set.type} ${set.controlNumber} is not a transaction set of ${submission.id} (ST02 ${ours})`;
        sets.push({ ...view, claims: [], note: why });
        continue;
      }
      outcomes.set(st02, outcome);
      const codesOf = (pcn: string) =>
        unique([...set.errorCodes.map((c) => `IK5:${c}`), ...segmentCodes(errorsOf(set, pcn))]);
      const verdict = `IK501 ${set.code}${set.errorCodes.length ? ` (IK502 ${set.errorCodes.join(' ')})` : ''}`;
      const detailOf = (pcn: string) => {
        const own = errorsOf(set, pcn);
        if (own.length) return `${verdict}; ${describeErrors(own)}`;
        return set.segmentErrors.length ? `${verdict}; errors in other claims of the set` : verdict;
      };
      sets.push({ ...view, claims: answer(view, st02, codesOf, detailOf), note: null });
    }

    let submissionStatus: SubmissionStatus | null = null;
    if (submission) {
      // A set with no AK2: the AK9 verdict speaks for it when it is the whole group's (not P, partial).
      if (group.outcome !== 'partial') {
        const outcome: AcknowledgmentSet['outcome'] = group.outcome === 'accepted' ? 'accepted' : 'rejected';
        const codes = unique([`AK9:${group.code}`, ...group.errorCodes.map((c) => `AK9:${c}`)]);
        for (const st02 of submission.transactionControlNumbers.filter((n) => !outcomes.has(n))) {
          outcomes.set(st02, outcome);
          const view = {
            groupControlNumber: group.controlNumber,
            transactionControlNumber: String(st02).padStart(4, '0'),
            submissionId: submission.id,
            code: group.code,
            outcome,
            codes,
            segmentErrors: [] as AcknowledgmentSet['segmentErrors'],
          };
          const claims = answer(
            view,
            st02,
            () => codes,
            () => `AK901 ${group.code}, no AK2 for the set`,
          );
          sets.push({ ...view, claims, note: `no AK2 for this set: the group's AK9 ${group.code} applies` });
        }
      }
      const known = submission.transactionControlNumbers.map((n) => outcomes.get(n));
      submissionStatus = known.every((o) => o !== undefined)
        ? known.every((o) => o === 'accepted')
          ? 'accepted'
          : known.every((o) => o === 'rejected')
            ? 'rejected'
            : 'partially_accepted'
        : GROUP_STATUS[group.outcome];
      effects.setSubmissionStatus(submission.id, submissionStatus);
    }

    groups.push({
      groupControlNumber: group.controlNumber,
      functionalId: group.functionalId,
      code: group.code,
      outcome: group.outcome,
      includedCount: group.includedCount,
      receivedCount: group.receivedCount,
      acceptedCount: group.acceptedCount,
      codes: group.errorCodes.map((c) => `AK9:${c}`),
      submissionId: submission?.id ?? null,
      submissionStatus,
      note,
    });
  }
  return { groups, sets };
}
