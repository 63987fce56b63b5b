/**
 * Procedure codes whose use depends on the rest of the visit or on the patient: add-on codes and their
 * primary procedures, and the preventive medicine visits defined by age.
 */

/**
 * Add-on codes ("+" codes, CPT; CMS add-on code list, type I: the primaries are named) and the primary
 * procedures they may be reported with. CMS pays an add-on only with its primary for the same patient,
 * practitioner and date (Medicare Claims Processing Manual ch. 12 §30 and the NCCI add-on code edits).
 * The most-billed professional add-ons; codes not listed are not checked.
 */
export const ADD_ON_PRIMARIES: Readonly<Record<string, readonly string[]>> = {
  // Prolonged and complex office visits
  '99417': ['99205', '99215', '99245', '99345', '99350', '99483'],
  G2212: ['99205', '99215', '99345', '99350', '99483'],
  // Office/outpatient visits; home or residence visits since 2025 (CY2025 physician fee schedule).
  G2211: [
    '99202',
    '99203',
    '99204',
    '99205',
    '99211',
    '99212',
    '99213',
    '99214',
    '99215',
    '99341',
    '99342',
    '99344',
    '99345',
    '99347',
    '99348',
    '99349',
    '99350',
  ],
  '99292': ['99291'],
  // Immunization administration
  '90461': ['90460'],
  '90472': ['90460', '90471', '90473'],
  '90474': ['90460', '90471', '90473'],
  // Skin: biopsies, lesion destruction, debridement, skin substitutes
  '11103': ['11102', '11104', '11106'],
  '11105': ['11104', '11106'],
  '11107': ['11106'],
  '17003': ['17000'],
  '11045': ['11042'],
  '11046': ['11043'],
  '11047': ['11044'],
  '15272': ['15271'],
  '15274': ['15273'],
  '15276': ['15275'],
  '15278': ['15277'],
  // Hydration, injections and infusions
  '96361': [
    '96360',
    '96365',
    '96366',
    '96367',
    '96368',
    '96369',
    '96370',
    '96371',
    '96372',
    '96373',
    '96374',
    '96375',
    '96376',
    '96409',
    '96413',
    '96415',
    '96416',
    '96417',
  ],
  '96366': ['96365', '96367'],
  '96367': ['96365', '96374', '96409', '96413'],
  '96375': ['96360', '96365', '96374', '96409', '96413'],
  '96376': ['96360', '96365', '96374', '96409', '96413'],
  '96417': ['96413'],
  // Spine injections
  '64480': ['64479'],
  '64484': ['64483'],
  '64495': ['64493', '64494'],
  '64494': ['64493'],
};

/** Preventive medicine visits (CPT 99381-99387 new, 99391-99397 established) by the age their titles give. */
const PREVENTIVE_VISIT_AGES: Readonly<Record<string, { min: number; max: number; label: string }>> = Object.fromEntries(
  (
    [
      [0, 0, 'an infant (under 1 year)'],
      [1, 4, 'early childhood (1 through 4 years)'],
      [5, 11, 'late childhood (5 through 11 years)'],
      [12, 17, 'adolescence (12 through 17 years)'],
      [18, 39, 'ages 18 through 39'],
      [40, 64, 'ages 40 through 64'],
      [65, 150, 'age 65 and older'],
    ] as const
  ).flatMap(([min, max, label], i) => [
    [`9938${i + 1}`, { min, max, label }],
    [`9939${i + 1}`, { min, max, label }],
  ]),
);

/**
 * Procedure codes whose titles limit them to an age (in years, on the date of service): the preventive
 * visits above, and immunization administration with counseling (90460/90461, "through 18 years of age";
 * an adult's vaccine administration is 90471-90474).
 */
export const PROCEDURE_AGES: Readonly<Record<string, { min: number; max: number; label: string; instead?: string }>> = {
  ...PREVENTIVE_VISIT_AGES,
  '90460': {
    min: 0,
    max: 18,
    label: 'patients through 18 years of age',
    instead: '90471 (90472 for each additional vaccine)',
  },
  '90461': { min: 0, max: 18, label: 'patients through 18 years of age', instead: '90472' },
};
