import { hasErrors } from '../scrub/scrubber.js';
import type { ScrubIssue } from '../scrub/types.js';
import type { ClaimStatus } from './claim-status.js';

export interface ScrubOutcome {
  /** Any error keeps the claim out of `ready`; warnings do not. */
  status: Extract<ClaimStatus, 'ready' | 'needs_attention'>;
  /** The rules that failed with an error, each once, in report order: the reason codes of the status change. */
  reasonCodes: string[];
}

/** What a scrub result means for the claim: the status it belongs in and the reason codes behind it. */
export function scrubOutcome(issues: readonly ScrubIssue[]): ScrubOutcome {
  return {
    status: hasErrors(issues) ? 'needs_attention' : 'ready',
    reasonCodes: [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.rule))],
  };
}
