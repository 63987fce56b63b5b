import type { InterchangeAck } from '../../domain/x12/acknowledgments.js';
import type { AcknowledgedSubmission } from '../submissions/submission-acks.js';
import { controlNumberValue, type Effects } from './acknowledgment-effects.js';
import type { AcknowledgmentInterchange } from './acknowledgments.schemas.js';

/**
 * TA1s against our interchanges (TA101 = our ISA13). A (accepted) and E (accepted with errors) let the interchange
 * through to the 999 / 277CA that follow, so they only are recorded; R refuses the whole interchange before any of
 * its sets is read, so each of its claims still submitted becomes rejected and the submission rejected.
 */
export function applyTa1(
  acks: InterchangeAck[],
  byInterchange: Map<number, AcknowledgedSubmission>,
  effects: Effects,
): AcknowledgmentInterchange[] {
  return acks.map((ta1) => {
    const isa13 = controlNumberValue(ta1.controlNumber);
    const submission = isa13 === null ? undefined : byInterchange.get(isa13);
    const codes = [['TA1', ta1.code, ...(ta1.noteCode ? [ta1.noteCode] : [])].join(':')];
    const view = {
      controlNumber: ta1.controlNumber,
      code: ta1.code,
      noteCode: ta1.noteCode,
      submissionId: submission?.id ?? null,
      codes,
    };
    if (!submission) {
      return { ...view, claims: [], note: `no submission of this organization has ISA13 ${ta1.controlNumber}` };
    }
    if (ta1.accepted) return { ...view, claims: [], note: null };
    const reason = `TA1 rejected interchange ${ta1.controlNumber} of ${submission.id} (TA104 R, TA105 ${ta1.noteCode ?? 'none'})`;
    const claims = submission.claims.map((c) =>
      effects.apply(c.patientControlNumber, submission.id, {
        ackStatus: 'rejected',
        move: {
          source: 'TA1',
          to: 'rejected',
          from: ['submitted'],
          reason,
          reasonCodes: codes,
          event: { type: 'claim.rejected', data: { source: 'TA1', codes, messages: [] } },
        },
      }),
    );
    effects.setSubmissionStatus(submission.id, 'rejected');
    return { ...view, claims, note: null };
  });
}
