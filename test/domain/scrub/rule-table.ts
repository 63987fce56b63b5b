import { describe, expect, it } from 'vitest';
import type { ScrubRule } from '../../../src/domain/scrub/types.js';
import { expectedKeys, issueKeys, runRule, type RuleCase } from './make-input.js';

/** One table-driven test per rule: each case lists the [severity, path] pairs the rule must report. */
export function ruleTable(rule: ScrubRule, id: string, cases: RuleCase[]): void {
  describe(id, () => {
    it.each(cases)('$name', ({ input, expected }) => {
      expect(rule.id).toBe(id);
      expect(issueKeys(runRule(rule, input))).toEqual(expectedKeys(id, expected));
    });
  });
}
