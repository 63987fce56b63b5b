import { z } from 'zod';
import { CLAIM_STATUSES } from '../../domain/claims/claim-status.js';
import type { EventDataMap } from '../../domain/event-data.js';
import { EVENT_TYPES, type EventType, eventSchemaId } from '../../domain/events.js';

/**
 * Each event type's `data` as a named schema (issue 11), the same shapes as domain/event-data.ts (checked below at
 * compile time): the feed's `Event` is a union discriminated by `type`, and the OpenAPI `webhooks` section lists
 * one entry per type.
 */

const ref = (prefix: string, example: string) => z.string().meta({ example: `${prefix}_${example}` });
const ClaimId = ref('clm', '01jd8x7k2m3n4p5q6r7s8t9v0w');
const EncounterId = ref('enc', '01jd8x7k2m3n4p5q6r7s8t9v0a');
const PatientId = ref('pat', '01jd8x7k2m3n4p5q6r7s8t9v0b');
const PayerId = ref('pyr', '01jd8x7k2m3n4p5q6r7s8t9v0c');
const Status = z.enum(CLAIM_STATUSES);
const Cents = (description: string, example: number) => z.number().int().meta({ description, example });
const Codes = (example: string[]) => z.array(z.string()).meta({ example });

const ClaimRef = { claimId: ClaimId, encounterId: EncounterId, patientId: PatientId };
const StatusChange = {
  ...ClaimRef,
  previousStatus: Status.meta({ example: 'submitted' }),
  status: Status.meta({ example: 'accepted' }),
  reason: z.string().meta({ example: '277CA accepted: A1:20 (accepted for processing)' }),
  reasonCodes: Codes(['A1:20']),
};

const ClaimSummary = z.object({
  ...ClaimRef,
  payerId: PayerId,
  status: Status.meta({ example: 'ready' }),
  totalChargeCents: Cents('Σ line charges', 25_000),
  errorCount: z.number().int().meta({ example: 0 }),
  warningCount: z.number().int().meta({ example: 1 }),
});

const DATA = {
  'encounter.created': z.object({
    encounterId: EncounterId,
    patientId: PatientId,
    externalId: z.string().nullable().meta({ example: 'EHR-VISIT-20260314-0042' }),
    selfPay: z.boolean(),
  }),
  'encounter.updated': z.object({
    encounterId: EncounterId,
    patientId: PatientId,
    fields: Codes(['lines', 'diagnoses']).meta({ description: 'The fields the PATCH changed.' }),
  }),
  'claim.created': ClaimSummary,
  'claim.updated': ClaimSummary,
  'claim.status_changed': z.object({ ...StatusChange, actor: z.string().meta({ example: 'cli_ehr_prod' }) }),
  'submission.created': z.object({
    submissionId: ref('sub', '01jd8x7k2m3n4p5q6r7s8t9v0d'),
    payerId: PayerId,
    claimCount: z.number().int().meta({ example: 12 }),
    interchangeControlNumber: z.string().meta({ example: '000000101' }),
  }),
  'claim.submitted': z.object({
    ...StatusChange,
    submissionId: ref('sub', '01jd8x7k2m3n4p5q6r7s8t9v0d'),
    payerId: PayerId,
  }),
  'claim.accepted': z.object({
    ...StatusChange,
    source: z.literal('277CA'),
    acknowledgmentId: ref('ack', '01jd8x7k2m3n4p5q6r7s8t9v0e'),
    submissionId: z.string().nullable(),
    codes: Codes(['A1:20']),
    payerClaimControlNumber: z.string().nullable().meta({ example: 'PCCN2026000123' }),
  }),
  'claim.rejected': z.object({
    ...StatusChange,
    source: z.enum(['999', '277CA', 'TA1']),
    acknowledgmentId: ref('ack', '01jd8x7k2m3n4p5q6r7s8t9v0e'),
    submissionId: z.string().nullable(),
    codes: Codes(['A7:562']),
    messages: Codes(['Entity identifier invalid']).meta({ description: '277CA STC12 texts; empty otherwise.' }),
  }),
  'claim.adjudicated': z.object({
    ...ClaimRef,
    adjudicationId: ref('adj', '01jd8x7k2m3n4p5q6r7s8t9v0f'),
    remittanceId: z.string().nullable().meta({ example: 'rmt_01jd8x7k2m3n4p5q6r7s8t9v0g' }),
    statusCode: z.string().meta({ description: '835 CLP02', example: '1' }),
    previousStatus: Status.meta({ example: 'accepted' }),
    status: Status.meta({ example: 'paid' }),
    statusApplied: z.boolean(),
    chargeCents: Cents('CLP03', 25_000),
    paidCents: Cents('CLP04', 18_000),
    patientResponsibilityCents: Cents('CLP05', 2_000),
    payerClaimControlNumber: z.string().nullable().meta({ example: 'PCCN2026000123' }),
    reasonCodes: Codes(['CO-45', 'PR-3']).meta({ description: 'Every CAS reason on the decision, GROUP-CARC.' }),
  }),
  'claim.denied': z.object({
    ...ClaimRef,
    adjudicationId: ref('adj', '01jd8x7k2m3n4p5q6r7s8t9v0f'),
    chargeCents: Cents('CLP03', 25_000),
    carcs: Codes(['CO-50']),
    rarcs: Codes(['N115']),
  }),
  'claim.corrected': z.object({
    ...ClaimRef,
    correctionClaimId: ClaimId,
    kind: z.enum(['replace', 'void']),
    frequencyCode: z.enum(['7', '8']),
    payerClaimNumber: z.string().meta({ example: 'PCCN2026000123' }),
    status: Status.meta({ example: 'replaced' }),
    correctionStatus: Status.meta({ example: 'ready' }),
  }),
  'remittance.posted': z.object({
    remittanceId: ref('rmt', '01jd8x7k2m3n4p5q6r7s8t9v0g'),
    payerId: PayerId.nullable(),
    traceNumber: z.string().meta({ example: '1234567890' }),
    paymentMethod: z.string().meta({ example: 'ACH' }),
    paymentDate: z.string().nullable().meta({ example: '2026-04-02' }),
    paymentCents: Cents('BPR02', 180_000),
    providerAdjustmentCents: Cents('Σ PLB', 0),
    claimCount: z.number().int().meta({ example: 10 }),
    unmatchedCount: z.number().int().meta({ example: 0 }),
  }),
  'remittance.unmatched_claim': z.object({
    remittanceId: z.string().nullable().meta({ example: 'rmt_01jd8x7k2m3n4p5q6r7s8t9v0g' }),
    adjudicationId: ref('adj', '01jd8x7k2m3n4p5q6r7s8t9v0f'),
    patientControlNumber: z.string().meta({ example: 'KQ7M2XW9RTPB' }),
    payerClaimControlNumber: z.string().nullable().meta({ example: 'PCCN2026000123' }),
    statusCode: z.string().meta({ example: '1' }),
    paidCents: Cents('CLP04', 18_000),
  }),
  'claim.closed': z.object({
    ...StatusChange,
    insuranceBalanceCents: z.literal(0),
    patientBalanceCents: z.literal(0),
  }),
  'claim.reopened': z.object(StatusChange),
  'payment.posted': z.object({
    paymentId: ref('pmt', '01jd8x7k2m3n4p5q6r7s8t9v0h'),
    patientId: PatientId,
    amountCents: Cents('Received', 2_000),
    appliedCents: Cents('Applied to claims', 2_000),
    creditCents: Cents('Held as unapplied credit', 0),
    method: z.string().meta({ example: 'card' }),
    receivedOn: z.string().meta({ example: '2026-04-05' }),
    allocations: z.array(
      z.object({ claimId: ClaimId, lineNumber: z.number().int().nullable(), amountCents: Cents('Applied', 2_000) }),
    ),
  }),
  'writeoff.posted': z.object({
    writeoffId: ref('wof', '01jd8x7k2m3n4p5q6r7s8t9v0i'),
    claimId: ClaimId,
    patientId: PatientId,
    side: z.enum(['insurance', 'patient']),
    coverageId: z.string().nullable(),
    reason: z.string().meta({ example: 'small_balance' }),
    amountCents: Cents('Written off (a reversal: given back)', 150),
    lines: z.array(z.object({ lineNumber: z.number().int().nullable(), amountCents: Cents('On the line', 150) })),
    reversesId: z.string().nullable(),
  }),
  'refund.posted': z.object({
    refundId: ref('rfd', '01jd8x7k2m3n4p5q6r7s8t9v0j'),
    patientId: PatientId,
    recipient: z.enum(['patient', 'payer']),
    amountCents: Cents('Paid back', 500),
    method: z.string().meta({ example: 'check' }),
    refundedOn: z.string().meta({ example: '2026-04-09' }),
    claimId: z.string().nullable(),
    coverageId: z.string().nullable(),
    payerId: z.string().nullable(),
  }),
  'balance.changed': z.object({
    patientId: PatientId,
    patientBalanceCents: Cents('What the patient owes', 2_000),
    insuranceBalanceCents: Cents('What payers owe', 0),
    unappliedCreditCents: Cents('Credit held for the patient', 0),
  }),
  'webhook_endpoint.disabled': z.object({
    webhookEndpointId: ref('whe', '01jd8x7k2m3n4p5q6r7s8t9v0k'),
    reason: z.string().meta({ example: 'failing' }),
    failingSince: z.iso.datetime().meta({ example: '2026-03-11T15:09:26.535Z' }),
    lastEventId: z.string().meta({ example: 'evt_00000000000003e800000000000004d2' }),
  }),
} satisfies Record<EventType, z.ZodType>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Each schema is the domain's shape: a field added to one and not the other stops the build.
({}) as { [K in EventType]: Same<z.infer<(typeof DATA)[K]>, EventDataMap[K]> } satisfies { [K in EventType]: true };

/** `ClaimStatusChangedEvent`, … : an event of one type, its data that type's shape. */
export const EVENT_SCHEMAS = EVENT_TYPES.map((type) =>
  z
    .object({
      id: z.string().meta({ example: 'evt_00000000000003e800000000000004d2' }),
      object: z.literal('event'),
      type: z.literal(type),
      createdAt: z.iso.datetime().meta({ example: '2026-03-14T15:09:26.535Z' }),
      data: DATA[type].meta({ id: `${eventSchemaId(type).slice(0, -'Event'.length)}Data` }),
    })
    .meta({ id: eventSchemaId(type), description: `The \`${type}\` event.` }),
);

export const Event = z
  .discriminatedUnion('type', EVENT_SCHEMAS as unknown as [(typeof EVENT_SCHEMAS)[number], ...typeof EVENT_SCHEMAS])
  .meta({ id: 'Event', description: 'Something that happened, in the order the feed returns it; `data` by `type`.' });
