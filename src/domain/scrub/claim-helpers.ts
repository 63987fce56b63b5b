import type { CodeReplacement, CodeSetEnd, CodeVersion, ScrubClaim, ScrubInput, ScrubLine } from './types.js';

/** A line's own date of service (837P 2400 DTP*472) or, when it has none, the claim's. */
export function lineDate(claim: ScrubClaim, line: ScrubLine): string {
  return line.dateOfService ?? claim.dateOfService;
}

/** Every date of service on the claim, distinct and sorted, earliest first. */
export function serviceDates(claim: ScrubClaim): string[] {
  const dates = new Set([claim.dateOfService, ...claim.lines.map((line) => lineDate(claim, line))]);
  return [...dates].sort();
}

/** ICD-10-CM codes are compared without the dot and in upper case: 'e11.9' and 'E119' are the same code. */
export function dotlessIcd(code: string): string {
  return code.replaceAll('.', '').trim().toUpperCase();
}

export type CodeStatusOn =
  | { kind: 'unknown' }
  | { kind: 'effective'; version: CodeVersion }
  | { kind: 'not_yet_effective'; effectiveFrom: string }
  | { kind: 'terminated'; effectiveTo: string }
  | { kind: 'inactive_between'; effectiveTo: string; effectiveFrom: string };

function effectiveOn(version: CodeVersion, date: string): boolean {
  return (
    (version.effectiveFrom === null || version.effectiveFrom <= date) &&
    (version.effectiveTo === null || date <= version.effectiveTo)
  );
}

/** Which stored version of a code applies on `date`, or why none does. */
export function codeStatusOn(versions: readonly CodeVersion[], date: string): CodeStatusOn {
  if (versions.length === 0) return { kind: 'unknown' };
  const effective = versions
    .filter((version) => effectiveOn(version, date))
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
  const latest = effective.at(-1);
  if (latest) return { kind: 'effective', version: latest };

  const endedBefore = versions.flatMap((v) => (v.effectiveTo !== null && v.effectiveTo < date ? [v.effectiveTo] : []));
  const startsAfter = versions.flatMap((v) =>
    v.effectiveFrom !== null && v.effectiveFrom > date ? [v.effectiveFrom] : [],
  );
  const lastEnd = endedBefore.sort().at(-1);
  const nextStart = startsAfter.sort().at(0);
  if (lastEnd !== undefined && nextStart !== undefined) {
    return { kind: 'inactive_between', effectiveTo: lastEnd, effectiveFrom: nextStart };
  }
  if (nextStart !== undefined) return { kind: 'not_yet_effective', effectiveFrom: nextStart };
  // Only reachable with an effectiveTo before the date: every other version shape is effective or later.
  return { kind: 'terminated', effectiveTo: lastEnd ?? date };
}

/** Message for a code that exists but is not valid on the date, naming terminated vs not yet effective. */
export function notEffectiveMessage(label: string, status: CodeStatusOn, date: string): string {
  switch (status.kind) {
    case 'terminated':
      return `${label} was terminated: its last effective date was ${status.effectiveTo}, before the date of service ${date}.`;
    case 'not_yet_effective':
      return `${label} is not effective until ${status.effectiveFrom}, after the date of service ${date}.`;
    case 'inactive_between':
      return `${label} was not valid on the date of service ${date}: it ended ${status.effectiveTo} and was reinstated ${status.effectiveFrom}.`;
    default:
      return `${label} is not valid on the date of service ${date}.`;
  }
}

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Whether an unknown code of this system can be called invalid (see ScrubInput.verifiedSystems). */
export function isVerified(input: { verifiedSystems?: ReadonlySet<string> | undefined }, system: string): boolean {
  if (!input.verifiedSystems) return true;
  if (input.verifiedSystems.has(system)) return true;
  // `modifier` verifies both modifier families.
  return system.startsWith('modifier:') && input.verifiedSystems.has('modifier');
}

/**
 * The publisher of a modifier, as `verifiedSystems` names it: CPT modifiers (AMA, licensed: 25, 59, 1P) begin
 * with a digit, HCPCS Level II modifiers (CMS: LT, XS, GA, E1) with a letter. Importing the HCPCS modifier file
 * verifies only the second family.
 */
export function modifierFamily(modifier: string): 'modifier:cpt' | 'modifier:hcpcs' {
  return /^[0-9]/.test(modifier.trim()) ? 'modifier:cpt' : 'modifier:hcpcs';
}

export const UNVERIFIED_HINT =
  'Only the starter code set is loaded for this system, so the code could not be verified: import the official release (npm run codes:import) to check it.';

/**
 * Why a code cannot be judged on `date` with the loaded code set, or null when it can: the date precedes
 * the first release loaded for the system (ScrubInput.codeSetStart) and the code is either unknown (it may
 * have been deleted before that release) or only starts with that release (it may well be older: a code
 * set imported from the FY2026 ICD-10-CM order file dates every code from 2025-10-01). Such a code is
 * reported as a warning, not an error: nothing shows it was invalid on the date of service.
 */
export function unverifiableOn(
  input: Pick<ScrubInput, 'codeSetStart'>,
  system: CodeVersion['system'],
  status: CodeStatusOn,
  date: string,
): { start: string } | null {
  const start = input.codeSetStart?.[system];
  if (start === undefined || !(date < start)) return null;
  if (status.kind === 'unknown') return { start };
  if (status.kind === 'not_yet_effective' && status.effectiveFrom <= start) return { start };
  return null;
}

export function unverifiableHint(label: string, start: string): string {
  return `The loaded ${label} code set starts ${start}, after the date of service, so the code could not be checked for that date: import the release in effect on the date of service (npm run codes:import) or confirm the code was valid then.`;
}

/** The end of the system's loaded code set when `date` is after it (ScrubInput.codeSetEnd), else null. */
export function pastCodeSetEnd(
  input: Pick<ScrubInput, 'codeSetEnd'>,
  system: CodeVersion['system'],
  date: string,
): CodeSetEnd | null {
  const end = input.codeSetEnd?.[system];
  return end && date > end.end ? end : null;
}

export function outdatedHint(label: string, end: CodeSetEnd): string {
  return `The loaded ${label} code set ends ${end.end}: import ${end.next} (npm run codes:import) to check codes dated after it.`;
}

/** The replacement the latest release up to `date` published for a code it deleted or turned into a header. */
export function replacementOn(
  input: Pick<ScrubInput, 'codeReplacements'>,
  system: CodeVersion['system'],
  code: string,
  date: string,
): CodeReplacement | null {
  const list = input.codeReplacements?.(system, code) ?? [];
  return list.filter((r) => r.from <= date).at(-1) ?? null;
}

/** "I42.00, I42.01, I42.09" or "S23.421A, S23.421D, … (12 codes)". */
export function replacementList(r: CodeReplacement): string {
  return r.total > r.codes.length ? `${r.codes.join(', ')}, … (${r.total} codes)` : r.codes.join(', ');
}
