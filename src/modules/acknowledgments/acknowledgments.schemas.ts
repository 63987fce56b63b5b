import { z } from 'zod';
import { ACKNOWLEDGMENT_KINDS, SUBMISSION_STATUSES } from '../../db/schema/index.js';
import { listOf, Metadata } from '../../lib/schemas.js';
import { ClaimStatus } from '../claims/claims.schemas.js';

const codes = (description: string, example: string[]) => z.array(z.string()).meta({ description, example });

/** What one acknowledgment did to one of our claims: the part every kind of result shares. */
const claimEffect = {
  claimId: z.string().nullable().meta({ description: 'The claim matched; null when none is.' }),
  patientControlNumber: z.string().meta({ description: 'CLM01 as we sent it.', example: 'P0JD3K8M2XQ7A' }),
  submissionId: z.string().nullable().meta({
    description: 'The submission this result answers, when matched.',
    example: 'sub_01jd0example0000000000000',
  }),
  previousStatus: ClaimStatus.nullable(),
  status: ClaimStatus.nullable().meta({ description: 'The claim’s status once this acknowledgment was applied.' }),
  statusChanged: z.boolean(),
  notApplied: z.string().nullable().meta({
    example: null,
    description:
      'Why the outcome moved nothing although it would have (the claim is already paid or rejected, was submitted again since, or is unknown); null otherwise.',
  }),
};

export const AcknowledgmentClaimEffect = z.object(claimEffect).meta({ id: 'AcknowledgmentClaimEffect' });

export const AcknowledgmentInterchange = z
  .object({
    controlNumber: z.string().meta({ description: 'TA101: the ISA13 we sent.', example: '000000001' }),
    code: z.enum(['A', 'E', 'R']).meta({ description: 'TA104: A accepted, E accepted with errors, R rejected.' }),
    noteCode: z.string().nullable().meta({ description: 'TA105 (000 = no error).', example: '000' }),
    submissionId: z.string().nullable(),
    codes: codes('`TA1:<TA104>[:<TA105>]`.', ['TA1:R:022']),
    claims: z.array(AcknowledgmentClaimEffect).meta({ description: 'The claims a rejection moved (or could not).' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'AcknowledgmentInterchange', description: 'A TA1: the receiver’s verdict on one of our interchanges.' });

export const AcknowledgmentGroup = z
  .object({
    groupControlNumber: z.string().meta({ description: 'AK102: the GS06 we sent.', example: '1' }),
    functionalId: z.string().meta({ description: 'AK101 (HC for an 837).', example: 'HC' }),
    code: z.string().meta({ description: 'AK901: A, E, P (partial), M, R, W, X.', example: 'P' }),
    outcome: z.enum(['accepted', 'partial', 'rejected']),
    includedCount: z.number().int().meta({ description: 'AK902.' }),
    receivedCount: z.number().int().meta({ description: 'AK903.' }),
    acceptedCount: z.number().int().meta({ description: 'AK904.' }),
    codes: codes('AK905–AK909 functional group syntax error codes, as `AK9:<code>`.', ['AK9:5']),
    submissionId: z.string().nullable(),
    submissionStatus: z
      .enum(SUBMISSION_STATUSES)
      .nullable()
      .meta({ description: 'The submission’s status once this 999 was applied.' }),
    note: z.string().nullable().meta({ description: 'Why the group matched no submission, when it did not.' }),
  })
  .meta({ id: 'AcknowledgmentGroup', description: 'A 999 AK1/AK9: the verdict on one functional group we sent.' });

export const AcknowledgmentSegmentError = z
  .object({
    segmentId: z.string().meta({ description: 'IK301.', example: 'NM1' }),
    segmentPosition: z.number().int().meta({ description: 'IK302: position in our set (ST is 1).', example: 17 }),
    loop: z.string().nullable().meta({ description: 'IK303.', example: '2010BA' }),
    code: z.string().meta({ description: 'IK304 segment syntax error code.', example: '8' }),
    patientControlNumber: z.string().nullable().meta({ description: 'The claim a CTX*CLM01 names.' }),
    elementErrors: z.array(
      z.object({
        position: z.string().meta({ description: 'IK401 as `element[.component[.repeat]]`.', example: '9' }),
        reference: z.string().nullable().meta({ description: 'IK402 data element number.', example: '67' }),
        code: z.string().meta({ description: 'IK403 element syntax error code.', example: '7' }),
      }),
    ),
  })
  .meta({ id: 'AcknowledgmentSegmentError', description: 'IK3 (and its IK4s); the bad values (IK404) are not kept.' });

export const AcknowledgmentSet = z
  .object({
    groupControlNumber: z.string().meta({ example: '1' }),
    transactionControlNumber: z.string().meta({ description: 'AK202: the ST02 we sent.', example: '0001' }),
    submissionId: z.string().nullable(),
    code: z.string().meta({ description: 'IK501 (or AK901 for a set the 999 names no AK2 for).', example: 'R' }),
    outcome: z.enum(['accepted', 'rejected']),
    codes: codes('`IK5:<IK502–506>`, `IK3:<IK304>`, `IK4:<IK403>` (or `AK9:<code>`).', ['IK5:5', 'IK3:8', 'IK4:7']),
    segmentErrors: z.array(AcknowledgmentSegmentError),
    claims: z.array(AcknowledgmentClaimEffect).meta({
      description:
        'Every claim of the set. A 999 checks syntax only: an accepted set leaves its claims submitted (the 277CA decides); a rejected one rejects all its claims.',
    }),
    note: z.string().nullable(),
  })
  .meta({ id: 'AcknowledgmentSet', description: 'A 999 AK2/IK5: the verdict on one transaction set we sent.' });

const Outcome = z.enum(['accepted', 'rejected', 'pending', 'other']).meta({
  id: 'AcknowledgmentOutcome',
  description:
    'From the STC category (code source 507): accepted A2/A5; rejected A3/A6/A7/A8/E3/E4; pending A0/A1/P*/R*; other (A4 not found, F*, unknown).',
});

const StatusCode = z.object({
  code: z.string().meta({ description: 'STC01 (or STC10/11) as `category:status[:entity]`.', example: 'A7:562:85' }),
  description: z.string().meta({ example: "rejected for invalid information: entity's NPI" }),
});

export const AcknowledgmentClaimStatus = z
  .object({
    codes: z.array(StatusCode),
    outcome: Outcome,
    effectiveDate: z.string().nullable().meta({ description: 'STC02 (ISO).' }),
    actionCode: z.string().nullable().meta({ description: 'STC03: WQ accept, U reject.' }),
    message: z.string().nullable().meta({ description: 'STC12 free text.' }),
  })
  .meta({ id: 'AcknowledgmentClaimStatus', description: 'One STC segment.' });

export const AcknowledgmentClaim = z
  .object({
    ...claimEffect,
    outcome: Outcome,
    codes: codes('Every STC code of the claim, `category:status[:entity]`.', ['A7:21:85']),
    statuses: z.array(AcknowledgmentClaimStatus),
    payerClaimControlNumber: z.string().nullable().meta({ description: 'REF*1K, kept on the claim when accepted.' }),
    clearinghouseTraceNumber: z.string().nullable().meta({ description: 'REF*D9.' }),
    lines: z.array(
      z.object({
        lineItemControlNumber: z.string().nullable().meta({ description: 'REF*FJ: our REF*6R.' }),
        lineNumber: z.number().int().nullable().meta({ description: 'The claim line it matched.' }),
        procedureCode: z.string().nullable(),
        outcome: Outcome,
        codes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'AcknowledgmentClaim', description: 'A 277CA 2200D: the answer about one claim.' });

export const AcknowledgmentWarning = z
  .object({
    kind: z.string().meta({ example: 'se_count_mismatch' }),
    message: z.string(),
    segment: z.string().meta({ example: 'SE' }),
    position: z.number().int().meta({ description: '1-based segment position in the file.' }),
    controlNumber: z.string().nullable(),
    element: z.string().nullable(),
  })
  .meta({ id: 'AcknowledgmentWarning', description: 'A defect read past (a trailer count, a bad date, AK9 counts).' });

export const AcknowledgmentSummary = z.object({
  statusChanged: z.number().int().meta({ description: 'Claims whose status this file changed.' }),
  notApplied: z.number().int().meta({ description: 'Matched claims an outcome could not move.' }),
  unmatched: z.number().int().meta({ description: 'Interchanges, groups, sets or claims matching nothing of ours.' }),
});

export const AcknowledgmentResults = z.object({
  summary: AcknowledgmentSummary,
  interchanges: z.array(AcknowledgmentInterchange).meta({ description: 'TA1 segments.' }),
  groups: z.array(AcknowledgmentGroup).meta({ description: '999: one per ST*999.' }),
  sets: z.array(AcknowledgmentSet).meta({ description: '999: one per AK2.' }),
  claims: z.array(AcknowledgmentClaim).meta({ description: '277CA: one per claim (2200D), in file order.' }),
  warnings: z.array(AcknowledgmentWarning),
});
export type AcknowledgmentResults = z.infer<typeof AcknowledgmentResults>;

export const Acknowledgment = z
  .object({
    id: z.string().meta({ example: 'ack_01jd0example0000000000000' }),
    object: z.literal('acknowledgment'),
    kind: z.enum(ACKNOWLEDGMENT_KINDS).meta({ description: '999, 277CA, or TA1 for a file holding only TA1s.' }),
    interchangeControlNumber: z.string().meta({ description: 'ISA13 of the file (its first interchange).' }),
    senderId: z.string().meta({ description: 'ISA06 of the file, trimmed.', example: 'CLEARHOUSE01' }),
    ...AcknowledgmentResults.shape,
    ...Metadata,
  })
  .meta({
    id: 'Acknowledgment',
    description:
      'A 999, 277CA or TA1 file as applied: what it said about each interchange, set or claim we sent, and what it changed.',
  });
export type Acknowledgment = z.infer<typeof Acknowledgment>;
export type AcknowledgmentClaim = z.infer<typeof AcknowledgmentClaim>;
export type AcknowledgmentClaimEffect = z.infer<typeof AcknowledgmentClaimEffect>;
export type AcknowledgmentSet = z.infer<typeof AcknowledgmentSet>;
export type AcknowledgmentGroup = z.infer<typeof AcknowledgmentGroup>;
export type AcknowledgmentInterchange = z.infer<typeof AcknowledgmentInterchange>;
export type AcknowledgmentWarning = z.infer<typeof AcknowledgmentWarning>;

export const AcknowledgmentList = listOf(Acknowledgment, 'AcknowledgmentList');
