import { postProviderAdjustments } from '../../domain/ledger/index.js';
import type { ProviderAdjustment } from '../../domain/remittance/adjudication.js';
import { localDate } from '../../domain/time-zone.js';
import type { LedgerService, Posting } from '../ledger/ledger.service.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { unitsFromNumber } from '../../domain/money.js';
import type {
  AdjudicatedLine,
  AdjudicationResult,
  Adjustment,
  BalanceError,
  RemittanceHeader,
} from '../../domain/remittance/adjudication.js';
import { balanceErrors } from '../../domain/remittance/balance.js';
import { adjudicatedStatus, type BilledLine, matchLines, plannedChange } from '../../domain/remittance/posting.js';
import { createX12Stream } from '../../domain/x12/reader.js';
import {
  createRemittance835Reader,
  type RemittanceEnvelope,
  type RemittanceTotals,
} from '../../domain/x12/remittance-835.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import { type PageQuery, toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ClaimsService } from '../claims/claims.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { asUploadError, UPLOAD_LENIENCY } from '../submissions/x12-files.errors.js';
import { createPoster, POSTING_BATCH, type PostingRemittance } from './remittance-posting.js';
import {
  adjudicationAmountsInvalid,
  adjudicationLineUnknown,
  adjudicationNotApplicable,
  adjudicationUnbalanced,
  remittanceEmpty,
  remittanceUnbalanced,
} from './remittances.errors.js';
import {
  type AdjudicationFilter,
  type AdjudicationRow,
  type RemittanceRow,
  remittancesRepository as repo,
} from './remittances.repository.js';
import type { Adjudication, AdjudicationCreate, Remittance } from './remittances.schemas.js';

/**
 * 835 remittances and the adjudications they carry. A file is read twice: first to check it (envelope, content,
 * the three balancing levels) holding only totals, then, if it is sound, to post it claim batch by claim batch in
 * one transaction. So a file of any size streams through, and an unbalanced one posts nothing.
 */

/** A remittance file, in chunks of text; `chunks()` is called once per pass. */
export interface RemittanceSource {
  chunks(): AsyncIterable<string> | Iterable<string>;
}

export interface PostOptions {
  /** Characters read so far in each pass (the import command's progress bar). */
  onProgress?: (pass: 'check' | 'post', characters: number) => void;
}

const CHUNK = 1 << 20;
/** A remittance lists this many of its unmatched claims; all of them: GET /v1/adjudications?remittanceId=…&matched=false. */
export const UNMATCHED_LISTED = 100;

/** A string posted over HTTP, cut in the chunks the reader takes. */
export function textSource(text: string): RemittanceSource {
  return {
    *chunks() {
      for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
    },
  };
}

interface CheckedSet {
  header: RemittanceHeader;
  totals: RemittanceTotals;
  envelope: RemittanceEnvelope;
}

/** The payment's identity: who paid (TRN03, else the payer's id, else its name) and the trace number. */
const payerKeyOf = (h: RemittanceHeader) => h.payerTraceId ?? h.payerIdentifier ?? h.payerName;

async function feed(
  source: RemittanceSource,
  write: (chunk: string) => void,
  after: (read: number) => Promise<void> | void,
): Promise<void> {
  let read = 0;
  for await (const chunk of source.chunks()) {
    try {
      write(chunk);
    } catch (error) {
      throw asUploadError(error);
    }
    read += chunk.length;
    await after(read);
  }
}

/** Pass 1: every set read and balanced; nothing kept but headers, totals and the imbalances. */
async function check(source: RemittanceSource, options: PostOptions) {
  const sets: CheckedSet[] = [];
  const imbalances: BalanceError[] = [];
  const reader = createRemittance835Reader({
    onClaim(_claim, context) {
      for (const e of context.balanceErrors) imbalances.push(e);
    },
    onRemittanceEnd(header, totals, envelope) {
      sets.push({ header, totals, envelope });
      if (totals.balanceError) imbalances.push(totals.balanceError);
    },
  });
  const stream = createX12Stream(reader, { lenient: UPLOAD_LENIENCY });
  await feed(
    source,
    (c) => stream.write(c),
    (read) => options.onProgress?.('check', read),
  );
  try {
    stream.end();
  } catch (error) {
    throw asUploadError(error);
  }
  if (sets.length === 0) throw remittanceEmpty();
  if (imbalances.length > 0) throw remittanceUnbalanced(imbalances);
  return sets;
}

export function toAdjudication(row: AdjudicationRow): Adjudication {
  return {
    id: row.id,
    object: 'adjudication',
    claimId: row.claimId,
    remittanceId: row.remittanceId,
    source: row.source,
    sequence: row.sequence,
    patientControlNumber: row.patientControlNumber,
    statusCode: row.statusCode as Adjudication['statusCode'],
    payerClaimControlNumber: row.payerClaimControlNumber,
    chargeCents: row.chargeCents,
    paidCents: row.paidCents,
    patientResponsibilityCents: row.patientResponsibilityCents,
    allowedCents: row.allowedCents,
    filingIndicator: row.filingIndicator,
    adjustments: row.adjustments,
    remarkCodes: row.remarkCodes,
    lines: row.lines,
    serviceDate: row.serviceDate,
    serviceDateTo: row.serviceDateTo,
    patientName: row.patientName,
    claimStatus: row.claimStatus as Adjudication['claimStatus'],
    statusApplied: row.statusApplied,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toRemittance(row: RemittanceRow, unmatched: AdjudicationRow[]): Remittance {
  return {
    id: row.id,
    object: 'remittance',
    payerId: row.payerId,
    payerName: row.payerName,
    payerIdentifier: row.payerIdentifier,
    traceNumber: row.traceNumber,
    handlingCode: row.handlingCode,
    creditDebit: row.creditDebit,
    paymentMethod: row.paymentMethod,
    paymentDate: row.paymentDate,
    paymentCents: row.paymentCents,
    payeeName: row.payeeName,
    payeeNpi: row.payeeNpi,
    providerAdjustments: row.providerAdjustments,
    claimCount: row.claimCount,
    unmatchedCount: row.unmatchedCount,
    unmatched: unmatched.filter((a) => a.remittanceId === row.id).map(toAdjudication),
    interchangeControlNumber: row.interchangeControlNumber,
    transactionControlNumber: row.transactionControlNumber,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The JSON lines of a posted adjudication as an 835 would carry them, each tied to one of the claim's lines. */
function resultFromJson(
  body: AdjudicationCreate,
  claim: { patientControlNumber: string },
  lines: BilledLine[],
): AdjudicationResult {
  const adjustment = (a: AdjudicationCreate['adjustments'][number]): Adjustment => ({
    group: a.group,
    reasonCode: a.reasonCode,
    amountCents: a.amountCents,
    quantityThousandths: a.quantity === undefined ? null : unitsFromNumber(a.quantity),
  });
  const adjudicated: AdjudicatedLine[] = body.lines.map((l, i) => {
    const named =
      l.lineNumber !== undefined
        ? lines.find((c) => c.lineNumber === l.lineNumber)
        : l.controlNumber !== undefined
          ? lines.find((c) => c.controlNumber === l.controlNumber)
          : undefined;
    if ((l.lineNumber !== undefined || l.controlNumber !== undefined) && !named) {
      throw adjudicationLineUnknown(i, `the claim has no line ${l.lineNumber ?? l.controlNumber}`);
    }
    const procedureCode = l.procedureCode ?? named?.code;
    if (!procedureCode)
      throw adjudicationLineUnknown(i, 'name the line (lineNumber or controlNumber) or its procedureCode');
    return {
      controlNumber: named?.controlNumber ?? null,
      procedureQualifier: 'HC',
      procedureCode,
      modifiers: l.modifiers,
      billedProcedureCode: named && named.code !== procedureCode ? named.code : null,
      chargeCents: l.chargeCents,
      paidCents: l.paidCents,
      unitsThousandths: l.units === undefined ? null : unitsFromNumber(l.units),
      allowedCents: l.allowedCents,
      serviceDate: l.serviceDate ?? named?.dateOfService ?? null,
      serviceDateTo: null,
      adjustments: l.adjustments.map(adjustment),
      remarkCodes: l.remarkCodes,
    };
  });
  const result: AdjudicationResult = {
    patientControlNumber: claim.patientControlNumber,
    statusCode: body.statusCode,
    chargeCents: body.chargeCents,
    paidCents: body.paidCents,
    patientResponsibilityCents: body.patientResponsibilityCents,
    filingIndicator: body.filingIndicator,
    payerClaimControlNumber: body.payerClaimControlNumber,
    adjustments: body.adjustments.map(adjustment),
    remarkCodes: body.remarkCodes,
    serviceDate: body.serviceDate,
    serviceDateTo: body.serviceDateTo,
    patientName: null,
    lines: adjudicated,
  };
  const matched = matchLines(result.lines, lines);
  const unknown = matched.findIndex((m) => m === null);
  if (unknown >= 0)
    throw adjudicationLineUnknown(unknown, 'it matches none of the claim’s lines by code, date and charge');
  return result;
}

/** A JSON decision's charge is the claim's (negated for a reversal), and its amounts have the sign its status gives. */
function checkJsonAmounts(result: AdjudicationResult, billedCents: number): void {
  const reversal = result.statusCode === '22';
  const expected = reversal ? -billedCents : billedCents;
  if (result.chargeCents !== expected) {
    throw adjudicationAmountsInvalid(
      `chargeCents is ${result.chargeCents}; the claim was billed ${billedCents}${reversal ? ', so a reversal charges its negation' : ''}.`,
      { chargeCents: result.chargeCents, expectedChargeCents: expected },
    );
  }
  const wrong = (['paidCents', 'patientResponsibilityCents'] as const).find((k) =>
    reversal ? result[k] > 0 : result[k] < 0,
  );
  if (wrong) {
    throw adjudicationAmountsInvalid(
      `${wrong} must be ${reversal ? 'zero or negative in a reversal' : 'zero or positive'}; it is ${result[wrong]}.`,
      { [wrong]: result[wrong] },
    );
  }
}

export interface RemittancesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  claims: ClaimsService;
  ledger: LedgerService;
}

function plbPosting(remittanceId: string, adjustments: ProviderAdjustment[], effectiveDate: string): Posting | null {
  const transaction = postProviderAdjustments(adjustments);
  return transaction
    ? { transaction, sourceType: 'remittance', sourceId: remittanceId, effectiveDate, patientId: null, claimId: null }
    : null;
}

export function createRemittancesService({ db, clock, ids, claims, ledger }: RemittancesDeps) {
  const today = (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone);
  /** Pass 2, in the caller's transaction: each set's remittance row first (or the one already posted), then its claims. */
  async function postChecked(
    tx: Tx,
    ctx: RequestContext,
    source: RemittanceSource,
    sets: CheckedSet[],
    options: PostOptions,
  ) {
    const now = clock.now();
    const poster = createPoster(tx, ctx, { claims, ledger, ids, now, today: today(ctx) });
    const results: { id: string; created: boolean }[] = [];
    type Op = { kind: 'start' } | { kind: 'claim'; claim: AdjudicationResult } | { kind: 'end' };
    let ops: Op[] = [];
    let index = -1;
    let current: (PostingRemittance & { skip: boolean }) | null = null;
    let sequence = 0;
    const reader = createRemittance835Reader({
      onRemittanceStart: () => ops.push({ kind: 'start' }),
      onClaim: (claim) => ops.push({ kind: 'claim', claim }),
      onRemittanceEnd: () => ops.push({ kind: 'end' }),
    });

    const start = async () => {
      index++;
      sequence = 0;
      const { header, totals, envelope } = sets[index]!;
      const id = ids.next('remittance');
      const row: RemittanceRow = {
        orgId: ctx.orgId,
        id,
        payerKey: payerKeyOf(header),
        traceNumber: header.traceNumber,
        payerId: null,
        payerName: header.payerName,
        payerIdentifier: header.payerTraceId ?? header.payerIdentifier,
        handlingCode: header.handlingCode,
        creditDebit: header.creditDebit,
        paymentMethod: header.paymentMethod,
        paymentDate: header.paymentDate,
        paymentCents: header.paymentCents,
        payeeName: header.payeeName,
        payeeNpi: header.payeeNpi,
        providerAdjustments: header.providerAdjustments,
        claimCount: totals.claimCount,
        unmatchedCount: 0,
        interchangeControlNumber: envelope.interchangeControlNumber,
        transactionControlNumber: envelope.transactionControlNumber,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const created = await repo.insert(tx, row);
      const existing = created ? null : await repo.byPaymentKey(tx, ctx.orgId, row.payerKey, row.traceNumber);
      results.push({ id: existing?.id ?? id, created });
      current = {
        id,
        traceNumber: header.traceNumber,
        paymentDate: header.paymentDate,
        unmatched: 0,
        payerIds: new Set(),
        skip: !created,
      };
    };

    const end = async () => {
      const r = current!;
      const { header, totals } = sets[index]!;
      current = null;
      if (r.skip) return;
      await poster.done();
      // PLB: the provider's, not any claim's or patient's balance (domain postProviderAdjustments).
      await ledger.post(tx, ctx.orgId, [
        plbPosting(r.id, header.providerAdjustments, header.paymentDate ?? today(ctx)),
      ]);
      const payerId = r.payerIds.size === 1 ? [...r.payerIds][0]! : null;
      await repo.finish(tx, { orgId: ctx.orgId, id: r.id, unmatchedCount: r.unmatched, payerId });
      await claims.applyTransitions(
        tx,
        ctx,
        [],
        [
          {
            type: 'remittance.posted',
            data: {
              remittanceId: r.id,
              payerId,
              traceNumber: header.traceNumber,
              paymentMethod: header.paymentMethod,
              paymentDate: header.paymentDate,
              paymentCents: header.paymentCents,
              providerAdjustmentCents: totals.providerAdjustmentCents,
              claimCount: totals.claimCount,
              unmatchedCount: r.unmatched,
            },
          },
        ],
      );
    };

    const drain = async () => {
      const batch = ops;
      ops = [];
      for (const op of batch) {
        if (op.kind === 'start') await start();
        else if (op.kind === 'end') await end();
        else if (current && !current.skip) {
          poster.add(op.claim, current, ++sequence);
          if (poster.size >= POSTING_BATCH) await poster.flush();
        }
      }
    };

    const stream = createX12Stream(reader, { lenient: UPLOAD_LENIENCY });
    await feed(
      source,
      (c) => stream.write(c),
      async (read) => {
        await drain();
        options.onProgress?.('post', read);
      },
    );
    stream.end();
    await drain();
    // Two sets may be one payment (the same file twice in one, or an earlier post): each id once.
    const unique = [...new Map(results.map((r) => [r.id, r])).values()];
    const rows = await Promise.all(unique.map((r) => repo.find(tx, ctx.orgId, r.id)));
    const unmatched = await repo.unmatchedOf(
      tx,
      ctx.orgId,
      unique.map((r) => r.id),
      UNMATCHED_LISTED,
    );
    return {
      created: results.some((r) => r.created),
      data: rows.map((row) => toRemittance(row!, unmatched)),
    };
  }

  async function adjudications(ctx: RequestContext, filter: AdjudicationFilter, page: PageQuery) {
    const rows = await repo.adjudications(db, ctx.orgId, filter, page);
    const result = toPage(
      rows.map((r) => ({ ...r, updatedAt: r.createdAt })),
      page.limit,
      toAdjudication,
    );
    await recordAudit(
      db,
      ctx,
      'list',
      'adjudication',
      result.data.map((a) => a.id),
    );
    return result;
  }

  return {
    /**
     * Checks then posts an 835: 201 with the remittances it created, or 200 with the ones already posted when every
     * payment in it was (the same payer and trace number posted before, or racing this post).
     */
    post: (ctx: RequestContext, source: RemittanceSource, options: PostOptions = {}) =>
      writeTx(db, ctx, async (tx) => {
        const sets = await check(source, options);
        const { created, data } = await postChecked(tx, ctx, source, sets, options);
        return { status: created ? 201 : 200, body: { object: 'list' as const, data, nextCursor: null } };
      }),

    async retrieve(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('remittance', id);
      const unmatched = await repo.unmatchedOf(db, ctx.orgId, [id], UNMATCHED_LISTED);
      await recordAudit(db, ctx, 'read', 'remittance', [id]);
      return toRemittance(row, unmatched);
    },

    async list(ctx: RequestContext, page: PageQuery) {
      const rows = await repo.list(db, ctx.orgId, page);
      const unmatched = await repo.unmatchedOf(
        db,
        ctx.orgId,
        rows.slice(0, page.limit).map((r) => r.id),
        UNMATCHED_LISTED,
      );
      return toPage(rows, page.limit, (r) => toRemittance(r, unmatched));
    },

    adjudications,

    /** Each claim's latest payer decision (not a reversal) with its payment date: what a COB claim reports. */
    latestDecisions: (tx: DbOrTx, orgId: string, claimIds: string[]) => repo.latestDecisions(tx, orgId, claimIds),

    async claimAdjudications(ctx: RequestContext, claimId: string, page: PageQuery) {
      if (!(await claims.exists(db, ctx.orgId, claimId))) throw notFound('claim', claimId);
      return adjudications(ctx, { claimId }, page);
    },

    /** A payer decision posted as JSON: the same checks and the same posting as an 835 CLP. */
    createForClaim: (ctx: RequestContext, claimId: string, body: AdjudicationCreate) =>
      writeTx(db, ctx, async (tx) => {
        const [found] = await claims.byIdsLocked(tx, ctx.orgId, [claimId]);
        if (!found) throw notFound('claim', claimId);
        const result = resultFromJson(body, found.claim, found.lines);
        const imbalances = balanceErrors(result);
        if (imbalances.length > 0) throw adjudicationUnbalanced(imbalances);
        checkJsonAmounts(result, found.claim.totalChargeCents);
        // Unlike an 835, which is kept whatever it says, a decision posted by hand must apply.
        if (!plannedChange(found.claim.status, result)) {
          throw adjudicationNotApplicable(found.claim.status, adjudicatedStatus(result));
        }
        const poster = createPoster(tx, ctx, { claims, ledger, ids, now: clock.now(), today: today(ctx) });
        poster.add(result, null, (await repo.countForClaim(tx, ctx.orgId, claimId)) + 1, claimId);
        const [posted] = await poster.done();
        return { status: 201, body: toAdjudication(posted!.adjudication) };
      }),
  };
}
export type RemittancesService = ReturnType<typeof createRemittancesService>;
