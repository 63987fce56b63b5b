/**
 * Pure helpers for code search: deciding whether a query is a code prefix or words, and widening
 * everyday words to the clinical terms the official descriptions use. The thesaurus is ours: short,
 * common lay phrases only — the ranking itself runs in SQL.
 */
const LAY_TERMS: [RegExp, string][] = [
  // spelling first: the descriptions write "gastro-esophageal", which the text parser splits differently
  [/\bgastro-?esophageal\b/g, 'gastro-esophageal'],
  [/\bhigh blood pressure\b/g, 'hypertension'],
  [/\bhigh cholesterol\b/g, 'hypercholesterolemia'],
  [/\bhigh blood sugar\b/g, 'hyperglycemia'],
  [/\buti\b/g, 'urinary tract infection'],
  [/\buri\b/g, 'upper respiratory infection'],
  [/\bflu\b/g, 'influenza'],
  [/\bsore throat\b/g, 'pharyngitis'],
  [/\bstrep throat\b/g, 'streptococcal pharyngitis'],
  [/\bheart attack\b/g, 'myocardial infarction'],
  [/\bstroke\b/g, 'cerebral infarction'],
  [/\bheartburn\b/g, 'gastro-esophageal reflux'],
  [/\bgerd\b/g, 'gastro-esophageal reflux disease'],
  [/\breflux\b/g, 'gastro-esophageal reflux'],
  [/\bcopd\b/g, 'chronic obstructive pulmonary disease'],
  [/\bchf\b/g, 'heart failure'],
  [/\bckd\b/g, 'chronic kidney disease'],
  [/\bafib\b/g, 'atrial fibrillation'],
  [/\bpink eye\b/g, 'conjunctivitis'],
  [/\bear infection\b/g, 'otitis media'],
  [/\bsinus infection\b/g, 'sinusitis'],
  [/\bannual physical\b|\bphysical exam(ination)?\b|\bcheck-?up\b/g, 'general adult medical examination'],
  [/\bwell child\b/g, 'routine child health examination'],
  [/\bflu shot\b/g, 'immunization'],
  [/\bshortness of breath\b/g, 'dyspnea'],
  [/\bneck pain\b/g, 'cervicalgia'],
  [/\bback pain\b/g, 'dorsalgia back pain'],
  [/\bhives\b/g, 'urticaria'],
  [/\bpre-?diabetes\b/g, 'prediabetes'],
  [/\bobese\b/g, 'obesity'],
  [/\bsmoker\b|\bsmoking\b/g, 'nicotine dependence'],
];

/** The query in clinical words, or null when nothing was widened. */
export function clinicalQuery(q: string): string | null {
  let out = q.toLowerCase();
  for (const [pattern, term] of LAY_TERMS) out = out.replace(pattern, term);
  return out === q.toLowerCase() ? null : out;
}

/**
 * A code prefix rather than words: "E11", "e11.6", "E116", "G04", "99213", "25". One token, with a
 * digit in it (words in descriptions rarely have digits), up to 8 characters once the dot is gone.
 */
export function codePrefixOf(q: string): string | null {
  const key = q.trim().replace(/\./g, '').toUpperCase();
  return /^[A-Z0-9]{1,8}$/.test(key) && /\d/.test(key) ? key : null;
}

/** Queries that are about pregnancy or newborns: only then do O/P-chapter codes rank normally. */
export const MATERNAL_OR_NEWBORN =
  '(pregnan|newborn|neonat|perinat|deliver|childbirth|puerper|fetu|gestation|maternal|labor|obstet)';
