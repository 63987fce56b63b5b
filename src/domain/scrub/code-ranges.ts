/**
 * Code specs used by the ICD-10-CM tables: either a dotless prefix ('C61', 'Z0141', 'N40') matching the
 * code and all its children, or an inclusive range of prefixes of equal length ('N40-N53', 'O00-O9A')
 * compared character by character. ICD-10-CM orders categories so that ASCII order works, O99 < O9A included.
 */
export function matchesCodeSpec(dotlessCode: string, spec: string): boolean {
  const dash = spec.indexOf('-');
  if (dash === -1) return dotlessCode.startsWith(spec);
  const from = spec.slice(0, dash);
  const to = spec.slice(dash + 1);
  if (from.length !== to.length) throw new Error(`Code range '${spec}' must join prefixes of equal length.`);
  const head = dotlessCode.slice(0, from.length);
  return head.length === from.length && from <= head && head <= to;
}

export function matchesAnyCodeSpec(dotlessCode: string, specs: readonly string[]): boolean {
  return specs.some((spec) => matchesCodeSpec(dotlessCode, spec));
}
