/**
 * Shapes produced by the code-set file parsers. The importer (src/bin, src/modules/codes) maps these
 * to rows; nothing here knows about the database.
 */
export type CodeSystem = 'icd10cm' | 'cpt' | 'hcpcs' | 'modifier' | 'pos' | 'carc' | 'rarc' | 'adjustment-group';

export const CODE_SYSTEMS: readonly CodeSystem[] = [
  'icd10cm',
  'cpt',
  'hcpcs',
  'modifier',
  'pos',
  'carc',
  'rarc',
  'adjustment-group',
];

export interface CodeRecord {
  system: CodeSystem;
  /** Display form: ICD-10-CM with the dot (E11.9; 3-character codes such as I10 have none); others upper-case, trimmed. */
  code: string;
  shortDescription: string;
  longDescription: string;
  /** ICD-10-CM: order-file flag 1 (valid for HIPAA transactions); headers (flag 0) are false. Other systems: true. */
  billable: boolean;
  /** ISO YYYY-MM-DD when the file carries a start date (HCPCS add date / action effective date), else null. */
  effectiveFrom: string | null;
  /** ISO YYYY-MM-DD when the file carries a termination date, else null. */
  effectiveTo: string | null;
  /** Extra published fields worth keeping (hcpcs: coverageCode, betos, actionCode, ...; icd10cm: orderNumber). */
  attributes: Record<string, string>;
}

/** One NCCI procedure-to-procedure edit (practitioner file). */
export interface PtpEditRecord {
  /** Column 1 code: the one that is paid. */
  column1: string;
  /** Column 2 code: denied when billed with column 1, unless the modifier indicator allows a bypass modifier. */
  column2: string;
  /** `*` in the "in existence prior to 1996" column. */
  priorTo1996: boolean;
  /** ISO date. */
  effectiveFrom: string;
  /** ISO date, or null when the file says `*` (edit still active). */
  deletedOn: string | null;
  /** 0 = never together, 1 = allowed with an NCCI-associated modifier, 9 = not applicable. */
  modifierIndicator: '0' | '1' | '9';
  rationale: string;
}

/** One medically-unlikely-edit row (practitioner services MUE file). */
export interface MueRecord {
  code: string;
  maxUnits: number;
  /** 1 = line edit, 2 = date-of-service edit (policy), 3 = date-of-service edit (clinical). */
  adjudicationIndicator: 1 | 2 | 3;
  /** Text after the indicator digit, e.g. "Date of Service Edit: Clinical". */
  adjudicationText: string;
  rationale: string;
}

/** One NCCI add-on code edit (AOC file row): an add-on code and one of its primary procedures. */
export interface AocEditRecord {
  /** 1 = only the listed primaries; 2 = no list (contractor-defined); 3 = the listed primaries and others the contractor accepts. */
  editType: 1 | 2 | 3;
  addOnCode: string;
  /** Null where CMS writes CCCCC (contractor-defined primaries). */
  primaryCode: string | null;
  /** ISO dates; every deletion date is the last day the row applies. */
  addOnDeletedOn: string | null;
  primaryDeletedOn: string | null;
  effectiveFrom: string;
  deletedOn: string | null;
  notes: string;
}

/** A code-set file that does not match its published layout. The message always names the line. */
export class CodeFileError extends Error {
  /** The problem without the "line N: " prefix. */
  readonly reason: string;

  constructor(
    readonly lineNumber: number,
    message: string,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = 'CodeFileError';
    this.reason = message;
  }
}
