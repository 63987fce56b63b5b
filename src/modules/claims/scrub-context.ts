import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { runStatement } from '../../db/statements.js';
import type { EncounterLineValue } from '../../db/schema/index.js';
import { normalizeCode } from '../../domain/codesets/index.js';
import {
  procedureSystem,
  type CodeVersion,
  type MueLimit,
  type ScrubInput,
  type ScrubProvider,
} from '../../domain/scrub/index.js';
import { cachedVerifiedSystems } from '../codes/verified-systems.js';
import type { CoverageRow } from '../coverages/coverages.repository.js';
import type { PatientRow } from '../patients/patients.repository.js';
import type { PayerRow } from '../payers/payers.repository.js';
import type { ProviderRow } from '../providers/providers.repository.js';

export interface ScrubSubject {
  orgId: string;
  claimId: string | null;
  today: string;
  filingToday?: string;
  dateOfService: string;
  placeOfService: string;
  priorAuthorization: string | null;
  diagnoses: { code: string }[];
  lines: Pick<
    EncounterLineValue,
    'code' | 'modifiers' | 'units' | 'chargeCents' | 'diagnosisPointers' | 'dateOfService' | 'ndc' | 'description'
  >[];
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

type CodeSetStart = NonNullable<ScrubInput['codeSetStart']>;
const SCRUBBED_SYSTEMS: readonly CodeVersion['system'][] = ['icd10cm', 'cpt', 'hcpcs', 'modifier', 'pos'];

/**
 * The first date each system's loaded code set covers (ScrubInput.codeSetStart). An official release covers
 * its system from its effective date (the FY2026 ICD-10-CM order file from 2025-10-01). The starter set's
 * release row carries a nominal date, so a system holding only starter codes covers from its earliest code
 * (the starter ICD-10-CM codes are FY2026 codes, dated 2025-10-01). Both queries read a few rows.
 */
async function codeSetStarts(db: DbOrTx, verified: ReadonlySet<string>): Promise<CodeSetStart> {
  const starts: CodeSetStart = {};
  const official = await queryRows<{ system: string; start: string }>(
    db,
    sql`select system, min(effective_from)::text as start from code_releases where source <> 'starter' group by system`,
  );
  for (const r of official)
    if ((SCRUBBED_SYSTEMS as readonly string[]).includes(r.system)) starts[r.system as CodeVersion['system']] = r.start;
  const starterOnly = SCRUBBED_SYSTEMS.filter((system) => !verified.has(system));
  if (starterOnly.length > 0) {
    const starter = await queryRows<{ system: string; start: string }>(
      db,
      sql`select system, min(effective_from)::text as start from codes where system in (${sql.join(
        starterOnly.map((x) => sql`${x}`),
        sql`, `,
      )}) group by system`,
    );
    for (const r of starter) starts[r.system as CodeVersion['system']] = r.start;
  }
  return starts;
}

/**
 * Code-set coverage changes only with an import, like the verified systems: computed once per answer of
 * cachedVerifiedSystems (a new Set after its TTL or after an import), so a scrub costs no extra query.
 */
const startsByVerified = new WeakMap<ReadonlySet<string>, Promise<CodeSetStart>>();
function cachedCodeSetStarts(db: DbOrTx, verified: ReadonlySet<string>): Promise<CodeSetStart> {
  let starts = startsByVerified.get(verified);
  if (!starts) {
    starts = codeSetStarts(db, verified);
    startsByVerified.set(verified, starts);
    starts.catch(() => startsByVerified.delete(verified));
  }
  return starts;
}

type Versions = {
  system: string;
  codeKey: string;
  code: string;
  billable: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  shortDescription: string;
  longDescription: string;
}[];
type Ptp = {
  column1: string;
  column2: string;
  effectiveFrom: string;
  deletedOn: string | null;
  modifierIndicator: string;
  rationale: string;
}[];
type Mue = { code: string; maxUnits: number; adjudicationIndicator: number; rationale: string }[];
type Others = {
  id: string;
  patientId: string;
  dateOfService: string;
  billingProviderId: string;
  codes: string[];
  status: string;
}[];

/** The scrubber's reference rows, as `scrubReferenceColumns` selects them. */
export interface ScrubReferences {
  versions: Versions;
  ptp: Ptp;
  mue: Mue;
  others: Others;
}

/** What the reference read needs to know about the claim: its codes, patient, date and (when stored) id. */
export type ReferenceSubject = Pick<
  ScrubSubject,
  'orgId' | 'claimId' | 'dateOfService' | 'placeOfService' | 'diagnoses' | 'lines'
> & { patientId: string };

/**
 * The scrubber's reference data as four select-list columns (`versions`, `ptp`, `mue`, `others`), so a
 * caller can read it in the same round trip as whatever else it needs: every version of every code on
 * the claim, the NCCI pairs among its procedure codes, their MUE limits on the date, and the patient's
 * other claims that day (duplicate edit). Fixed text: its 8 parameters are numbered from `first`, with
 * the values of `scrubReferenceValues`, in that order.
 */
export function scrubReferenceColumns(first: number): string {
  const [org, patient, day, claimId, systems, keys, proc, from] = Array.from({ length: 8 }, (_, i) => `$${first + i}`);
  return `(select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code, 'billable', c.billable,
          'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to, 'shortDescription', c.short_description,
          'longDescription', c.long_description) order by c.effective_from), '[]')
        from unnest(${systems}::text[], ${keys}::text[]) as k(system, code_key)
        join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
      (select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
          'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
        from ncci_ptp_edits where column1 = any(${proc}::text[]) and column2 = any(${proc}::text[])) as ptp,
      (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units, 'adjudicationIndicator', adjudication_indicator,
          'rationale', rationale)), '[]')
        from mue_limits where code = any(${proc}::text[]) and effective_from <= ${day}::date
          and (effective_to is null or effective_to >= ${day}::date)) as mue,
      (select coalesce(json_agg(json_build_object('id', id, 'patientId', patient_id, 'dateOfService', date_of_service,
          'billingProviderId', billing_provider_id, 'codes', code_fingerprint, 'status', status)), '[]')
        from claims where org_id = ${org} and patient_id = ${patient} and date_of_service = ${from}::date
          and id <> ${claimId}) as others`;
}

/** The values for `scrubReferenceColumns`' parameters: which codes, procedure pairs, patient and day to read. */
export function scrubReferenceValues(s: ReferenceSubject): unknown[] {
  const pairs = new Map<string, [string, string]>();
  const add = (system: string, code: string) => {
    const key = normalizeCode('icd10cm', code);
    pairs.set(`${system}|${key}`, [system, key]);
  };
  for (const d of s.diagnoses) add('icd10cm', d.code);
  for (const l of s.lines) {
    const system = procedureSystem(l.code.trim().toUpperCase());
    if (system) add(system, l.code);
    for (const m of l.modifiers) add('modifier', m);
  }
  add('pos', s.placeOfService);
  const procedureKeys = [...new Set(s.lines.map((l) => normalizeCode('cpt', l.code)))];
  const list = [...pairs.values()];
  // Claims are stored under their earliest service date (a line may predate the encounter).
  const from = [s.dateOfService, ...s.lines.map((l) => l.dateOfService ?? s.dateOfService)].sort()[0];
  return [
    s.orgId,
    s.patientId,
    s.dateOfService,
    s.claimId ?? '',
    list.map(([system]) => system),
    list.map(([, key]) => key),
    procedureKeys,
    from,
  ];
}

const SCRUB_REFERENCES = `select ${scrubReferenceColumns(1)}`;

/** Everything the pure scrubber needs, in one statement (see `scrubReferenceColumns`). */
export async function loadScrubInput(db: DbOrTx, s: ScrubSubject): Promise<ScrubInput> {
  const values = scrubReferenceValues({ ...s, patientId: s.patient.id });
  const [refs] = await runStatement<ScrubReferences>(db, { name: 'scrub_references', text: SCRUB_REFERENCES, values });
  return toScrubInput(db, s, refs!);
}

/** The scrubber's input from the subject and its reference rows (code-set coverage comes from a cache). */
export async function toScrubInput(
  db: DbOrTx,
  s: ScrubSubject,
  { versions, ptp, mue, others }: ScrubReferences,
): Promise<ScrubInput> {
  const verified = (await cachedVerifiedSystems(db)) as Set<CodeVersion['system']>;
  // A shared computation that failed (another request's transaction aborted) is redone on this connection.
  const codeSetStart = await cachedCodeSetStarts(db, verified).catch(() => codeSetStarts(db, verified));

  const byKey = new Map<string, CodeVersion[]>();
  for (const v of versions) {
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
  const mueByCode = new Map<string, MueLimit>(
    mue.map((m) => [
      m.code,
      {
        code: m.code,
        maxUnits: m.maxUnits,
        adjudicationIndicator: m.adjudicationIndicator as 1 | 2 | 3,
        rationale: m.rationale,
      },
    ]),
  );

  return {
    today: s.today,
    ...(s.filingToday ? { filingToday: s.filingToday } : {}),
    verifiedSystems: verified,
    codeSetStart,
    claim: {
      dateOfService: s.dateOfService,
      placeOfService: s.placeOfService,
      priorAuthorization: s.priorAuthorization,
      diagnoses: s.diagnoses,
      lines: s.lines,
    },
    patient: {
      id: s.patient.id,
      firstName: s.patient.firstName,
      lastName: s.patient.lastName,
      birthDate: s.patient.birthDate,
      sex: s.patient.sex,
      address: s.patient.address ?? null,
    },
    providers: {
      billing: toScrubProvider(s.providers.billing),
      rendering: toScrubProvider(s.providers.rendering),
      referring: toScrubProvider(s.providers.referring),
      facility: toScrubProvider(s.providers.facility),
    },
    coverage: s.coverage && {
      id: s.coverage.id,
      memberId: s.coverage.memberId,
      effectiveFrom: s.coverage.effectiveFrom,
      effectiveTo: s.coverage.effectiveTo,
      active: s.coverage.active,
      subscriberFirstName: s.coverage.subscriber?.firstName ?? null,
      subscriberLastName: s.coverage.subscriber?.lastName ?? null,
    },
    payer: s.payer && {
      id: s.payer.id,
      name: s.payer.name,
      ediPayerId: s.payer.ediPayerId,
      timelyFilingDays: s.payer.timelyFilingDays,
      claimFilingIndicator: s.payer.claimFilingIndicator,
    },
    codes: (system, code) => byKey.get(`${system}|${normalizeCode('icd10cm', code)}`) ?? [],
    ptpEdits: ptp.map((p) => ({
      column1: p.column1,
      column2: p.column2,
      effectiveFrom: p.effectiveFrom,
      deletedOn: p.deletedOn,
      modifierIndicator: p.modifierIndicator as '0' | '1' | '9',
      rationale: p.rationale,
    })),
    mueLimits: (code) => mueByCode.get(normalizeCode('cpt', code)),
    existingClaims: others.map((o) => ({
      claimId: o.id,
      patientId: o.patientId,
      dateOfService: o.dateOfService,
      billingProviderId: o.billingProviderId,
      codes: o.codes,
      status: o.status,
    })),
  };
}
