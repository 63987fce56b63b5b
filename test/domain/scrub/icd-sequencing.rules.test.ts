import { externalCauseFirst, infectiousAgentFirst, manifestationFirst } from '../../../src/domain/scrub/icd-sequencing.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const withDiagnoses = (...codes: string[]) => makeInput({ claim: { diagnoses: codes.map((code) => ({ code })) } });

ruleTable(externalCauseFirst, 'icd.external_cause_first', [
  { name: 'accepts an injury listed before its external cause', input: withDiagnoses('S80.01XA', 'W19.XXXA'), expected: [] },
  { name: 'rejects a first-listed fall (W)', input: withDiagnoses('W19.XXXA', 'S80.01XA'), expected: [['error', 'diagnoses[0].code']] },
  { name: 'rejects a first-listed transport accident (V), dotless', input: withDiagnoses('V4352XA'), expected: [['error', 'diagnoses[0].code']] },
  { name: 'rejects a first-listed place of occurrence (Y)', input: withDiagnoses('Y92.009', 'S80.01XA'), expected: [['error', 'diagnoses[0].code']] },
  { name: 'accepts an empty diagnosis list (structure rules report it)', input: withDiagnoses(), expected: [] },
]);

ruleTable(manifestationFirst, 'icd.manifestation_first', [
  { name: 'accepts the etiology listed before the manifestation', input: withDiagnoses('E11.42', 'G63'), expected: [] },
  { name: 'rejects a first-listed polyneuropathy in diseases classified elsewhere', input: withDiagnoses('G63', 'E11.42'), expected: [['error', 'diagnoses[0].code']] },
  { name: 'rejects a first-listed dementia in other diseases (F02.80)', input: withDiagnoses('F02.80', 'G30.9'), expected: [['error', 'diagnoses[0].code']] },
  { name: 'does not confuse G62.9 (polyneuropathy, unspecified) with G63', input: withDiagnoses('G62.9'), expected: [] },
]);

ruleTable(infectiousAgentFirst, 'icd.infectious_agent_first', [
  { name: 'accepts the infection before its organism', input: withDiagnoses('N39.0', 'B96.20'), expected: [] },
  { name: 'rejects a first-listed organism', input: withDiagnoses('B96.20', 'N39.0'), expected: [['error', 'diagnoses[0].code']] },
]);
