/** Small field helpers shared by the parsers. */

/**
 * `YYYYMMDD` → `YYYY-MM-DD`; blank → null; anything else (including impossible dates such as
 * 20240231) → undefined so the caller can report the line.
 */
export function isoFromYyyymmdd(raw: string): string | null | undefined {
  const value = raw.trim();
  if (value === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return `${y}-${mo}-${d}`;
}

/** Trims and collapses runs of whitespace (CSV cells may carry embedded newlines or double spaces). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a description to at most `max` characters at a word boundary (hard cut when one word is longer),
 * dropping trailing punctuation. Used where a file carries only one description but the record needs a short one.
 */
export function shortenDescription(text: string, max: number): string {
  const clean = collapseSpaces(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const head = lastSpace > 0 ? cut.slice(0, lastSpace) : clean.slice(0, max);
  return head.replace(/[\s,;:(\-–—]+$/, '');
}

/** Drops empty values so attributes only hold what the file actually published. */
export function compactAttributes(entries: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    const v = value?.trim();
    if (v) out[key] = v;
  }
  return out;
}
