import { AcknowledgmentError } from '../../domain/x12/ack.errors.js';
import { type EnvelopeIssueKind, X12Error } from '../../domain/x12/errors.js';
import { RemittanceError } from '../../domain/x12/remittance-835.errors.js';
import { AppError, defineErrors } from '../../lib/problem.js';

/** What every raw X12 upload (999, 277CA, 835) answers when the file cannot be read: shared by those modules. */

/**
 * The envelope defects an upload is read despite, each kept as a warning: wrong trailer counts (SE01, GE01, IEA01)
 * and GE02 / IEA02 control numbers that differ from their headers — real payer and clearinghouse files carry them
 * (../shared/data/x12 has several) and none changes what a set says. A missing trailer (a truncated file), an SE02
 * that is not its ST02, or anything unreadable refuses the file.
 */
export const UPLOAD_LENIENCY: readonly EnvelopeIssueKind[] = [
  'se_count_mismatch',
  'ge_count_mismatch',
  'iea_count_mismatch',
  'ge_control_mismatch',
  'iea_control_mismatch',
];

export const X12_UPLOAD_ERRORS = defineErrors({
  x12_invalid: {
    status: 400,
    description:
      'The file is not a readable X12 interchange, or its envelope is broken (ISA, SE/GE/IEA counts and control numbers). `issues` names each defect with its segment, position and control number. Nothing was changed.',
  },
  x12_ack_unreadable: {
    status: 400,
    description:
      'A 999 / 277CA set could not be read (a segment out of its loop, a required element missing, a set that is not an acknowledgment). `issue` names the segment, its position and the set. Nothing was changed.',
  },
  x12_835_unreadable: {
    status: 400,
    description:
      'An 835 set could not be read (a segment out of its loop, a required element missing, an amount that is not a decimal). `issue` names the segment, its position and the set. Nothing was changed.',
  },
});

/**
 * The readers' typed refusals as problem+json (400): the envelope's X12Error with every issue, an
 * acknowledgment's or a remittance's content error with its one issue. Anything else is rethrown as it is.
 */
export function asUploadError(error: unknown): unknown {
  if (error instanceof X12Error) {
    return new AppError(X12_UPLOAD_ERRORS.x12_invalid, error.message, { issues: error.issues });
  }
  if (error instanceof AcknowledgmentError) {
    return new AppError(X12_UPLOAD_ERRORS.x12_ack_unreadable, error.message, { issue: error.issue });
  }
  if (error instanceof RemittanceError) {
    return new AppError(X12_UPLOAD_ERRORS.x12_835_unreadable, error.message, { issue: error.issue });
  }
  return error;
}
