import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Db } from '../../db/client.js';
import {
  CODE_SYSTEMS,
  guessFileFormat,
  parseMueFile,
  parsePtpFile,
  parserFor,
  type CodeFileFormat,
  type CodeSystem,
} from '../../domain/codesets/index.js';
import { CodeImportError } from './codes.errors.js';
import { importCodes, sha256Of, type ImportSummary } from './codes.importer.js';
import { importMue, importPtpEdits, type EditsImportSummary } from './edits.importer.js';

export type ImportTarget = CodeSystem | 'ncci-ptp' | 'mue';
export const IMPORT_TARGETS: readonly ImportTarget[] = [...CODE_SYSTEMS, 'ncci-ptp', 'mue'];

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

const MONTHS: Record<string, string> = { jan: '01', apr: '04', jul: '07', oct: '10' };

/** Effective date implied by an official file name, when it carries one. */
export function effectiveDateFromName(fileName: string): string | null {
  const name = path.basename(fileName).toLowerCase();
  const icd = /icd10cm_(?:order|codes)_(\d{4})/.exec(name);
  if (icd) return `${Number(icd[1]) - 1}-10-01`; // ICD-10-CM fiscal year N starts October 1 of N-1
  const quarter = /(\d{4})[_-](jan|apr|jul|oct)/.exec(name);
  if (quarter) return `${quarter[1]}-${MONTHS[quarter[2]!]}-01`;
  const mue = /eff_(\d{2})-(\d{2})-(\d{4})/.exec(name);
  if (mue) return `${mue[3]}-${mue[1]}-${mue[2]}`;
  return null;
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
export async function importCodeFile(db: Db, opts: ImportFileOptions): Promise<ImportSummary | EditsImportSummary> {
  const fileName = path.basename(opts.filePath);
  const totalBytes = statSync(opts.filePath).size;
  const effective = opts.effective ?? effectiveDateFromName(fileName);
  if (opts.target !== 'ncci-ptp' && !effective) {
    throw new CodeImportError(`Cannot tell the release date of ${fileName}; pass --effective YYYY-MM-DD.`);
  }
  const release = opts.release ?? `${opts.target} ${effective ?? fileName}`;
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

  const guessed = guessFileFormat(fileName);
  const format = opts.format ?? (guessed && guessed !== 'ncci-ptp' && guessed !== 'mue-csv' ? guessed : undefined);
  const parser = parserFor(opts.target, format);
  return importCodes(db, {
    system: opts.target,
    records: parser.parse(stream),
    effective: effective!,
    release,
    source: SOURCE_OF[parser.format],
    fileName,
    fileSha256: sha256Of(readFileSync(opts.filePath)),
    onProgress: progress,
  });
}
