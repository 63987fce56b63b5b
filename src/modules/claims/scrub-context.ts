import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { claims, type EncounterLineValue } from '../../db/schema/index.js';
import { normalizeCode } from '../../domain/codesets/index.js';
import { procedureSystem, type CodeVersion, type MueLimit, type ScrubInput, type ScrubProvider } from '../../domain/scrub/index.js';
import { codesRepository, verifiedSystems } from '../codes/codes.repository.js';
import type { CoverageRow } from '../coverages/coverages.repository.js';
import type { PatientRow } from '../patients/patients.repository.js';
import type { PayerRow } from '../payers/payers.repository.js';
import type { ProviderRow } from '../providers/providers.repository.js';

export interface ScrubSubject {
  orgId: string;
  claimId: string | null;
  today: string;
  dateOfService: string;
  placeOfService: string;
  priorAuthorization: string | null;
  diagnoses: { code: string }[];
  lines: Pick<EncounterLineValue, 'code' | 'modifiers' | 'units' | 'chargeCents' | 'diagnosisPointers' | 'dateOfService' | 'ndc'>[];
  patient: PatientRow;
  providers: { billing: ProviderRow | null; rendering: ProviderRow | null; referring: ProviderRow | null; facility: ProviderRow | null };
  coverage: CoverageRow | null;
  payer: PayerRow | null;
}

const toScrubProvider = (p: ProviderRow | null): ScrubProvider | null =>
  p && { id: p.id, kind: p.kind, npi: p.npi, firstName: p.firstName, lastName: p.lastName, organizationName: p.organizationName, taxonomyCode: p.taxonomyCode, taxId: p.taxId, address: p.address ?? null };

/**
 * Everything the pure scrubber needs, read in a handful of set-based queries: every version of every
 * code on the claim, the NCCI pairs among its procedure codes, their MUE limits, and this patient's
 * other claims for the same date (duplicate edit).
 */
export async function loadScrubInput(db: DbOrTx, s: ScrubSubject): Promise<ScrubInput> {
  const pairs = new Map<string, { system: string; key: string }>();
  const add = (system: string, code: string) => {
    const key = normalizeCode('icd10cm', code);
    pairs.set(`${system}|${key}`, { system, key });
  };
  for (const d of s.diagnoses) add('icd10cm', d.code);
  for (const l of s.lines) {
    const system = procedureSystem(l.code.trim().toUpperCase());
    if (system) add(system, l.code);
    for (const m of l.modifiers) add('modifier', m);
  }
  add('pos', s.placeOfService);
  const procedureKeys = [...new Set(s.lines.map((l) => normalizeCode('cpt', l.code)))];

  // Sequential on purpose: inside a transaction all queries share one connection.
  const versions = await codesRepository.versionsOfMany(db, [...pairs.values()]);
  const ptp = await codesRepository.ptpCandidates(db, procedureKeys);
  const mue = await codesRepository.mueFor(db, procedureKeys, s.dateOfService);
  const others = await db
    .select({ id: claims.id, patientId: claims.patientId, dateOfService: claims.dateOfService, billingProviderId: claims.billingProviderId, codes: claims.codeFingerprint, status: claims.status })
    .from(claims)
    .where(and(eq(claims.orgId, s.orgId), eq(claims.patientId, s.patient.id), eq(claims.dateOfService, s.dateOfService), s.claimId ? ne(claims.id, s.claimId) : sql`true`));

  const verified = new Set((await verifiedSystems(db)).map((r) => r.system as CodeVersion['system']));

  const byKey = new Map<string, CodeVersion[]>();
  for (const v of versions) {
    const k = `${v.system}|${v.codeKey}`;
    const list = byKey.get(k) ?? [];
    list.push({ system: v.system as CodeVersion['system'], code: v.code, billable: v.billable, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, shortDescription: v.shortDescription });
    byKey.set(k, list);
  }
  const mueByCode = new Map<string, MueLimit>(
    mue.map((m) => [m.code, { code: m.code, maxUnits: m.maxUnits, adjudicationIndicator: m.adjudicationIndicator as 1 | 2 | 3, rationale: m.rationale }]),
  );

  return {
    today: s.today,
    verifiedSystems: verified,
    claim: { dateOfService: s.dateOfService, placeOfService: s.placeOfService, priorAuthorization: s.priorAuthorization, diagnoses: s.diagnoses, lines: s.lines },
    patient: { id: s.patient.id, firstName: s.patient.firstName, lastName: s.patient.lastName, birthDate: s.patient.birthDate, sex: s.patient.sex, address: s.patient.address ?? null },
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
    payer: s.payer && { id: s.payer.id, name: s.payer.name, ediPayerId: s.payer.ediPayerId, timelyFilingDays: s.payer.timelyFilingDays },
    codes: (system, code) => byKey.get(`${system}|${normalizeCode('icd10cm', code)}`) ?? [],
    ptpEdits: ptp.map((p) => ({ column1: p.column1, column2: p.column2, effectiveFrom: p.effectiveFrom, deletedOn: p.deletedOn, modifierIndicator: p.modifierIndicator as '0' | '1' | '9', rationale: p.rationale })),
    mueLimits: (code) => mueByCode.get(normalizeCode('cpt', code)),
    existingClaims: others.map((o) => ({ claimId: o.id, patientId: o.patientId, dateOfService: o.dateOfService, billingProviderId: o.billingProviderId, codes: o.codes, status: o.status })),
  };
}
