import { describe, expect, it } from 'vitest';
import type { NdcUnit } from '../../../src/domain/claims/service-line.js';
import type { AdjustmentGroup } from '../../../src/domain/remittance/adjudication.js';
import { write837p } from '../../../src/domain/x12/claim-837p.js';
import { asWritten } from '../../../src/domain/x12/claim-837p.cob.js';
import type { Claim837, OtherPayer837 } from '../../../src/domain/x12/claim-837p.types.js';
import { parseX12, transactionsOf } from '../../../src/domain/x12/document.js';
import { X12WriteError } from '../../../src/domain/x12/errors.js';
import { read837p } from '../../../src/domain/x12/read-837p.js';
import { checkWritten837p, snip837p } from '../../../src/domain/x12/snip-837p.js';
import { interchangeOf, primaryPayer, secondaryClaim } from './claim-837p.fixtures.js';

/** The segments of a written file from the 2000B subscriber loop to the last one before SE. */
function claimSegments(text: string): string[] {
  const segments = text.split('~').filter(Boolean);
  const start = segments.findIndex((s) => s.startsWith('HL*2*1*22'));
  const end = segments.findIndex((s) => s.startsWith('SE*'));
  return segments.slice(start, end);
}

const writeClaim = (c: Claim837) => write837p(interchangeOf(c));
const readBack = (text: string) => transactionsOf(parseX12(text)).map(read837p)[0]!;
const rulesOf = (c: Claim837) => snip837p(writeClaim(c)).map((i) => i.rule);

/** A fresh secondary claim changed by `change`. */
function changed(change: (c: Claim837, primary: OtherPayer837) => void): Claim837 {
  const c = secondaryClaim();
  change(c, c.otherPayers[0]!);
  return c;
}

describe('837P coordination of benefits: writing', () => {
  it('writes a claim to the secondary payer with the primary’s 2320, 2330A, 2330B and 2430 loops', () => {
    expect(claimSegments(writeClaim(secondaryClaim()))).toEqual([
      'HL*2*1*22*0',
      'SBR*S*18*******MB',
      'NM1*IL*1*DOE*JANE****MI*M987654321',
      'N3*12 ELM ST',
      'N4*SPRINGFIELD*IL*62704',
      'DMG*D8*19600515*F',
      'NM1*PR*2*MEDICARE B*****PI*00882',
      'CLM*PCNSEC01*158***11:B:1*Y*A*Y*Y',
      'HI*ABK:E119',
      // 2320: the primary, its claim-level deductible, what it paid; 2330A its subscriber; 2330B the payer.
      'SBR*P*18*GRP100******CI',
      'CAS*PR*1*10',
      'AMT*D*83',
      'OI***Y***Y',
      'NM1*IL*1*DOE*JANE****MI*W123456789',
      'NM1*PR*2*ACME HEALTH*****PI*60054',
      'LX*1',
      'SV1*HC:99213*150*UN*1***1',
      'DTP*472*D8*20261102',
      'REF*6R*PCNSEC0101',
      // 2430: 150 − 40 − 22 = 88.
      'SVD*60054*88*HC:99213**1',
      'CAS*CO*45*40',
      'CAS*PR*2*22',
      'DTP*573*D8*20261120',
      'AMT*EAF*22',
      'LX*2',
      'SV1*HC:J1100*8*UN*10***1',
      'DTP*472*D8*20261102',
      'REF*6R*PCNSEC0102',
      // 2410 before 2430: the NDC, then 2.5 mL.
      'LIN**N4*63323016501',
      'CTP****2.5*ML',
      'SVD*60054*5*HC:J1100**10',
      'CAS*CO*45*3',
      'DTP*573*D8*20261120',
    ]);
  });

  it('reads the claim back to the same structure and passes SNIP 1–3', () => {
    const c = secondaryClaim();
    const text = writeClaim(c);
    expect(snip837p(text)).toEqual([]);
    const read = readBack(text);
    expect(read.groups[0]!.claims).toEqual([c]);
    expect(read.unmatchedLineAdjudications).toEqual([]);
    // The 2330B NM1*PR is not the destination payer.
    expect(read.payer).toEqual({ name: 'MEDICARE B', id: '00882' });
  });

  it('writes a primary claim naming a secondary payer that has not adjudicated it: SBR, OI and names only', () => {
    const c: Claim837 = {
      ...secondaryClaim(),
      subscriber: { ...secondaryClaim().subscriber, responsibility: 'P' },
      otherPayers: [
        {
          ...primaryPayer(),
          responsibility: 'S',
          adjustments: [],
          paidCents: null,
          lines: [],
          payer: { name: 'MEDIGAP PLAN', id: 'MG001' },
        },
      ],
    };
    const text = writeClaim(c);
    expect(text).toContain(
      '~HI*ABK:E119~SBR*S*18*GRP100******CI~OI***Y***Y~NM1*IL*1*DOE*JANE****MI*W123456789~NM1*PR*2*MEDIGAP PLAN*****PI*MG001~LX*1~',
    );
    expect(text).not.toContain('SVD*');
    expect(checkWritten837p(text, interchangeOf(c))).toEqual({ snip: [], differing: [] });
  });

  it('writes one CAS per group code, in first-appearance order, and a second one past six triplets', () => {
    const c = changed((_, p) => {
      const line = p.lines[0]!;
      line.adjustments = [
        { group: 'CO', reasonCode: '45', amountCents: 3000, quantityThousandths: null },
        { group: 'PR', reasonCode: '2', amountCents: 2200, quantityThousandths: null },
        ...Array.from({ length: 6 }, (_, i) => ({
          group: 'CO' as const,
          reasonCode: String(90 + i),
          amountCents: 100,
          quantityThousandths: i === 0 ? 1500 : null,
        })),
        { group: 'OA', reasonCode: '23', amountCents: 400, quantityThousandths: null },
      ];
      line.paidCents = 15_000 - 3000 - 2200 - 600 - 400;
      p.paidCents = 15_800 - 1000 - (3000 + 2200 + 600 + 400) - 300;
    });
    const text = writeClaim(c);
    expect(text).toContain(
      '~SVD*60054*88*HC:99213**1~CAS*CO*45*30**90*1*1.5*91*1**92*1**93*1**94*1~CAS*CO*95*1~CAS*PR*2*22~CAS*OA*23*4~DTP*573*',
    );
    // Read back grouped; the round-trip check compares the claim as written, so the order is no difference.
    expect(readBack(text).groups[0]!.claims[0]).toEqual(asWritten(c));
    expect(readBack(text).groups[0]!.claims[0]).not.toEqual(c);
    expect(checkWritten837p(text, interchangeOf(c))).toEqual({ snip: [], differing: [] });
  });

  it('writes 2430 loops in line order whatever order they are given in', () => {
    const c = changed((_, p) => {
      p.lines.reverse();
    });
    const text = writeClaim(c);
    expect(text.indexOf('SVD*60054*88')).toBeLessThan(text.indexOf('SVD*60054*5*'));
    expect(checkWritten837p(text, interchangeOf(c))).toEqual({ snip: [], differing: [] });
  });

  it('refuses a 2430 for a line the claim does not have, naming SVD01', () => {
    const c = changed((_, p) => {
      p.lines[1]!.lineNumber = 3;
    });
    expect(() => writeClaim(c)).toThrow(expect.objectContaining({ field: 'SVD01' }) as X12WriteError);
  });

  it.each([
    [2500, 'ML', 'CTP****2.5*ML'],
    [125, 'GR', 'CTP****.125*GR'],
    [1000, 'UN', 'CTP****1*UN'],
    [2_400_000_000, 'F2', 'CTP****2400000*F2'],
    [10_050, 'ME', 'CTP****10.05*ME'],
  ] as [number, NdcUnit, string][])('writes an NDC quantity of %i thousandths %s as %s', (quantity, unit, ctp) => {
    const c = changed((claim) => {
      claim.lines[1] = { ...claim.lines[1]!, ndcQuantityThousandths: quantity, ndcUnit: unit };
    });
    const text = writeClaim(c);
    expect(text).toContain(`~LIN**N4*63323016501~${ctp}~`);
    expect(readBack(text).groups[0]!.claims[0]!.lines[1]).toEqual(c.lines[1]);
  });
});

describe('837P coordination of benefits: SNIP', () => {
  const cases: { name: string; claim: Claim837; rules: string[] }[] = [
    { name: 'accepts the secondary claim', claim: secondaryClaim(), rules: [] },
    {
      name: 'accepts a primary adjudicated at claim level only, with its 2330B DTP*573 and no balancing',
      claim: changed((_, p) => {
        p.lines = [];
        p.paidCents = 9000;
        p.remainingPatientLiabilityCents = 3200;
        p.adjudicationDate = '2026-11-20';
      }),
      rules: [],
    },
    {
      name: 'needs a 2320 for the primary on a claim to the secondary payer',
      claim: changed((c) => {
        c.otherPayers = [];
      }),
      rules: ['loop_2320_required'],
    },
    {
      name: 'needs 2320 loops for the primary and the secondary on a claim to the tertiary payer',
      claim: changed((c) => {
        c.subscriber.responsibility = 'T';
      }),
      rules: ['loop_2320_required'],
    },
    {
      name: 'refuses an other payer in the destination payer’s place',
      claim: changed((_, p) => {
        p.responsibility = 'S';
      }),
      rules: ['sbr01_other_payer', 'loop_2320_required'],
    },
    {
      name: 'refuses two 2330B payers with one id (SVD01 could not tell them apart)',
      claim: changed((c) => {
        c.otherPayers.push({ ...primaryPayer(), responsibility: 'T', adjustments: [], paidCents: null, lines: [] });
      }),
      rules: ['nm109_other_payer_unique'],
    },
    {
      name: 'refuses an SBR02 outside the code list',
      claim: changed((_, p) => {
        p.relationship = '99' as OtherPayer837['relationship'];
      }),
      rules: ['sbr02_relationship'],
    },
    {
      name: 'refuses an OI03 other than Y, N or W',
      claim: changed((_, p) => {
        p.benefitsAssigned = 'X' as OtherPayer837['benefitsAssigned'];
      }),
      rules: ['oi03_benefits'],
    },
    {
      name: 'refuses an OI06 other than Y or I',
      claim: changed((_, p) => {
        p.releaseOfInformation = 'N' as OtherPayer837['releaseOfInformation'];
      }),
      rules: ['oi06_release'],
    },
    {
      name: 'needs the 2330A member id',
      claim: changed((_, p) => {
        p.subscriber.memberId = '';
      }),
      rules: ['loop_2330a'],
    },
    {
      name: 'needs AMT*D once the payer adjudicated the claim',
      claim: changed((_, p) => {
        p.paidCents = null;
      }),
      rules: ['amt_d_required'],
    },
    {
      name: 'needs 2330B DTP*573 when the payer adjudicated at claim level',
      claim: changed((_, p) => {
        p.lines = [];
      }),
      rules: ['dtp573_required'],
    },
    {
      name: 'refuses 2330B DTP*573 when 2430 lines are sent',
      claim: changed((_, p) => {
        p.adjudicationDate = '2026-11-20';
      }),
      rules: ['dtp573_not_used'],
    },
    {
      name: 'refuses a zero CAS amount',
      claim: changed((_, p) => {
        p.adjustments.push({ group: 'CO', reasonCode: '253', amountCents: 0, quantityThousandths: null });
      }),
      rules: ['cas_amount_zero'],
    },
    {
      name: 'refuses a CAS group code outside CO, CR, OA, PI, PR',
      claim: changed((_, p) => {
        p.lines[1]!.adjustments[0]!.group = 'XX' as AdjustmentGroup;
      }),
      rules: ['cas01_group'],
    },
    {
      name: 'refuses more than five CAS segments in a loop',
      claim: changed((_, p) => {
        const extra = Array.from({ length: 31 }, () => ({
          group: 'CO' as const,
          reasonCode: '45',
          amountCents: 1,
          quantityThousandths: null,
        }));
        p.adjustments.push(...extra);
        p.paidCents = 8300 - 31;
      }),
      rules: ['cas_count'],
    },
    {
      name: 'balances each line: SV102 − Σ 2430 CAS = SVD02',
      claim: changed((_, p) => {
        p.lines[0]!.paidCents = 8801;
      }),
      rules: ['svd02_balance'],
    },
    {
      name: 'balances the claim: CLM02 − Σ 2320 CAS − Σ 2430 CAS = AMT*D',
      claim: changed((_, p) => {
        p.paidCents = 8299;
      }),
      rules: ['amt_d_balance'],
    },
    {
      name: 'counts a line adjustment in both balances',
      claim: changed((_, p) => {
        p.lines[0]!.adjustments[0]!.amountCents = 4001;
      }),
      rules: ['svd02_balance', 'amt_d_balance'],
    },
    {
      name: 'needs every line the payer adjudicated to balance the claim',
      claim: changed((_, p) => {
        p.lines.pop();
      }),
      rules: ['amt_d_balance'],
    },
    {
      name: 'needs CTP with 2410 LIN',
      claim: changed((c) => {
        c.lines[1] = { ...c.lines[1]!, ndcQuantityThousandths: null, ndcUnit: null };
      }),
      rules: ['ctp_required'],
    },
    {
      name: 'needs the CTP05 unit',
      claim: changed((c) => {
        c.lines[1] = { ...c.lines[1]!, ndcUnit: null };
      }),
      rules: ['ctp_required'],
    },
    {
      name: 'refuses a CTP05 unit outside F2, GR, ME, ML, UN',
      claim: changed((c) => {
        c.lines[1] = { ...c.lines[1]!, ndcUnit: 'KG' as NdcUnit };
      }),
      rules: ['ctp05_unit'],
    },
  ];

  it.each(cases)('$name', ({ claim, rules }) => {
    expect(rulesOf(claim)).toEqual(rules);
  });

  it('refuses more than 10 other payers', () => {
    const c = changed((claim) => {
      for (let i = 0; i < 10; i++) {
        claim.otherPayers.push({
          ...primaryPayer(),
          responsibility: 'T',
          adjustments: [],
          paidCents: null,
          lines: [],
          payer: { name: 'OTHER', id: `X${i}` },
        });
      }
    });
    expect(rulesOf(c)).toContain('loop_2320_count');
  });

  it('refuses a 2430 whose SVD01 names no 2330B payer', () => {
    const text = writeClaim(secondaryClaim()).replace('~SVD*60054*5*', '~SVD*99999*5*');
    const issues = snip837p(text);
    expect(issues.map((i) => i.rule)).toEqual(['amt_d_balance', 'svd01_payer']);
    expect(issues[1]).toMatchObject({ level: 2, patientControlNumber: 'PCNSEC01' });
  });

  it('refuses CTP without its 2410 LIN', () => {
    const written = writeClaim(secondaryClaim()).replace('~REF*6R*PCNSEC0101~', '~REF*6R*PCNSEC0101~CTP****1*UN~');
    // One segment more in the set: SE01 counts it.
    const text = written.replace(/~SE\*(\d+)\*/, (_, n: string) => `~SE*${Number(n) + 1}*`);
    expect(snip837p(text).map((i) => i.rule)).toEqual(['ctp_without_lin']);
  });
});
