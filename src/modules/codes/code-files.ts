import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Db } from '../../db/client.js';
import {
  CODE_SYSTEMS,
  guessFileFormat,
  parseAocFile,
  parseIcd10cmAddenda,
  parseMueFile,
  parsePtpFile,
  parserFor,
  type CodeFileFormat,
  type CodeSystem,
} from '../../domain/codesets/index.js';
import { type AddendaImportSummary, importIcdAddenda } from './addenda.importer.js';
import { type AocImportSummary, importAocEdits } from './aoc.importer.js';
import { type IndexImportSummary, importIndexFile } from './code-search.importer.js';
import { CodeImportError } from './codes.errors.js';
import { importCodes, sha256Of, type ImportSummary } from './codes.importer.js';
import { importMue, importPtpEdits, type EditsImportSummary } from './edits.importer.js';

export type ImportTarget = CodeSystem | 'icd10cm-addenda' | 'icd10cm-index' | 'ncci-ptp' | 'mue' | 'ncci-aoc';
export const IMPORT_TARGETS: readonly ImportTarget[] = [
  ...CODE_SYSTEMS,
  'icd10cm-addenda',
  'icd10cm-index',
  'ncci-ptp',
  'mue',
  'ncci-aoc',
];
export type FileImportSummary =
  | ImportSummary
  | AddendaImportSummary
  | EditsImportSummary
  | AocImportSummary
  | IndexImportSummary;

/** Publication family of each format: a release only end-dates codes its own family published. */
const SOURCE_OF: Record<CodeFileFormat, string> = {
  'icd10cm-order': 'cms-icd10cm',
  'hcpcs-anweb': 'cms-hcpcs',
  'hcpcs-csv': 'cms-hcpcs',
  'hcpcs-modifiers-csv': 'cms-hcpcs',
  'hcpcs-long-csv': 'cms-hcpcs',
  'pos-csv': 'cms-pos',
  'carc-csv': 'x12-carc',
  'adjustment-group-csv': 'x12-adjustment-group',
  'rarc-csv': 'x12-rarc',
  'rarc-pyx12-csv': 'x12-rarc',
  'code-description-csv': 'user-file',
};

/** Formats `guessFileFormat` knows that are not code lists (each has its own import target). */
const NOT_CODE_LISTS = new Set(['ncci-ptp', 'mue-csv', 'aoc-csv', 'icd10cm-addenda']);

const MONTHS: Record<string, string> = { jan: '01', apr: '04', jul: '07', oct: '10' };

/** Effective date implied by an official file name, when it carries one. */
export function effectiveDateFromName(fileName: string): string | null {
  const name = path.basename(fileName).toLowerCase();
  const icd = /icd10cm_(?:order|codes)_(?:addenda_)?(\d{4})/.exec(name);
  if (icd) return `${Number(icd[1]) - 1}-10-01`; // ICD-10-CM fiscal year N starts October 1 of N-1
  const quarter = /(\d{4})[_-](jan|apr|jul|oct)/.exec(name);
  if (quarter) return `${quarter[1]}-${MONTHS[quarter[2]!]}-01`;
  const mue = /eff_(\d{2})-(\d{2})-(\d{4})/.exec(name);
  if (mue) return `${mue[3]}-${mue[1]}-${mue[2]}`;
  const aoc = /aoc_v(\d{4})q([1-4])/.exec(name); // NCCI quarterly version: 2026Q2 takes effect 1 April 2026
  if (aoc) return `${aoc[1]}-${String(Number(aoc[2]) * 3 - 2).padStart(2, '0')}-01`;
  return null;
}

/**
 * The last day a release is meant to cover. ICD-10-CM is updated every 1 October (some years also 1 April), so
 * a release ends with the federal fiscal year it takes effect in; other publishers set no end here.
 */
export function releaseEnd(source: string, effective: string): string | null {
  if (source !== 'cms-icd10cm') return null;
  const year = Number(effective.slice(0, 4)) + (effective.slice(5, 7) >= '10' ? 1 : 0);
  return `${year}-09-30`;
}

export interface ImportFileOptions {
  target: ImportTarget;
  filePath: string;
  format?: CodeFileFormat;
  effective?: string;
  release?: string;
  onProgress?: (p: { bytes: number; totalBytes: number; records: number }) => void;
}

/** Streams one official file into the database (CLI `npm run codes:import` and the tests). */
export async function importCodeFile(db: Db, opts: ImportFileOptions): Promise<FileImportSummary> {
  if (opts.target === 'icd10cm-index') return importIndexFile(db, opts);
  const fileName = path.basename(opts.filePath);
  const totalBytes = statSync(opts.filePath).size;
  const effective = opts.effective ?? effectiveDateFromName(fileName);
  if (opts.target !== 'ncci-ptp' && !effective) {
    throw new CodeImportError(`Cannot tell the release date of ${fileName}; pass --effective YYYY-MM-DD.`);
  }
  const release = opts.release ?? `${opts.target} ${effective ?? fileName}`;
  // The addenda are a few hundred lines applied to the loaded release: read whole, not streamed.
  if (opts.target === 'icd10cm-addenda') {
    const text = readFileSync(opts.filePath);
    return importIcdAddenda(db, {
      addenda: parseIcd10cmAddenda(text.toString('latin1').split(/\r?\n/)),
      effective: effective!,
      effectiveTo: releaseEnd('cms-icd10cm', effective!),
      // Labelled as the full order file would be, so both ways of loading the year give the same rows.
      release: opts.release ?? `icd10cm ${effective}`,
      fileName,
      fileSha256: sha256Of(text),
    });
  }

  let bytes = 0;
  // Count bytes as the parser pulls them (a 'data' listener on the file itself would race the parser).
  const stream = createReadStream(opts.filePath).pipe(
    new PassThrough({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const progress = (records: number) => opts.onProgress?.({ bytes, totalBytes, records });

  if (opts.target === 'ncci-ptp') return importPtpEdits(db, parsePtpFile(stream), release, progress);
  if (opts.target === 'mue') return importMue(db, parseMueFile(stream), release, effective!);
  if (opts.target === 'ncci-aoc') {
    const fileSha256 = sha256Of(readFileSync(opts.filePath));
    return importAocEdits(db, { records: parseAocFile(stream), release, effective: effective!, fileName, fileSha256 });
  }
  const guessed = guessFileFormat(fileName);
  const format = opts.format ?? (guessed && !NOT_CODE_LISTS.has(guessed) ? (guessed as CodeFileFormat) : undefined);
  const parser = parserFor(opts.target, format);
  return importCodes(db, {
    system: opts.target,
    records: parser.parse(stream),
    effective: effective!,
    effectiveTo: releaseEnd(SOURCE_OF[parser.format], effective!),
    release,
    source: SOURCE_OF[parser.format],
    fileName,
    fileSha256: sha256Of(readFileSync(opts.filePath)),
    onProgress: progress,
  });
}
