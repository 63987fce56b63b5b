/**
 * ICD-10-CM codes that may never be the first-listed diagnosis, as dotless prefixes (see code-ranges.ts).
 */

/** ICD-10-CM Guidelines I.C.20: external cause codes (chapter 20, V00-Y99) are never first-listed. */
export const EXTERNAL_CAUSE_CODES = ['V00-Y99'] as const;

/**
 * Manifestation codes. ICD-10-CM Guidelines I.A.13 (etiology/manifestation convention): codes titled
 * "in diseases classified elsewhere" are never permitted as first-listed or principal diagnosis; the
 * underlying condition is coded first. This is the CMS MCE "manifestation code as principal diagnosis" edit.
 *
 * Derived by us from the FY2026 tabular order file (icd10cm_order_2026.txt): every billable code whose
 * title reads "in ... classified elsewhere" (diseases, conditions, hypersensitivity reactions), grouped
 * to the shortest prefix whose billable codes all carry such a title. The test in
 * test/domain/scrub/icd-sequencing-data.test.ts re-derives the set from that file.
 * Manifestation codes whose title lacks the phrase (the guideline says "in most cases") come from the
 * tabular "code first" notes: CODE_FIRST_MANIFESTATION_CODES below, for the common ones.
 */
export const MANIFESTATION_CODES = [
  // Blood, endocrine, mental
  'D638',
  'D7218',
  'D77',
  'E20811',
  'E35',
  'F02',
  // Nervous system
  'G01',
  'G02',
  'G05',
  'G07',
  'G138',
  'G26',
  'G32',
  'G4727',
  'G4736',
  'G4737',
  'G4742',
  'G4754',
  'G53',
  'G55',
  'G59',
  'G63',
  'G7081',
  'G733',
  'G737',
  'G914',
  'G94',
  'G99',
  // Eye, ear
  'H22',
  'H28',
  'H32',
  'H3689',
  'H42',
  'H62',
  'H67',
  'H75',
  'H82',
  'H94',
  // Circulatory, respiratory, digestive
  'I3131',
  'I32',
  'I39',
  'I41',
  'I43',
  'I52',
  'I682',
  'I688',
  'I79',
  'J17',
  'J8417',
  'J918',
  'J99',
  'K23',
  'K67',
  'K77',
  'K87',
  // Skin, musculoskeletal
  'L14',
  'L45',
  'L54',
  'L62',
  'L86',
  'L99',
  'M01',
  'M148',
  'M364',
  'M368',
  'M49',
  'M63',
  'M905',
  'M908',
  // Genitourinary, perinatal, symptoms, factors
  'N08',
  'N16',
  'N22',
  'N29',
  'N33',
  'N37',
  'N51',
  'N74',
  'N77',
  'P91811',
  'R4782',
  'Z9183',
] as const;

/**
 * Infectious agents "as the cause of diseases classified elsewhere": the tabular note at block B95-B97 says
 * these categories are "provided for use as supplementary or additional codes to identify the infectious
 * agent(s) in diseases classified elsewhere", so the disease is listed first.
 */
export const INFECTIOUS_AGENT_CODES = ['B95-B97'] as const;

/**
 * Manifestation codes the title test above cannot find, from the tabular "code first" notes: anemia in
 * neoplastic disease (D63.0, code first the neoplasm), anemia in chronic kidney disease (D63.1, code first
 * the CKD) and vascular syndromes of brain in cerebrovascular diseases (G46, code first the disease).
 */
export const CODE_FIRST_MANIFESTATION_CODES = ['D630', 'D631', 'G46'] as const;

/**
 * Z codes that are only ever additional codes (the MCE "unacceptable principal diagnosis" edit and the
 * tabular notes): weeks of gestation (Z3A, "code first complications of pregnancy"), outcome of delivery
 * (Z37, "for use as an additional code" on the mother's record) and body mass index (Z68, reported with
 * the associated condition, ICD-10-CM Guidelines I.B.14).
 */
export const ADDITIONAL_ONLY_CODES = ['Z3A', 'Z37', 'Z68'] as const;

/**
 * Z codes that may only be the principal or first-listed diagnosis (ICD-10-CM Official Guidelines
 * I.C.21.c.16): routine and administrative examinations, observation, supervision of normal pregnancy,
 * liveborn infants, aftercare and donor encounters, among others. The guideline allows exceptions (several
 * encounters on one day combined, or several such Z codes together), so this is a warning.
 */
export const FIRST_LISTED_ONLY_CODES = [
  'Z000-Z005',
  'Z007-Z008', // Z00 except Z00.6 (clinical research exam)
  'Z010-Z017',
  'Z0182-Z0189', // Z01 except Z01.81- (pre-procedural exams)
  'Z02',
  'Z04',
  'Z3181',
  'Z3183',
  'Z3184',
  'Z332',
  'Z34',
  'Z38',
  'Z39',
  'Z40',
  'Z42',
  'Z510',
  'Z511',
  'Z520-Z528', // Z52 except Z52.9
  'Z761',
  'Z762',
  'Z9912',
] as const;
