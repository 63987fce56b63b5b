import type { CoverageRow, PatientRow, PayerRow, ProviderRow } from '../../db/schema/index.js';
import type { Diagnosis, ServiceLine } from '../../domain/claims/service-line.js';
import { normalizeCode } from '../../domain/codesets/index.js';
import {
  type CodeVersion,
  type ExistingClaimFingerprint,
  type MueLimit,
  type PtpEdit,
  procedureSystem,
  type ScrubInput,
  type ScrubIssue,
  type ScrubProvider,
  scrubClaim,
} from '../../domain/scrub/index.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';

/**
 * Scrub orchestration: the pure scrubber's input, assembled from rows the callers read (the claim's content,
 * its parties, the reference rows of `scrubReferenceColumns`, the code-set coverage), and the scrub itself.
 * Reads nothing: intake reads all of it in its one statement, a rescrub in a few.
 */

/** What the claim bills: the part of a claim (or of the encounter it is built from) the edits judge. */
export interface ScrubContent {
  dateOfService: string;
  placeOfService: string;
  priorAuthorization: string | null;
  diagnoses: Diagnosis[];
  lines: ServiceLine[];
}

/** Who and what the claim names, as stored (each in the caller's organization, or null when unknown). */
export interface ClaimParties {
  patient: PatientRow;
  providers: {
    billing: ProviderRow | null;
    rendering: ProviderRow | null;
    referring: ProviderRow | null;
    facility: ProviderRow | null;
  };
  coverage: CoverageRow | null;
  payer: PayerRow | null;
}

type Version = {
  system: string;
  codeKey: string;
  code: string;
  billable: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  shortDescription: string;
  longDescription: string;
};
/**
 * The scrubber's reference rows, as `scrubReferenceColumns` (claims.sql.ts) selects them: JSON objects built
 * with the scrubber's own field names, so NCCI pairs, MUE limits and the other claims need no mapping.
 */
export interface ScrubReferences {
  versions: Version[];
  ptp: PtpEdit[];
  mue: MueLimit[];
  others: ExistingClaimFingerprint[];
}

function listOf<T>(row: Record<string, unknown>, column: keyof ScrubReferences, fields: readonly (keyof T)[]): T[] {
  const value = row[column];
  if (!Array.isArray(value)) throw new Error(`scrub references: column ${column} is not a JSON array.`);
  for (const item of value) {
    const missing = fields.filter((f) => !(f in (item as object)));
    if (missing.length) throw new Error(`scrub references: ${column} rows lack ${missing.join(', ')}.`);
  }
  return value as T[];
}

/** The reference columns of a row that selected `scrubReferenceColumns`, checked (by the repository that read them). */
export const decodeReferences = (row: Record<string, unknown>): ScrubReferences => ({
  versions: listOf<Version>(row, 'versions', ['system', 'codeKey', 'code', 'billable', 'effectiveFrom', 'effectiveTo']),
  ptp: listOf<PtpEdit>(row, 'ptp', ['column1', 'column2', 'effectiveFrom', 'deletedOn', 'modifierIndicator']),
  mue: listOf<MueLimit>(row, 'mue', ['code', 'maxUnits', 'adjudicationIndicator']),
  others: listOf<ExistingClaimFingerprint>(row, 'others', ['claimId', 'dateOfService', 'codes', 'status', 'createdAt']),
});

/**
 * The parameters of `scrubReferenceColumns` for a claim: its codes as (system, key) pairs, its procedure codes
 * (NCCI pairs and MUE limits), the patient, and the first service date it is stored under (duplicate edit).
 * `claimId` is the stored claim left out of the duplicate candidates ('' for a claim being built).
 */
export function referenceValues(orgId: string, patientId: string, claimId: string | null, content: ScrubContent) {
  const pairs = new Map<string, [string, string]>();
  const add = (system: string, code: string) => {
    const key = normalizeCode('icd10cm', code);
    pairs.set(`${system}|${key}`, [system, key]);
  };
  for (const d of content.diagnoses) add('icd10cm', d.code);
  for (const l of content.lines) {
    const system = procedureSystem(l.code.trim().toUpperCase());
    if (system) add(system, l.code);
    for (const m of l.modifiers) add('modifier', m);
  }
  add('pos', content.placeOfService);
  const list = [...pairs.values()];
  // Claims are stored under their earliest service date (a line may predate the encounter).
  const claimFrom = [
    content.dateOfService,
    ...content.lines.map((l) => l.dateOfService ?? content.dateOfService),
  ].sort()[0]!;
  return {
    orgId,
    patientId,
    dateOfService: content.dateOfService,
    claimId: claimId ?? '',
    codeSystems: list.map(([system]) => system),
    codeKeys: list.map(([, key]) => key),
    procedureCodes: [...new Set(content.lines.map((l) => normalizeCode('cpt', l.code)))],
    claimFrom,
  };
}

const toScrubProvider = (p: ProviderRow | null): ScrubProvider | null =>
  p && {
    id: p.id,
    kind: p.kind,
    npi: p.npi,
    firstName: p.firstName,
    lastName: p.lastName,
    organizationName: p.organizationName,
    taxonomyCode: p.taxonomyCode,
    taxId: p.taxId,
    address: p.address ?? null,
    active: p.active,
  };

export interface ScrubRequest {
  content: ScrubContent;
  parties: ClaimParties;
  references: ScrubReferences;
  coverage: CodeSetCoverage;
  /** The organization's today (its time zone). */
  today: string;
  /** The claim being rescrubbed, when stored (the duplicate edit judges it against earlier claims only). */
  stored: {
    id: string;
    createdAt: Date;
    correctsClaimId?: string | null;
    correctedByClaimId?: string | null;
  } | null;
  /** For a correction being built: the claim it replaces or voids. */
  corrects?: string | null;
}

/**
 * A correction and the claim it corrects bill the same services on purpose (the payer pairs them by REF*F8), so
 * neither is one of the other's "other claims": not a duplicate, not the primary procedure of an add-on.
 */
function linkedClaimIds({ stored, corrects }: Pick<ScrubRequest, 'stored' | 'corrects'>): Set<string> {
  const ids = [corrects, stored?.correctsClaimId, stored?.correctedByClaimId];
  return new Set(ids.filter((id): id is string => !!id));
}

const addOnLookup = (table: NonNullable<CodeSetCoverage['addOnEdits']>) => (code: string) =>
  table.get(normalizeCode('cpt', code)) ?? [];

/** The scrubber's input from rows already read. */
export function toScrubInput(request: ScrubRequest): ScrubInput {
  const { content, parties, references, coverage, today, stored } = request;
  const linked = linkedClaimIds(request);
  const byKey = new Map<string, CodeVersion[]>();
  for (const v of references.versions) {
    const k = `${v.system}|${v.codeKey}`;
    const list = byKey.get(k) ?? [];
    list.push({
      system: v.system as CodeVersion['system'],
      code: v.code,
      billable: v.billable,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      shortDescription: v.shortDescription,
      longDescription: v.longDescription,
    });
    byKey.set(k, list);
  }
  const mueByCode = new Map<string, MueLimit>(references.mue.map((m) => [m.code, m]));
  const { patient, coverage: cov, payer } = parties;
  return {
    today,
    verifiedSystems: coverage.verified,
    codeSetStart: coverage.codeSetStart,
    codeSetEnd: coverage.codeSetEnd,
    codeReplacements: (system, code) =>
      system === 'icd10cm' ? (coverage.codeReplacements.get(normalizeCode('icd10cm', code)) ?? []) : [],
    ...(coverage.addOnEdits ? { addOnEdits: addOnLookup(coverage.addOnEdits) } : {}),
    claim: content,
    patient: {
      id: patient.id,
      firstName: patient.firstName,
      lastName: patient.lastName,
      birthDate: patient.birthDate,
      sex: patient.sex,
      address: patient.address ?? null,
    },
    providers: {
      billing: toScrubProvider(parties.providers.billing),
      rendering: toScrubProvider(parties.providers.rendering),
      referring: toScrubProvider(parties.providers.referring),
      facility: toScrubProvider(parties.providers.facility),
    },
    coverage: cov && {
      id: cov.id,
      memberId: cov.memberId,
      effectiveFrom: cov.effectiveFrom,
      effectiveTo: cov.effectiveTo,
      active: cov.active,
      subscriberFirstName: cov.subscriber?.firstName ?? null,
      subscriberLastName: cov.subscriber?.lastName ?? null,
    },
    payer: payer && {
      id: payer.id,
      name: payer.name,
      ediPayerId: payer.ediPayerId,
      timelyFilingDays: payer.timelyFilingDays,
      claimFilingIndicator: payer.claimFilingIndicator,
    },
    codes: (system, code) => byKey.get(`${system}|${normalizeCode('icd10cm', code)}`) ?? [],
    ptpEdits: references.ptp,
    mueLimits: (code) => mueByCode.get(normalizeCode('cpt', code)),
    existingClaims: linked.size ? references.others.filter((o) => !linked.has(o.claimId)) : references.others,
    storedClaim: stored && { id: stored.id, createdAt: stored.createdAt.toISOString() },
  };
}

/** Runs every edit. */
export const scrub = (request: ScrubRequest): ScrubIssue[] => scrubClaim(toScrubInput(request));
