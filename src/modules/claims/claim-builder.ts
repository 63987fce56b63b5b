import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { runStatement } from '../../db/statements.js';
import { fromJsonRow } from '../../db/json-rows.js';
import { coverages, type EncounterLineValue } from '../../db/schema/index.js';
import { buildClaimDraft, newPatientControlNumber, type ClaimDraft } from '../../domain/claims/claim-build.js';
import { isEditable, type ClaimStatus } from '../../domain/claims/claim-status.js';
import { hasErrors, scrubClaim, type ScrubIssue } from '../../domain/scrub/index.js';
import type { RequestContext } from '../../lib/context.js';
import { newId } from '../../lib/ids.js';
import { AppError } from '../../lib/problem.js';
import { eventsRepository } from '../events/events.repository.js';
import type { CoverageRow } from '../coverages/coverages.repository.js';
import type { PatientRow } from '../patients/patients.repository.js';
import { payersRepository, type PayerRow } from '../payers/payers.repository.js';
import type { ProviderRow } from '../providers/providers.repository.js';
import { claimEventData } from './claim-mapper.js';
import { transitionClaim } from './claim-lifecycle.js';
import { claimsRepository, type ClaimLineRow, type ClaimRow, type NewClaim } from './claims.repository.js';
import type { EncounterRow } from '../encounters/encounters.repository.js';
import {
  loadScrubInput,
  scrubReferenceColumns,
  scrubReferenceValues,
  toScrubInput,
  type ScrubReferences,
  type ScrubSubject,
} from './scrub-context.js';

/** The parts of an encounter a claim is built from. */
export interface EncounterSource {
  id: string;
  patientId: string;
  billingProviderId: string;
  renderingProviderId: string | null;
  referringProviderId: string | null;
  facilityId: string | null;
  dateOfService: string;
  placeOfService: string;
  priorAuthorization: string | null;
  diagnoses: { code: string }[];
  lines: EncounterLineValue[];
}

export interface EncounterRefs {
  patient: PatientRow;
  providers: {
    billing: ProviderRow;
    rendering: ProviderRow | null;
    referring: ProviderRow | null;
    facility: ProviderRow | null;
  };
}

const missing = (path: string, kind: string, id: string) =>
  new AppError(404, 'resource_not_found', `No ${kind} with id '${id}' exists.`, {
    errors: [{ path, code: 'not_found', message: `no such ${kind}` }],
  });

export type CoverageWithPayer = { coverage: CoverageRow; payer: PayerRow };

/** Everything intake reads before it writes, in one statement (see loadIntake). */
export interface Intake {
  refs: EncounterRefs;
  cov: CoverageWithPayer | null;
  /** The database clock, to the millisecond the timestamp columns keep: rows written from this intake carry it. */
  now: Date;
  /** The scrubber's reference rows for this encounter's claim (a new one, or `claimId`). */
  scrubReferences: ScrubReferences;
  /** The encounter already posted under the externalId asked about, if any. */
  existing: EncounterRow | null;
}

/**
 * Parameters: $1 org, $2 patient, $3 date of service, $4 provider ids, $5 externalId (or null), then the
 * scrubber's reference parameters. The primary coverage in force on the date is the latest-starting one.
 */
const INTAKE_READ = `with cov as (
    select c as coverage, y as payer from coverages c join payers y on y.org_id = c.org_id and y.id = c.payer_id
    where c.org_id = $1 and c.patient_id = $2 and c.priority = 'primary' and c.active
      and c.effective_from <= $3::date and (c.effective_to is null or c.effective_to >= $3::date)
    order by c.effective_from desc, c.created_at desc limit 1)
  select (select row_to_json(p) from patients p where p.org_id = $1 and p.id = $2) as patient,
    (select coalesce(json_agg(v), '[]') from providers v where v.org_id = $1 and v.id = any($4::text[])) as providers,
    (select row_to_json(cov.coverage) from cov) as coverage,
    (select row_to_json(cov.payer) from cov) as payer,
    now()::timestamptz(3) as now,
    (select row_to_json(x) from encounters x where x.org_id = $1 and x.external_id = $5::text) as existing,
    ${scrubReferenceColumns(6)}`;

/**
 * What an encounter names — its patient and providers, each of which must exist in the caller's
 * organization — the primary coverage in force on the date of service with its payer, the scrubber's
 * reference data for a new claim, and the encounter already posted under an externalId: one statement.
 */
export async function loadIntake(
  db: DbOrTx,
  orgId: string,
  e: Omit<EncounterSource, 'id'>,
  options: { externalId?: string | null; claimId?: string | null } = {},
): Promise<Intake> {
  const named = [
    ['billingProviderId', e.billingProviderId],
    ['renderingProviderId', e.renderingProviderId],
    ['referringProviderId', e.referringProviderId],
    ['facilityId', e.facilityId],
  ] as const;
  const ids = [...new Set(named.map(([, id]) => id).filter((id): id is string => !!id))];
  type Row = ScrubReferences & {
    patient: Record<string, unknown> | null;
    providers: Record<string, unknown>[];
    coverage: Record<string, unknown> | null;
    payer: Record<string, unknown> | null;
    now: Date | string;
    existing: Record<string, unknown> | null;
  };
  const [row] = await runStatement<Row>(db, {
    name: 'intake_read',
    text: INTAKE_READ,
    values: [
      orgId,
      e.patientId,
      e.dateOfService,
      ids,
      options.externalId ?? null,
      ...scrubReferenceValues({ ...e, orgId, claimId: options.claimId ?? null }),
    ],
  });
  if (!row?.patient) throw missing('patientId', 'patient', e.patientId);
  const byId = new Map(row.providers.map((p) => fromJsonRow<ProviderRow>(p)).map((p) => [p.id, p]));
  for (const [path, id] of named) if (id && !byId.has(id)) throw missing(path, 'provider', id);
  const pick = (id: string | null) => (id ? byId.get(id)! : null);
  return {
    refs: {
      patient: fromJsonRow<PatientRow>(row.patient),
      providers: {
        billing: pick(e.billingProviderId)!,
        rendering: pick(e.renderingProviderId),
        referring: pick(e.referringProviderId),
        facility: pick(e.facilityId),
      },
    },
    cov:
      row.coverage && row.payer
        ? { coverage: fromJsonRow<CoverageRow>(row.coverage), payer: fromJsonRow<PayerRow>(row.payer) }
        : null,
    now: new Date(row.now),
    scrubReferences: { versions: row.versions, ptp: row.ptp, mue: row.mue, others: row.others },
    existing: row.existing ? fromJsonRow<EncounterRow>(row.existing) : null,
  };
}

/** The date (YYYY-MM-DD) in American Samoa, UTC-11; a formatter is costly to build, so it is built once. */
const lastUsDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Pacific/Pago_Pago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The scrubber's clock, with no practice time zone on file: a date of service is in the future only once it
 * is after today everywhere (UTC is ahead of every US zone), and a filing deadline has passed only once it
 * has passed everywhere in the US (American Samoa, UTC-11, is the last to end its day).
 */
function clock() {
  const now = new Date();
  return { today: now.toISOString().slice(0, 10), filingToday: lastUsDate.format(now) };
}

/** Scrubs a claim built from `e`; with `references` already read (intake), it costs no query. */
async function scrub(
  db: DbOrTx,
  orgId: string,
  claimId: string | null,
  e: EncounterSource,
  refs: EncounterRefs,
  cov: { coverage: CoverageRow | null; payer: PayerRow | null },
  references?: ScrubReferences | null,
) {
  const subject: ScrubSubject = {
    orgId,
    claimId,
    ...clock(),
    dateOfService: e.dateOfService,
    placeOfService: e.placeOfService,
    priorAuthorization: e.priorAuthorization,
    diagnoses: e.diagnoses,
    lines: e.lines,
    patient: refs.patient,
    providers: refs.providers,
    coverage: cov.coverage,
    payer: cov.payer,
  };
  return scrubClaim(references ? await toScrubInput(db, subject, references) : await loadScrubInput(db, subject));
}

const statusFor = (issues: ScrubIssue[]): ClaimStatus => (hasErrors(issues) ? 'needs_attention' : 'ready');
const errorRules = (issues: ScrubIssue[]) => [
  ...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.rule)),
];

function claimColumns(e: EncounterSource, draft: ClaimDraft, cov: CoverageWithPayer, issues: ScrubIssue[]) {
  return {
    coverageId: cov.coverage.id,
    payerId: cov.payer.id,
    billingProviderId: e.billingProviderId,
    dateOfService: draft.dateOfService,
    dateOfServiceTo: draft.dateOfServiceTo,
    placeOfService: e.placeOfService,
    diagnoses: draft.diagnoses,
    totalChargeCents: draft.totalChargeCents,
    filingDeadline: draft.filingDeadline,
    issues,
    codeFingerprint: draft.codeFingerprint,
  };
}

const lineRows = (orgId: string, claimId: string, draft: ClaimDraft): ClaimLineRow[] =>
  draft.lines.map((l) => ({ orgId, claimId, ...l }));

/**
 * A new claim for an encounter, built and scrubbed, as the rows to write (claim, lines, first history
 * entry, claim.created event): `needs_attention` when any edit fails. Writes nothing.
 */
export async function planNewClaim(
  db: DbOrTx,
  ctx: RequestContext,
  e: EncounterSource,
  refs: EncounterRefs,
  cov: CoverageWithPayer,
  now: Date,
  references?: ScrubReferences | null,
): Promise<NewClaim> {
  const pcn = newPatientControlNumber();
  const draft = buildClaimDraft(e, pcn, cov.payer.timelyFilingDays);
  const issues = await scrub(db, ctx.orgId, null, e, refs, cov, references);
  const row: ClaimRow = {
    orgId: ctx.orgId,
    id: newId('claim'),
    encounterId: e.id,
    patientId: e.patientId,
    status: statusFor(issues),
    patientControlNumber: pcn,
    frequencyCode: '1',
    payerClaimNumber: null,
    ...claimColumns(e, draft, cov, issues),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return {
    row,
    lines: lineRows(ctx.orgId, row.id, draft),
    history: {
      reason: row.status === 'ready' ? 'built and scrubbed clean' : 'built; scrub found errors',
      reasonCodes: errorRules(issues),
      actor: ctx.actor,
      requestId: ctx.requestId,
    },
    event: { id: newId('event'), type: 'claim.created', data: claimEventData(row) },
  };
}

/** Builds, scrubs and stores the claim for an encounter (inside the caller's transaction). */
export async function createClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  e: EncounterSource,
  refs: EncounterRefs,
  cov: CoverageWithPayer,
  now: Date,
) {
  const plan = await planNewClaim(tx, ctx, e, refs, cov, now);
  await claimsRepository.insertNew(tx, plan);
  return { claim: plan.row, lines: plan.lines };
}

/**
 * Rebuilds a claim that has not gone to the payer from its (changed) encounter and rescrubs it;
 * the status follows the result (needs_attention ↔ ready; a rejected claim becomes resubmittable),
 * except that a held claim stays on hold.
 */
export async function rebuildClaim(
  tx: DbOrTx,
  ctx: RequestContext,
  claim: ClaimRow,
  e: EncounterSource,
  refs: EncounterRefs,
  cov: CoverageWithPayer,
) {
  if (!isEditable(claim.status as ClaimStatus)) return null;
  const draft = buildClaimDraft(e, claim.patientControlNumber, cov.payer.timelyFilingDays);
  const issues = await scrub(tx, ctx.orgId, claim.id, e, refs, cov);
  const patch = claimColumns(e, draft, cov, issues);
  const target = statusFor(issues);
  await claimsRepository.deleteLines(tx, ctx.orgId, claim.id);
  await claimsRepository.insertLines(tx, lineRows(ctx.orgId, claim.id, draft));
  const updated =
    claim.status !== 'on_hold' && claim.status !== target
      ? await transitionClaim(tx, ctx, claim, target, {
          reason: 'encounter changed; rescrubbed',
          reasonCodes: errorRules(issues),
          patch,
        })
      : await claimsRepository.update(tx, ctx.orgId, claim.id, claim.status, patch);
  await eventsRepository.emit(tx, ctx.orgId, 'claim.updated', claimEventData(updated));
  return updated;
}

/** Runs every edit against the claim's current data without changing anything. */
export async function dryRunScrub(
  db: DbOrTx,
  orgId: string,
  claim: ClaimRow,
  lines: ClaimLineRow[],
  e: EncounterSource,
) {
  const source: EncounterSource = {
    ...e,
    dateOfService: claim.dateOfService,
    diagnoses: claim.diagnoses,
    lines: lines.map((l) => ({
      code: l.code,
      modifiers: l.modifiers,
      units: Number(l.units),
      chargeCents: l.chargeCents,
      diagnosisPointers: l.diagnosisPointers,
      dateOfService: l.dateOfService,
      ndc: l.ndc,
      description: l.description,
    })),
  };
  // One read for the parties and the scrubber's references (the claim itself left out of the duplicate edit).
  const intake = await loadIntake(db, orgId, source, { claimId: claim.id });
  const coverage =
    (
      await db
        .select()
        .from(coverages)
        .where(and(eq(coverages.orgId, orgId), eq(coverages.id, claim.coverageId)))
    )[0] ?? null;
  const payer = (await payersRepository.find(db, orgId, claim.payerId)) ?? null;
  return scrub(db, orgId, claim.id, source, intake.refs, { coverage, payer }, intake.scrubReferences);
}
