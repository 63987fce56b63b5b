import type { Cents, Thousandths } from '../money.js';

/**
 * 837P 2410 CTP05-1, the unit a drug quantity is counted in (005010X222A1 code list): F2 international unit,
 * GR gram, ME milligram, ML milliliter, UN unit.
 */
export const NDC_UNITS = ['F2', 'GR', 'ME', 'ML', 'UN'] as const;
export type NdcUnit = (typeof NDC_UNITS)[number];

/**
 * A billed service, declared once. The encounter stores its lines in this shape, the scrubber judges it,
 * the claim copies it into numbered lines, and the 837P writes it as 2400 SV1. The API schemas and the
 * database tables are mapped to it at their edges (`intake.schemas.ts` / `claim-mapper.ts`,
 * `db/schema/claims.ts`); a new field goes here, in those schemas, in the table and in the mappers.
 */
export interface ServiceLine {
  /** CPT or HCPCS code, upper case (837P SV101-2). */
  code: string;
  /** Up to four procedure modifiers, upper case (SV101-3…6). */
  modifiers: string[];
  /** Service units in thousandths of a unit (1 unit = 1000): no floating point (SV104). */
  unitsThousandths: Thousandths;
  /** Line charge in integer cents (SV102). */
  chargeCents: Cents;
  /** 1-based positions in the claim's diagnoses, most important first, up to four (SV107). */
  diagnosisPointers: number[];
  /** When the line was performed, when it differs from the encounter's date (DTP*472). */
  dateOfService: string | null;
  /** National Drug Code, 11 digits, for drug lines (2410 LIN). */
  ndc: string | null;
  /** How much of the drug was given, in thousandths of `ndcUnit` (2410 CTP04): required with an NDC. */
  ndcQuantityThousandths: Thousandths | null;
  /** What the NDC quantity counts (2410 CTP05-1): required with an NDC. */
  ndcUnit: NdcUnit | null;
  /** What was done, in words: required for unlisted and not-otherwise-classified codes (SV101-7). */
  description: string | null;
}

/** A line of a claim: the service with its number, its line item control number and its own date. */
export interface ClaimLine extends Omit<ServiceLine, 'dateOfService'> {
  lineNumber: number;
  /** 2400 REF*6R line item control number: ties 835 service-line payments back to this line. */
  controlNumber: string;
  /** The line's date, or the encounter's when the line has none. */
  dateOfService: string;
}

/** A diagnosis as the encounter and the claim hold it (ICD-10-CM, in the order given). */
export interface Diagnosis {
  code: string;
}
