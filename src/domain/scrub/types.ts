import type { ServiceLine } from '../claims/service-line.js';
import type { PtpEditRecord } from '../codesets/types.js';
/** The scrubber's input and output shapes. Pure data: the claims service builds a ScrubInput from rows. */

export type Severity = 'error' | 'warning';

export interface ScrubIssue {
  rule: string;
  severity: Severity;
  /**
   * JSON path into the encounter/claim input, dotted with 0-based brackets: 'diagnoses[0].code',
   * 'lines[1].modifiers[2]', 'patient.sex', 'providers.billing.npi', 'coverage', 'payer.ediPayerId'.
   */
  path: string;
  message: string;
  hint: string;
}

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
}

export interface ScrubProvider {
  id: string;
  kind: 'individual' | 'organization';
  npi: string;
  firstName?: string | null;
  lastName?: string | null;
  organizationName?: string | null;
  taxonomyCode?: string | null;
  taxId?: string | null;
  address?: Address | null;
  /** False once the practice deactivated the provider; absent = active. */
  active?: boolean;
}

export interface ScrubPatient {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'male' | 'female' | 'unknown';
  address?: Address | null;
}

export interface ScrubCoverage {
  id: string;
  memberId: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  active: boolean;
  subscriberFirstName?: string | null;
  subscriberLastName?: string | null;
}

export interface ScrubPayer {
  id: string;
  name: string;
  ediPayerId: string | null;
  timelyFilingDays: number;
  /** X12 SBR09 claim filing indicator (CI commercial, MB Medicare Part B, MC Medicaid…); absent = unknown. */
  claimFilingIndicator?: string | null;
}

/** The scrubber judges service lines in their one shape (domain/claims/service-line.ts). */
export type ScrubLine = ServiceLine;

export interface CodeVersion {
  system: 'icd10cm' | 'cpt' | 'hcpcs' | 'modifier' | 'pos';
  /** Display form (E11.9). */
  code: string;
  billable: boolean;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  shortDescription: string;
  /** The official title, when loaded (used to recognise not-otherwise-classified HCPCS codes). */
  longDescription?: string;
}

/** An NCCI procedure-to-procedure edit as the scrubber needs it (the file record minus its pre-1996 flag). */
export type PtpEdit = Omit<PtpEditRecord, 'priorTo1996'>;

export interface MueLimit {
  code: string;
  maxUnits: number;
  adjudicationIndicator: 1 | 2 | 3;
  rationale: string;
}

/** Where a system's loaded code set ends (the last day its latest release covers), and the release after it. */
export interface CodeSetEnd {
  end: string;
  /** The release that is not loaded, as a person names it: "ICD-10-CM FY2027 (effective 2026-10-01)". */
  next: string;
}

/**
 * What a release put in place of a code it deleted or turned into a header: the billable codes valid from that
 * release under the code itself (a new header) or under its nearest ancestor that is still there (a deletion).
 */
export interface CodeReplacement {
  /** The release's effective date: the code is deleted or a header from this day. */
  from: string;
  /** Display form of the code the replacements are under. */
  under: string;
  /** Display forms, in code order; at most a few. */
  codes: string[];
  /** How many billable codes there are under `under` on `from`. */
  total: number;
}

/** One NCCI add-on code edit row (CMS AOC table) for an add-on code. */
export interface AddOnEdit {
  /** 1: only the listed primaries; 2: contractor-defined primaries, no list; 3: the listed primaries are examples. */
  editType: 1 | 2 | 3;
  /** Null for contractor-defined primaries. */
  primaryCode: string | null;
  effectiveFrom: string;
  /** The last day the row applies: the edit's, the add-on's or the primary's deletion date, whichever is first. */
  effectiveTo: string | null;
}

export interface ExistingClaimFingerprint {
  claimId: string;
  patientId: string;
  dateOfService: string;
  billingProviderId: string;
  /** Its payer: the same services billed to another payer are coordination of benefits, not a duplicate. */
  payerId?: string;
  /** Built with `claimCodeFingerprint` (duplicate.rules.ts). */
  codes: string[];
  status: string;
  /** When it was built (ISO timestamp): of two duplicates, only the later one is in error. */
  createdAt: string;
}

export interface ScrubClaim {
  dateOfService: string;
  placeOfService: string;
  priorAuthorization?: string | null;
  diagnoses: { code: string }[];
  lines: ScrubLine[];
}

export interface ScrubInput {
  /**
   * Today where the practice is (its time zone), YYYY-MM-DD: the scrubber never reads the system time. Dates
   * after it are in the future; the timely-filing deadline has passed once it is before it.
   */
  today: string;
  /**
   * Code systems loaded from a complete official release. An unknown code in a system that only has
   * the starter set cannot be judged invalid: it is a warning there, an error here. Absent = all complete.
   * Modifiers come in two families with separate publishers: `modifier:hcpcs` (HCPCS Level II, CMS, a
   * letter first) and `modifier:cpt` (CPT, AMA, a digit first); `modifier` stands for both.
   */
  verifiedSystems?: ReadonlySet<string>;
  /**
   * First date of service each system's loaded code set covers (YYYY-MM-DD): the start of the earliest
   * release loaded. Before it, a code that is unknown, or that only starts with that release, cannot be
   * judged (it may well have been valid then), so the scrubber warns instead of erroring. Absent = no limit.
   */
  codeSetStart?: Partial<Record<CodeVersion['system'], string>>;
  /**
   * Where each system's loaded code set ends: after it, a code that is unknown may be a code of the release
   * that is not loaded, so the scrubber warns, naming that release, instead of erroring. Absent = no end.
   */
  codeSetEnd?: Partial<Record<CodeVersion['system'], CodeSetEnd>>;
  /** The replacements releases published for a code they deleted or turned into a header (newest last); absent = none known. */
  codeReplacements?: (system: CodeVersion['system'], code: string) => readonly CodeReplacement[];
  /**
   * The NCCI add-on code edit rows of a code (any dates; empty when it is not an add-on code), when the CMS
   * table is loaded. Absent: the add-on edit uses our curated list of common add-on codes instead.
   */
  addOnEdits?: (code: string) => readonly AddOnEdit[];
  claim: ScrubClaim;
  patient: ScrubPatient;
  providers: {
    billing: ScrubProvider | null;
    rendering?: ScrubProvider | null;
    referring?: ScrubProvider | null;
    facility?: ScrubProvider | null;
  };
  coverage: ScrubCoverage | null;
  payer: ScrubPayer | null;
  /** Every stored version of that code (any date); empty = unknown. The caller normalises ICD dots. */
  codes: (system: CodeVersion['system'], code: string) => CodeVersion[];
  /** Candidate NCCI pairs among the claim's codes (any dates); the rule checks the dates. */
  ptpEdits: PtpEdit[];
  mueLimits: (code: string) => MueLimit | undefined;
  /** Other claims of this patient (the caller excludes the claim being scrubbed). */
  existingClaims: ExistingClaimFingerprint[];
  /** The scrubbed claim when it is already stored (a rescrub); absent or null for a claim being built. */
  storedClaim?: { id: string; createdAt: string } | null;
}

/** Collects the issues of one rule; the rule id is filled in by `defineRule`. */
export interface IssueReporter {
  error(path: string, message: string, hint: string): void;
  warning(path: string, message: string, hint: string): void;
  report(severity: Severity, path: string, message: string, hint: string): void;
}

/** A scrub rule: a function of the whole input that carries its stable id. */
export interface ScrubRule {
  (input: ScrubInput): ScrubIssue[];
  readonly id: string;
}
