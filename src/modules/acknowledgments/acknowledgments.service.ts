import type { Db, Tx } from '../../db/client.js';
import { type Acknowledgments, readAcknowledgments } from '../../domain/x12/acknowledgments.js';
import { parseX12 } from '../../domain/x12/document.js';
import { sha256Hex } from '../../lib/canonical.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import { type PageQuery, toPage } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ClaimsService } from '../claims/claims.service.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import type { SubmissionsService } from '../submissions/submissions.service.js';
import { asUploadError, UPLOAD_LENIENCY } from '../submissions/x12-files.errors.js';
import { apply277ca } from './acknowledgment-277ca.js';
import { apply999 } from './acknowledgment-999.js';
import { controlNumberValue, createEffects } from './acknowledgment-effects.js';
import { applyTa1 } from './acknowledgment-ta1.js';
import { acknowledgmentEmpty, acknowledgmentMixed } from './acknowledgments.errors.js';
import { type AcknowledgmentView, acknowledgmentsRepository as repo } from './acknowledgments.repository.js';
import type { Acknowledgment, AcknowledgmentResults, AcknowledgmentWarning } from './acknowledgments.schemas.js';

/**
 * Envelope leniency is the uploads' one policy (UPLOAD_LENIENCY): trailer counts and GE02/IEA02 read past with a
 * warning; a missing trailer or an SE02 that is not its ST02 (a truncated or spliced file) refuses the file, since
 * applying half of one would reject or accept claims on the strength of a file nobody sent whole.
 */

export function toAcknowledgment(row: AcknowledgmentView): Acknowledgment {
  return {
    id: row.id,
    object: 'acknowledgment',
    kind: row.kind,
    interchangeControlNumber: row.interchangeControlNumber,
    senderId: row.senderId,
    ...(row.results as unknown as AcknowledgmentResults),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The reader's refusals as 400 problems; a file with nothing to acknowledge, or two kinds at once, too. */
function readFile(text: string): { read: Acknowledgments; kind: Acknowledgment['kind'] } {
  let read: Acknowledgments;
  try {
    read = readAcknowledgments(text, { lenient: UPLOAD_LENIENCY });
  } catch (error) {
    throw asUploadError(error);
  }
  const counts = { acks999: read.acks999.length, acks277ca: read.acks277ca.length };
  if (counts.acks999 && counts.acks277ca) throw acknowledgmentMixed(counts);
  if (counts.acks999) return { read, kind: '999' };
  if (counts.acks277ca) return { read, kind: '277CA' };
  if (read.interchangeAcks.length) return { read, kind: 'TA1' };
  throw acknowledgmentEmpty();
}

/** ISA13 and ISA06 of the file's first interchange. */
function envelopeOf(text: string, read: Acknowledgments) {
  const envelope = read.acks999[0]?.envelope ?? read.acks277ca[0]?.envelope;
  if (envelope) return { interchangeControlNumber: envelope.interchangeControlNumber, senderId: envelope.senderId };
  // A TA1-only file: its few segments are parsed again for the header the TA1 results do not carry.
  const first = parseX12(text, { lenient: UPLOAD_LENIENCY }).interchanges[0]!;
  return { interchangeControlNumber: first.controlNumber, senderId: first.senderId.trim() };
}

function warningsOf(read: Acknowledgments): AcknowledgmentWarning[] {
  const issues = [
    ...read.warnings,
    ...read.acks999.flatMap((a) => a.warnings),
    ...read.acks277ca.flatMap((a) => a.warnings),
  ];
  return issues.map((w) => ({
    kind: w.kind,
    message: w.message,
    segment: w.segment,
    position: w.position,
    controlNumber: w.controlNumber ?? null,
    element: ('element' in w ? w.element : undefined) ?? null,
  }));
}

export interface AcknowledgmentsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  claims: Pick<ClaimsService, 'byControlNumbers' | 'applyTransitions'>;
  submissions: Pick<SubmissionsService, 'forAcknowledgment' | 'submissionsOfClaims' | 'recordAcknowledgment'>;
}

export function createAcknowledgmentsService({ db, clock, ids, claims, submissions }: AcknowledgmentsDeps) {
  /** Matches the file against our submissions and claims, and writes what it changes. */
  async function applyFile(tx: Tx, ctx: RequestContext, id: string, read: Acknowledgments) {
    const numbers = (values: string[]) => values.map(controlNumberValue).filter((n): n is number => n !== null);
    const found = await submissions.forAcknowledgment(tx, ctx.orgId, {
      interchange: numbers(read.interchangeAcks.map((t) => t.controlNumber)),
      group: numbers(read.acks999.filter((a) => a.group.functionalId === 'HC').map((a) => a.group.controlNumber)),
    });
    const pcns = new Set<string>();
    for (const s of [...found.byInterchange.values(), ...found.byGroup.values()]) {
      for (const c of s.claims) pcns.add(c.patientControlNumber);
    }
    for (const ack of read.acks277ca) for (const c of ack.claims) pcns.add(c.patientControlNumber);
    // Claims are locked before their submission history is read: neither changes until this transaction ends.
    const loaded = await claims.byControlNumbers(tx, ctx.orgId, [...pcns]);
    const effects = createEffects({
      acknowledgmentId: id,
      claims: loaded.map(({ claim, lines }) => ({
        id: claim.id,
        encounterId: claim.encounterId,
        patientId: claim.patientId,
        patientControlNumber: claim.patientControlNumber,
        status: claim.status,
        lines: lines.map((l) => ({ lineNumber: l.lineNumber, controlNumber: l.controlNumber })),
      })),
      submissionsOfClaims: await submissions.submissionsOfClaims(tx, ctx.orgId, [...pcns]),
    });

    const interchanges = applyTa1(read.interchangeAcks, found.byInterchange, effects);
    const { groups, sets } = apply999(read.acks999, found.byGroup, effects);
    const claimResults = apply277ca(read.acks277ca, effects);
    const outcome = effects.outcome();
    await claims.applyTransitions(tx, ctx, outcome.transitions);
    await submissions.recordAcknowledgment(tx, ctx.orgId, outcome.submissions);

    const effectsOf = [...interchanges.flatMap((i) => i.claims), ...sets.flatMap((s) => s.claims), ...claimResults];
    const unmatched =
      interchanges.filter((i) => !i.submissionId).length +
      groups.filter((g) => !g.submissionId).length +
      // A set of a matched group that names none of the submission's sets (an unmatched group's sets count with it).
      sets.filter((s) => s.submissionId !== null && s.claims.length === 0).length +
      claimResults.filter((c) => !c.claimId).length;
    const results: AcknowledgmentResults = {
      summary: {
        statusChanged: effectsOf.filter((e) => e.statusChanged).length,
        notApplied: effectsOf.filter((e) => e.claimId && e.notApplied).length,
        unmatched,
      },
      interchanges,
      groups,
      sets,
      claims: claimResults,
      warnings: warningsOf(read),
    };
    return results;
  }

  return {
    /**
     * Applies a TA1 / 999 / 277CA file once per organization: the same bytes (SHA-256) or the same interchange
     * (sender + ISA13 + kind) posted again — even at the same moment: the second insert waits on the first's unique
     * key — answers the first result (200).
     */
    create(ctx: RequestContext, text: string) {
      const { read, kind } = readFile(text);
      const fileHash = sha256Hex(text);
      return writeTx(db, ctx, async (tx) => {
        const now = clock.now();
        const row = {
          orgId: ctx.orgId,
          id: ids.next('acknowledgment'),
          kind,
          fileHash,
          ...envelopeOf(text, read),
          results: {},
          x12: text,
          createdAt: now,
          updatedAt: now,
        };
        const inserted = await repo.insertNew(tx, row);
        if (!inserted) {
          const first = (await repo.findFirst(tx, ctx.orgId, row))!;
          await recordAudit(tx, ctx, 'read', 'acknowledgment', [first.id]);
          return { status: 200, body: toAcknowledgment(first) };
        }
        const results = await applyFile(tx, ctx, row.id, read);
        const stored = await repo.setResults(tx, ctx.orgId, row.id, results);
        await recordAudit(tx, ctx, 'create', 'acknowledgment', [row.id]);
        return { status: 201, body: toAcknowledgment(stored) };
      });
    },

    async retrieve(ctx: RequestContext, id: string) {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('acknowledgment', id);
      await recordAudit(db, ctx, 'read', 'acknowledgment', [id]);
      return toAcknowledgment(row);
    },

    async list(ctx: RequestContext, page: PageQuery) {
      const rows = await repo.list(db, ctx.orgId, page);
      const result = toPage(rows, page.limit, toAcknowledgment);
      await recordAudit(
        db,
        ctx,
        'list',
        'acknowledgment',
        result.data.map((a) => a.id),
      );
      return result;
    },
  };
}
export type AcknowledgmentsService = ReturnType<typeof createAcknowledgmentsService>;
