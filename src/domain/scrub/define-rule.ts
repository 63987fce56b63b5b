import type { IssueReporter, ScrubInput, ScrubIssue, ScrubRule, Severity } from './types.js';

/**
 * Wraps a check into a ScrubRule that stamps every issue with the rule's id, so a rule cannot report
 * under another rule's name and tests can run one rule on its own.
 */
/** Collects one rule's issues; a class, so a rule run allocates one object rather than a closure per method. */
class RuleReporter implements IssueReporter {
  readonly found: ScrubIssue[] = [];

  constructor(private readonly rule: string) {}

  report(severity: Severity, path: string, message: string, hint: string): void {
    this.found.push({ rule: this.rule, severity, path, message, hint });
  }

  error(path: string, message: string, hint: string): void {
    this.report('error', path, message, hint);
  }

  warning(path: string, message: string, hint: string): void {
    this.report('warning', path, message, hint);
  }
}

export function defineRule(id: string, check: (input: ScrubInput, issues: IssueReporter) => void): ScrubRule {
  const rule = (input: ScrubInput): ScrubIssue[] => {
    const reporter = new RuleReporter(id);
    check(input, reporter);
    return reporter.found;
  };
  return Object.assign(rule, { id });
}
