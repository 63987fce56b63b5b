import type { Severity } from './types.js';

/**
 * Diagnoses restricted by the patient's sex or age, as dotless code specs (see code-ranges.ts).
 *
 * Sources:
 * - CMS "Definitions of Medicare Code Edits" (MCE, the ICD-10 Medicare Code Editor): edit 5 "sex conflict"
 *   (diagnoses for males only / females only) and edit 4 "age conflict" with its four age groups: newborn
 *   age 0, pediatric 0-17, maternity 9-64 (widened from 12-55 in MCE v37, FY2020), adult 15-124.
 *   The MCE lists are code by code; this table covers them at category level where every code in the
 *   category is restricted by its ICD-10-CM title (verified against the FY2026 tabular order file).
 * - ICD-10-CM Official Guidelines where a code's use is defined by age (cited per entry).
 *
 * Severity: a sex conflict is always an error (see demographic.rules.ts: CMS returns such claims, and the
 * documented override, modifier KX, clears it). `severity` below applies to the age edit: clinical-plausibility
 * age ranges are warnings (the case may be truly unusual, and there would be nothing to fix); edits whose
 * code title or tabular note defines the age (a newborn's birth episode, the first 28 days, adult and
 * pediatric BMI, elderly and young primigravida) and the MCE maternity range are errors.
 */
export interface DiagnosisDemographicEdit {
  /** What the codes are about, used in messages. */
  label: string;
  codes: readonly string[];
  sex?: 'male' | 'female';
  age?: { min: number; max: number; unit: 'years' | 'days' };
  /** Severity of the age edit; a sex conflict is always an error. */
  severity: Severity;
}

export const DIAGNOSIS_DEMOGRAPHIC_EDITS: readonly DiagnosisDemographicEdit[] = [
  {
    // MCE males only. Titles name the male genital organs, prostate or testis.
    label: 'male genital organs',
    sex: 'male',
    severity: 'warning',
    codes: [
      'C60-C63', // malignant neoplasms of male genital organs
      'C5002',
      'C5012',
      'C5022',
      'C5032',
      'C5042',
      'C5052',
      'C5062',
      'C5082',
      'C5092', // male breast (6th character 2)
      'D074',
      'D075',
      'D076', // carcinoma in situ of penis, prostate, other male genital organs
      'D29', // benign neoplasm of male genital organs
      'D40', // neoplasm of uncertain behavior of male genital organs
      'E29', // testicular dysfunction
      'N40-N53', // diseases of male genital organs
      'Q53-Q55', // congenital malformations of male genital organs
      'R86', // abnormal findings in specimens from male genital organs
      'R972', // elevated PSA
      'R9381', // abnormal imaging of testis
      'Z125', // screening for malignant neoplasm of prostate
      'Z1271', // screening for malignant neoplasm of testis
      'Z8545-Z8549', // personal history of malignant neoplasm of male genital organs
    ],
  },
  {
    // MCE females only. Titles name the female genital organs, uterus, cervix, ovary or vagina.
    label: 'female genital organs',
    sex: 'female',
    severity: 'warning',
    codes: [
      'C51-C58', // malignant neoplasms of female genital organs (C58 placenta)
      'C5001',
      'C5011',
      'C5021',
      'C5031',
      'C5041',
      'C5051',
      'C5061',
      'C5081',
      'C5091', // female breast (6th character 1)
      'D06', // carcinoma in situ of cervix uteri
      'D070-D073', // carcinoma in situ of endometrium, vulva, vagina, other female genital organs
      'D25-D28', // benign neoplasms of uterus, ovary, other female genital organs
      'D39', // neoplasm of uncertain behavior of female genital organs
      'E28', // ovarian dysfunction
      'N70-N98', // inflammatory and noninflammatory disorders of female genital organs
      'N992',
      'N993', // postprocedural adhesions of vagina, prolapse of vaginal vault
      'Q50-Q52', // congenital malformations of female genital organs
      'R87', // abnormal findings in specimens from female genital organs
      'Z0141',
      'Z0142', // gynecological examination, confirmatory cervical smear
      'Z124',
      'Z1272',
      'Z1273', // screening for cancer of cervix, vagina, ovary
      'Z3043', // intrauterine contraceptive device
      'Z320', // pregnancy test
      'Z8540-Z8544',
      'Z854A', // personal history of malignant neoplasm of female genital organs
      'Z8741', // personal history of dysplasia of the female genital tract
      'Z9071',
      'Z9072', // acquired absence of cervix/uterus, ovaries
      'Z975', // presence of intrauterine contraceptive device
    ],
  },
  {
    // MCE maternity diagnoses: females aged 9-64. Chapter 15 codes are "for use only on maternal records".
    // An error: MCE v37 widened the range to cover every plausible maternal record, so outside it the code
    // (or the birth date) is wrong, and payers' code editors return the claim.
    label: 'pregnancy, childbirth and the puerperium',
    sex: 'female',
    age: { min: 9, max: 64, unit: 'years' },
    severity: 'error',
    codes: [
      'O00-O9A', // chapter 15
      'Z331',
      'Z332',
      'Z333', // pregnant state, elective termination, gestational carrier
      'Z34', // supervision of normal pregnancy
      'Z36', // antenatal screening of mother
      'Z37', // outcome of delivery (maternal record)
      'Z39', // postpartum care
      'Z3A', // weeks of gestation
    ],
  },
  {
    // ICD-10-CM Guidelines I.C.16.a.2: Z38 is the principal code of the newborn's birth-episode record only.
    label: 'the birth episode of a liveborn infant',
    age: { min: 0, max: 0, unit: 'years' },
    severity: 'error',
    codes: ['Z38'],
  },
  {
    // Titles: "Health examination for newborn under 8 days old" / "8 to 28 days old".
    label: 'a newborn under 8 days old',
    age: { min: 0, max: 7, unit: 'days' },
    severity: 'error',
    codes: ['Z00110'],
  },
  {
    label: 'a newborn 8 to 28 days old',
    age: { min: 8, max: 28, unit: 'days' },
    severity: 'error',
    codes: ['Z00111'],
  },
  {
    // Tabular note at Z05: for newborns within the neonatal period (the first 28 days of life).
    label: 'newborn observation for a suspected condition ruled out',
    age: { min: 0, max: 28, unit: 'days' },
    severity: 'error',
    codes: ['Z05'],
  },
  {
    // O09.5-: "Pregnancy for a female 35 years and older at expected date of delivery"; a woman of 34 at the
    // visit may be 35 at delivery, so the edit starts at 34.
    label: 'supervision of an elderly primigravida or multigravida (35 or older at delivery)',
    age: { min: 34, max: 124, unit: 'years' },
    severity: 'error',
    codes: ['O095'],
  },
  {
    // O09.6-: "Pregnancy for a female less than 16 years old at expected date of delivery".
    label: 'supervision of a young primigravida or multigravida (under 16 at delivery)',
    age: { min: 0, max: 15, unit: 'years' },
    severity: 'error',
    codes: ['O096'],
  },
  {
    // Tabular note at Z68: "BMI adult codes are for use for persons 20 years of age or older"; the titles say "adult".
    label: 'an adult body mass index',
    age: { min: 20, max: 124, unit: 'years' },
    severity: 'error',
    codes: ['Z681-Z684'],
  },
  {
    // Tabular note at Z68.5: "BMI pediatric codes are for use for persons 2-19 years of age".
    label: 'a pediatric body mass index',
    age: { min: 2, max: 19, unit: 'years' },
    severity: 'error',
    codes: ['Z685'],
  },
  {
    // Z00.12- Excludes1: health check for newborn under 29 days old (Z00.11-).
    label: 'a routine child health examination (a newborn under 29 days takes Z00.11-)',
    age: { min: 29, max: 50_000, unit: 'days' },
    severity: 'error',
    codes: ['Z0012'],
  },
  {
    // MCE newborn diagnoses (age 0). A warning: ICD-10-CM Guidelines I.C.16.a.4 allow a perinatal code
    // at any age when the condition originated in the perinatal period and persists.
    label: 'conditions originating in the perinatal period',
    age: { min: 0, max: 0, unit: 'years' },
    severity: 'warning',
    codes: ['P00-P96'],
  },
  {
    // MCE pediatric age group (0-17).
    label: 'a routine child health examination',
    age: { min: 0, max: 17, unit: 'years' },
    severity: 'warning',
    codes: ['Z0012'],
  },
  {
    // MCE adult age group (15-124).
    label: 'a general adult medical examination',
    age: { min: 15, max: 124, unit: 'years' },
    severity: 'warning',
    codes: ['Z000'],
  },
];
