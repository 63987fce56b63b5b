import { AppError } from '../../lib/problem.js';

/** An import that cannot proceed (out-of-order release, duplicate code, empty file). Nothing was written. */
export class CodeImportError extends Error {
  override name = 'CodeImportError';
}

export const unknownCode = (system: string, code: string) =>
  new AppError(404, 'code_not_found', `No ${system} code '${code}' is loaded.`);

export const notEffective = (system: string, code: string, date: string) =>
  new AppError(404, 'code_not_effective', `${system} code '${code}' exists but is not effective on ${date}.`);
