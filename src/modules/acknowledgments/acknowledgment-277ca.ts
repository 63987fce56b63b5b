import type { Ack277CA, Ack277Claim, Ack277Party, Ack277Status } from '../../domain/x12/ack-277ca.types.js';
import type { Enveloped } from '../../domain/x12/acknowledgments.js';
import type { Effects, RequestedMove, SubmittedClaim } from './acknowledgment-effects.js';
import type { AcknowledgmentClaim } from './acknowledgments.schemas.js';

/**
 * 277CAs against our claims. TRN02 of each 2200D is our CLM01; the submission it answers is the one whose BHT03 the
 * information receiver level (2200B TRN02) echoes, else the claim's latest. The claim's STC outcome (ack-277ca.status)
 * decides: accepted moves a submitted claim to accepted (keeping REF*1K, the payer's claim number, for corrections),
 * rejected moves a submitted or accepted one to rejected (a clearinghouse may accept what the payer then rejects),
 * pending and other outcomes are recorded and move nothing.
 */

const codesOf = (statuses: Ack277Status[]) => statuses.flatMap((s) => s.codes.map((c) => c.text));

/** Our submission ids, minus the prefix and upper-cased, are the BHT03 of the 837 (submission-interchange.ts). */
const submissionOfTrace = (trace: string | null) => (trace ? `sub_${trace.toLowerCase()}` : null);

/** The 2200B trace above a claim: its billing provider level's parent, the information receiver. */
function receiverTrace(parties: Map<string, Ack277Party>, claim: Ack277Claim): string | null {
  const provider = parties.get(claim.providerHlId);
  const receiver = provider?.parentHlId ? parties.get(provider.parentHlId) : undefined;
  return receiver?.level === 'information_receiver' ? receiver.traceNumber : null;
}

function requestedMove(claim: Ack277Claim, codes: string[]): RequestedMove | undefined {
  const described = claim.statuses.flatMap((s) => s.codes.map((c) => `${c.description} (${c.text})`)).join('; ');
  const messages = claim.statuses.map((s) => s.message).filter((m): m is string => m !== null);
  if (claim.outcome === 'accepted') {
    const reason = `277CA accepted: ${described}`;
    return {
      source: '277CA',
      to: 'accepted',
      from: ['submitted'],
      reason,
      reasonCodes: codes,
      payerClaimNumber: claim.payerClaimControlNumber,
      event: {
        type: 'claim.accepted',
        data: { source: '277CA', codes, payerClaimControlNumber: claim.payerClaimControlNumber },
      },
    };
  }
  if (claim.outcome === 'rejected') {
    const reason = `277CA rejected: ${described}${messages.length ? ` (${messages.join('; ')})` : ''}`;
    return {
      source: '277CA',
      to: 'rejected',
      from: ['submitted', 'accepted'],
      reason,
      reasonCodes: codes,
      event: { type: 'claim.rejected', data: { source: '277CA', codes, messages } },
    };
  }
  return undefined;
}

function targetSubmission(history: SubmittedClaim[], trace: string | null): string | null {
  const traced = submissionOfTrace(trace);
  return (history.find((s) => s.submissionId === traced) ?? history[0])?.submissionId ?? null;
}

export function apply277ca(acks: Enveloped<Ack277CA>[], effects: Effects): AcknowledgmentClaim[] {
  const results: AcknowledgmentClaim[] = [];
  for (const ack of acks) {
    const parties = new Map(ack.parties.map((p) => [p.hlId, p]));
    for (const claim of ack.claims) {
      const pcn = claim.patientControlNumber;
      const codes = codesOf(claim.statuses);
      const submissionId = targetSubmission(effects.submissionsOf(pcn), receiverTrace(parties, claim));
      const move = requestedMove(claim, codes);
      const ackStatus = move ? (move.to === 'accepted' ? 'accepted' : 'rejected') : undefined;
      const effect = effects.apply(pcn, submissionId, {
        ...(ackStatus ? { ackStatus } : {}),
        ...(move ? { move } : {}),
      });
      const lines = effects.claim(pcn)?.lines ?? [];
      results.push({
        ...effect,
        outcome: claim.outcome,
        codes,
        statuses: claim.statuses.map((s) => ({
          codes: s.codes.map((c) => ({ code: c.text, description: c.description })),
          outcome: s.outcome,
          effectiveDate: s.effectiveDate,
          actionCode: s.actionCode,
          message: s.message,
        })),
        payerClaimControlNumber: claim.payerClaimControlNumber,
        clearinghouseTraceNumber: claim.clearinghouseTraceNumber,
        lines: claim.lines.map((l) => ({
          lineItemControlNumber: l.lineItemControlNumber,
          lineNumber:
            l.lineItemControlNumber === null
              ? null
              : (lines.find((x) => x.controlNumber === l.lineItemControlNumber)?.lineNumber ?? null),
          procedureCode: l.procedureCode,
          outcome: l.outcome,
          codes: codesOf(l.statuses),
        })),
      });
    }
  }
  return results;
}
