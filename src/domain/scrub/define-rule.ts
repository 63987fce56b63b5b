import type { IssueReporter, ScrubInput, ScrubIssue, ScrubRule, Severity } from './types.js';

/**
 * Wraps a check into a ScrubRule that stamps every issue with the rule's id, so a rule cannot report
 * under another rule's name and tests can run one rule on its own.
 */
export function defineRule(id: string, check: (input: ScrubInput, issues: IssueReporter) => void): ScrubRule {
  const rule = (input: ScrubInput): ScrubIssue[] => {
    const found: ScrubIssue[] = [];
    const report = (severity: Severity, path: string, message: string, hint: string) => {
      found.push({ rule: id, severity, path, message, hint });
    };
    check(input, {
      report,
      error: (path, message, hint) => report('error', path, message, hint),
      warning: (path, message, hint) => report('warning', path, message, hint),
    });
    return found;
  };
  return Object.assign(rule, { id });
}
