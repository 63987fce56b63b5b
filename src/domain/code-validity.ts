/** Whether a code may be billed on a date, given every stored version of it. Pure. */
export interface CodeVersionLike {
  billable: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export type ValidityReason = 'unknown_code' | 'not_billable_header' | 'not_effective_on_date' | 'terminated';

export const versionOn = <T extends CodeVersionLike>(versions: readonly T[], date: string): T | undefined =>
  versions.find((v) => v.effectiveFrom <= date && (v.effectiveTo === null || date <= v.effectiveTo));

export function checkValidity<T extends CodeVersionLike>(
  versions: readonly T[],
  date: string,
): { valid: boolean; billable: boolean; reason: ValidityReason | null; version: T | null } {
  if (versions.length === 0) return { valid: false, billable: false, reason: 'unknown_code', version: null };
  const version = versionOn(versions, date);
  if (version) {
    return version.billable
      ? { valid: true, billable: true, reason: null, version }
      : { valid: false, billable: false, reason: 'not_billable_header', version };
  }
  // Every version ended before the date: the code was deleted. Otherwise it starts later (or has a gap).
  const terminated = versions.every((v) => v.effectiveTo !== null && v.effectiveTo < date);
  return { valid: false, billable: false, reason: terminated ? 'terminated' : 'not_effective_on_date', version: null };
}
