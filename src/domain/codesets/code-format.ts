import type { CodeSystem } from './types.js';

/**
 * Canonical lookup key: upper-case with dots and whitespace removed (`e11.9` → `E119`, ` gt` → `GT`).
 * The same key is produced whether a caller sends the display form or the file form.
 */
export function normalizeCode(_system: CodeSystem, raw: string): string {
  return raw.replace(/[.\s]/g, '').toUpperCase();
}

/** Display form of a canonical key: ICD-10-CM gets its dot back, every other system shows the key itself. */
export function displayCode(system: CodeSystem, key: string): string {
  return system === 'icd10cm' ? icdToDisplay(key) : normalizeCode(system, key);
}

/**
 * ICD-10-CM display form: a dot after the 3rd character when the code is longer than 3
 * (CMS order files store codes without the dot: `E119` → `E11.9`, `I10` stays `I10`).
 */
export function icdToDisplay(raw: string): string {
  const key = normalizeCode('icd10cm', raw);
  return key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key;
}

/**
 * ICD-10-CM code shape without the dot: a letter, then 2–6 digits or letters. The second character is
 * usually a digit, but FY2026 added the QA0 category (QA0, QA00, ... QA00109: neurodevelopmental
 * disorders related to genetic variants), so a letter is allowed there too.
 */
export const ICD10CM_KEY = /^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/;
/** HCPCS Level II procedure code: one letter and four digits (A0428, G0439, J1100). */
export const HCPCS_LEVEL2_CODE = /^[A-Z][0-9]{4}$/;
/** Any five-character CPT/HCPCS code (99213, 0001U, 0001F, G0439), as used in NCCI and MUE files. */
export const PROCEDURE_CODE = /^[0-9A-Z]{5}$/;
/** Two-character procedure modifier (25, 59, GT, XE, F1). */
export const MODIFIER_CODE = /^[0-9A-Z]{2}$/;
