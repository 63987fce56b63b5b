/**
 * Hand-written 835 sets for the reader's unit tests. `interchange835` wraps transaction bodies (segments without
 * ST/SE) in a counted envelope, so a test writes only the segments it is about.
 */

const ISA =
  'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLAIMSAPI      *260115*1200*^*00501*000000101*0*T*:~';

/** Segments of one set between ST and SE, written without their terminators. */
export type Body = readonly string[];

export function interchange835(bodies: readonly Body[], types: readonly string[] = []): string {
  const sets = bodies.map((body, i) => {
    const control = String(1001 + i);
    const type = types[i] ?? '835';
    return [`ST*${type}*${control}*005010X221A1`, ...body, `SE*${body.length + 2}*${control}`].join('~');
  });
  return `${ISA}GS*HP*PAYER*CLAIMSAPI*20260115*1200*7*X*005010X221A1~${sets.join('~')}~GE*${bodies.length}*7~IEA*1*000000101~`;
}

/** Header loops 1000A/1000B: payer with REF*2U, payee with an NPI. Positions 4–11 in a one-set file. */
export const HEADER: Body = [
  'BPR*I*132*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260120',
  'TRN*1*EFT0001*1512345678',
  'DTM*405*20260118',
  'N1*PR*ACME HEALTH PLAN',
  'REF*2U*ACME01',
  'N1*PE*RIVERSIDE CLINIC*XX*1234567893',
  'REF*TJ*123456789',
  'LX*1',
];

/** One professional claim: two lines, a deductible, a contractual write-off, remark codes at both levels. */
export const CLAIM: Body = [
  'CLP*PCN-1*1*226*132*24*12*PAYERCLAIM9*11*1',
  'NM1*QC*1*DOE*JANE*Q***MI*W123',
  'MOA***MA01*N25',
  'DTM*232*20260105',
  'DTM*233*20260106',
  'SVC*HC:99213:25*150*100**1',
  'DTM*472*20260105',
  'CAS*CO*45*26',
  'CAS*PR*2*24',
  'REF*6R*LINE-1',
  'AMT*B6*124',
  'LQ*HE*N130',
  'SVC*HC:36415*76*32*0300*2*HC:36416*3',
  'DTM*150*20260105',
  'DTM*151*20260106',
  'CAS*CO*45*44',
  'LQ*RX*76',
];

export const oneSet = (...segments: string[]) => interchange835([[...HEADER, ...segments]]);
