import { AppError, defineErrors } from '../../lib/problem.js';

/** An import that cannot proceed (out-of-order release, duplicate code, empty file). Nothing was written. */
export class CodeImportError extends Error {
  override name = 'CodeImportError';
}

export const CODE_ERRORS = defineErrors({
  code_not_found: { status: 404, description: 'No such code is loaded in this code system.' },
  code_not_effective: { status: 404, description: 'The code exists but is not effective on the date asked about.' },
  mue_not_found: { status: 404, description: 'No MUE limit is loaded for the code on that date.' },
});

export const unknownCode = (system: string, code: string) =>
  new AppError(CODE_ERRORS.code_not_found, `No ${system} code '${code}' is loaded.`);

export const notEffective = (system: string, code: string, date: string) =>
  new AppError(CODE_ERRORS.code_not_effective, `${system} code '${code}' exists but is not effective on ${date}.`);

export const noMue = (code: string, date: string) =>
  new AppError(CODE_ERRORS.mue_not_found, `No MUE limit for ${code} on ${date}.`);
