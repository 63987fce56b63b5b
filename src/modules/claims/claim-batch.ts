import type { DbOrTx } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { claimLines, claims, coverages, patients, payers, providers } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import { canTransition, isClaimStatus } from '../../domain/claims/claim-status.js';
import type { ClaimStatusChange, EventDataMap } from '../../domain/event-data.js';
import type { NewEvent } from '../../domain/events.js';
import type { MueLimit, ScrubIssue } from '../../domain/scrub/index.js';
import type { RequestContext } from '../../lib/context.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';
import { contentOf } from './claim-dry-run.js';
import { type ClaimParties, decodeReferences, referenceValues, type ScrubReferences, scrub } from './claim-scrub.js';
import { claimChanged, invalidTransition } from './claims.errors.js';
import { type ClaimLineRow, type ClaimRow, claimCodec, claimLineCodec } from './claims.repository.js';
import {
  claimsByControlNumbers,
  claimsForPosting,
  claimsForSubmission,
  claimTransitionsApply,
  scrubReferencesBatch,
} from './claims.sql.js';

/**
 * Claims by the thousand: what submissions and remittances need without a query per claim. One statement locks
 * and reads the claims with their parties, one reads the scrubber's references for all of them, one applies
 * every status change with its history and events.
 */

const patientCodec = rowCodec(patients);
const coverageCodec = rowCodec(coverages);
const payerCodec = rowCodec(payers);
const providerCodec = rowCodec(providers);

export interface LoadedClaim {
  claim: ClaimRow;
  lines: ClaimLineRow[];
  parties: ClaimParties;
}

export async function loadForSubmission(
  tx: DbOrTx,
  orgId: string,
  selector: { claimIds: string[]; payerId: string | null },
): Promise<LoadedClaim[]> {
  const rows = await run(tx, claimsForSubmission, { orgId, claimIds: selector.claimIds, payerId: selector.payerId });
  return rows.map((row) => {
    const claim = claimCodec.decode(row.claim);
    const byId = new Map((row.providers as unknown[]).map((p) => providerCodec.decode(p)).map((p) => [p.id, p]));
    const pick = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
    return {
      claim,
      lines: (row.lines as unknown[]).map((l) => claimLineCodec.decode(l)),
      parties: {
        patient: patientCodec.decode(row.patient),
        coverage: row.coverage ? coverageCodec.decode(row.coverage) : null,
        payer: row.payer ? payerCodec.decode(row.payer) : null,
        providers: {
          billing: pick(claim.billingProviderId),
          rendering: pick(claim.renderingProviderId),
          referring: pick(claim.referringProviderId),
          facility: pick(claim.facilityId),
        },
      },
    };
  });
}

type MueRow = MueLimit & { effectiveFrom: string; effectiveTo: string | null };

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Every edit on each loaded claim against current data, with two statements in all. */
export async function rescrubLoaded(
  tx: DbOrTx,
  orgId: string,
  loaded: LoadedClaim[],
  deps: { coverage: CodeSetCoverage; today: string },
): Promise<Map<string, ScrubIssue[]>> {
  const perClaim = loaded.map((l) => {
    const content = contentOf(l.claim, l.lines);
    return { l, content, values: referenceValues(orgId, l.claim.patientId, l.claim.id, content) };
  });
  const pairs = new Map<string, [string, string]>();
  const procedures = new Set<string>();
  for (const { values } of perClaim) {
    values.codeSystems.forEach((system, i) =>
      pairs.set(`${system}|${values.codeKeys[i]}`, [system, values.codeKeys[i]!]),
    );
    for (const code of values.procedureCodes) procedures.add(code);
  }
  const [row] = await run(tx, scrubReferencesBatch, {
    orgId,
    codeSystems: [...pairs.values()].map(([s]) => s),
    codeKeys: [...pairs.values()].map(([, k]) => k),
    procedureCodes: [...procedures],
    patientIds: perClaim.map((c) => c.l.claim.patientId),
    claimFroms: perClaim.map((c) => c.values.claimFrom),
  });
  const all = decodeReferences(row!);
  // Indexed once, so each claim looks up its own references instead of filtering everyone's.
  const mueByCode = groupBy(all.mue as MueRow[], (m) => m.code);
  const ptpByColumn1 = groupBy(all.ptp, (e) => e.column1);
  const othersBySlot = groupBy(all.others, (o) => `${(o as { patientId?: string }).patientId}|${o.dateOfService}`);
  const issues = new Map<string, ScrubIssue[]>();
  for (const { l, content, values } of perClaim) {
    const codes = new Set(values.procedureCodes);
    const date = content.dateOfService;
    const references: ScrubReferences = {
      versions: all.versions,
      ptp: [...codes].flatMap((c) => (ptpByColumn1.get(c) ?? []).filter((e) => codes.has(e.column2))),
      mue: [...codes].flatMap((c) =>
        (mueByCode.get(c) ?? []).filter((m) => m.effectiveFrom <= date && (!m.effectiveTo || m.effectiveTo >= date)),
      ),
      others: (othersBySlot.get(`${l.claim.patientId}|${values.claimFrom}`) ?? []).filter(
        (o) => o.claimId !== l.claim.id,
      ),
    };
    issues.set(
      l.claim.id,
      scrub({ content, parties: l.parties, references, coverage: deps.coverage, today: deps.today, stored: l.claim }),
    );
  }
  return issues;
}

/** The claim events that announce a status change: their data is the change (filled in here) plus their own. */
type StatusEventType = 'claim.submitted' | 'claim.accepted' | 'claim.rejected' | 'claim.closed' | 'claim.reopened';
export type StatusEvent = {
  [K in StatusEventType]: { type: K; data: Omit<EventDataMap[K], keyof ClaimStatusChange> };
}[StatusEventType];

/** One status change of one claim, with what the history and the feed say about it. */
export interface ClaimTransition {
  claim: Pick<ClaimRow, 'id' | 'encounterId' | 'patientId'>;
  from: ClaimStatus;
  to: ClaimStatus;
  reason: string;
  reasonCodes: string[];
  payerClaimNumber?: string | null;
  correctedByClaimId?: string | null;
  /** The event naming this change besides claim.status_changed (claim.submitted, claim.rejected…). */
  statusEvent?: StatusEvent;
  /** Other events written with it (claim.adjudicated, claim.denied). */
  events?: NewEvent[];
}

/** What every claim status event says of the change. */
export function statusChangeOf(
  t: Pick<ClaimTransition, 'claim' | 'from' | 'to' | 'reason' | 'reasonCodes'>,
): ClaimStatusChange {
  return {
    claimId: t.claim.id,
    encounterId: t.claim.encounterId,
    patientId: t.claim.patientId,
    previousStatus: t.from,
    status: t.to,
    reason: t.reason,
    reasonCodes: t.reasonCodes,
  };
}

/**
 * Applies status changes in order (a claim may change twice: an 835 reversal then its re-adjudication), each
 * checked against the transition table; one statement writes them all, or none if any claim moved meanwhile.
 */
export async function applyTransitions(
  tx: DbOrTx,
  ctx: RequestContext,
  transitions: ClaimTransition[],
  extraEvents: NewEvent[] = [],
): Promise<void> {
  if (transitions.length === 0 && extraEvents.length === 0) return;
  const finals = new Map<
    string,
    {
      id: string;
      from_status: ClaimStatus;
      to_status: ClaimStatus;
      payer_claim_number: string | null;
      corrected_by_claim_id: string | null;
    }
  >();
  const history: Record<string, unknown>[] = [];
  const events: NewEvent[] = [];
  for (const t of transitions) {
    if (!canTransition(t.from, t.to)) throw invalidTransition(t.from, t.to);
    const known = finals.get(t.claim.id);
    if (known && known.to_status !== t.from) throw claimChanged(t.claim.id);
    finals.set(t.claim.id, {
      id: t.claim.id,
      from_status: known?.from_status ?? t.from,
      to_status: t.to,
      payer_claim_number: t.payerClaimNumber ?? known?.payer_claim_number ?? null,
      corrected_by_claim_id: t.correctedByClaimId ?? known?.corrected_by_claim_id ?? null,
    });
    history.push({
      org_id: ctx.orgId,
      claim_id: t.claim.id,
      from_status: t.from,
      to_status: t.to,
      reason: t.reason,
      reason_codes: t.reasonCodes,
      actor: ctx.actor,
      request_id: ctx.requestId,
    });
    const change = statusChangeOf(t);
    events.push({ type: 'claim.status_changed', data: { ...change, actor: ctx.actor } });
    if (t.statusEvent)
      events.push({ type: t.statusEvent.type, data: { ...change, ...t.statusEvent.data } } as NewEvent);
    events.push(...(t.events ?? []));
  }
  const changes = [...finals.values()];
  const [row] = await run(tx, claimTransitionsApply, {
    orgId: ctx.orgId,
    changes,
    claimHistory: history,
    events: [...events, ...extraEvents],
  });
  if ((row?.updated as number) !== changes.length) {
    throw claimChanged(changes.length === 1 ? changes[0]!.id : `among ${changes.length}`);
  }
}

/** Claims named by their patient control numbers, locked, with their lines (unknown numbers are simply absent). */
export async function byControlNumbers(tx: DbOrTx, orgId: string, patientControlNumbers: string[]) {
  if (patientControlNumbers.length === 0) return [];
  const rows = await run(tx, claimsByControlNumbers, { orgId, patientControlNumbers });
  return rows.map((row) => ({
    claim: claimCodec.decode(row.claim),
    lines: (row.lines as unknown[]).map((l) => claimLineCodec.decode(l)),
  }));
}

/** Claims by id, locked, with their lines (unknown or other-tenant ids are simply absent). */
export async function byIdsLocked(tx: DbOrTx, orgId: string, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.orgId, orgId), inArray(claims.id, claimIds)))
    .orderBy(asc(claims.id))
    .for('update');
  const lines = await tx
    .select()
    .from(claimLines)
    .where(and(eq(claimLines.orgId, orgId), inArray(claimLines.claimId, claimIds)))
    .orderBy(asc(claimLines.claimId), asc(claimLines.lineNumber));
  return rows.map((claim) => ({ claim, lines: lines.filter((l) => l.claimId === claim.id) }));
}

/** A claim as posting a payer decision sees it (see claimsForPosting). */
export interface PostingClaim {
  id: string;
  encounterId: string;
  patientId: string;
  coverageId: string;
  payerId: string;
  status: ClaimStatus;
  patientControlNumber: string;
  lines: { lineNumber: number; controlNumber: string; code: string; dateOfService: string; chargeCents: number }[];
}

/** The claims an 835 batch names by CLP01, locked, with what its lines are matched on. */
export async function forPosting(tx: DbOrTx, orgId: string, patientControlNumbers: string[]): Promise<PostingClaim[]> {
  if (patientControlNumbers.length === 0) return [];
  const rows = await run(tx, claimsForPosting, { orgId, patientControlNumbers });
  return rows.map((r) => {
    const status = String(r.status);
    if (!isClaimStatus(status)) throw new Error(`claims.status: '${status}' is not a claim status.`);
    return {
      id: String(r.id),
      encounterId: String(r.encounter_id),
      patientId: String(r.patient_id),
      coverageId: String(r.coverage_id),
      payerId: String(r.payer_id),
      status,
      patientControlNumber: String(r.patient_control_number),
      lines: (r.lines as [number, string, string, string, number | string][]).map(
        ([lineNumber, controlNumber, code, date, cents]) => ({
          lineNumber,
          controlNumber,
          code,
          dateOfService: date,
          chargeCents: Number(cents),
        }),
      ),
    };
  });
}
