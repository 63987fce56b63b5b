import { createReadStream } from 'node:fs';
import { parserFor } from './src/domain/codesets/index.js';
import type { CodeFileFormat, CodeSystem } from './src/domain/codesets/index.js';
const dir = '/work/shared/data/codesets/';
const jobs: [CodeSystem, CodeFileFormat, string][] = [
  ['icd10cm', 'icd10cm-order', 'icd10cm_order_2026.txt'],
  ['hcpcs', 'hcpcs-anweb', 'HCPC2024_OCT_ANWEB_reconstructed.txt'],
  ['modifier', 'hcpcs-anweb', 'HCPC2024_OCT_ANWEB_reconstructed.txt'],
  ['hcpcs', 'hcpcs-csv', 'hcpcs_level2_2024_oct.csv'],
  ['modifier', 'hcpcs-modifiers-csv', 'hcpcs_level2_modifiers_2024_oct.csv'],
  ['hcpcs', 'hcpcs-long-csv', 'hcpcs_level2_2025_oct_long.csv'],
  ['modifier', 'hcpcs-long-csv', 'hcpcs_level2_2025_oct_long.csv'],
  ['pos', 'pos-csv', 'place_of_service_codes_cms_ccw.csv'],
  ['carc', 'carc-csv', 'carc_claim_adjustment_reason_codes_cms_ccw.csv'],
  ['adjustment-group', 'adjustment-group-csv', 'claim_adjustment_group_codes.csv'],
  ['rarc', 'rarc-pyx12-csv', 'x12_code_lists_pyx12.csv'],
];
for (const [s, f, file] of jobs) {
  const t = performance.now(); let n = 0; let b = 0; const sample: unknown[] = [];
  for await (const r of parserFor(s, f).parse(createReadStream(dir + file))) { n++; if (r.billable) b++; if (['G0439','J1100','E11.9','QA0','GT','11','02','45','CO','M1','99', '27', '41', '57','14'].includes(r.code)) sample.push(r); }
  console.log(s, f, n, b, Math.round(performance.now() - t) + 'ms');
  for (const x of sample) console.log('  ', JSON.stringify(x).slice(0, 400));
}
