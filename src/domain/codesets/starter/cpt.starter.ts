/**
 * CPT code NUMBERS commonly billed in primary care, with short plain-language descriptions WE wrote. They
 * are not the AMA descriptors (which are licensed and never shipped here); a practice with a CPT licence
 * loads the official texts with the importer. Every code is in the CY2025 Medicare physician fee schedule
 * file (a test checks it). No start dates: null means "no known start".
 * Row: [code, our description]
 */
export type CptStarterRow = readonly [code: string, description: string];

export const CPT_STARTER: readonly CptStarterRow[] = [
  // office visits (evaluation and management)
  ['99202', 'Office visit, new patient, straightforward decision making'],
  ['99203', 'Office visit, new patient, low complexity'],
  ['99204', 'Office visit, new patient, moderate complexity'],
  ['99205', 'Office visit, new patient, high complexity'],
  ['99211', 'Office visit, established patient, minimal, often with staff only'],
  ['99212', 'Office visit, established patient, straightforward decision making'],
  ['99213', 'Office visit, established patient, low complexity'],
  ['99214', 'Office visit, established patient, moderate complexity'],
  ['99215', 'Office visit, established patient, high complexity'],
  ['99417', 'Extra time on an office visit, each additional 15 minutes'],
  // preventive visits
  ['99381', 'Preventive checkup, new patient, younger than 1 year'],
  ['99382', 'Preventive checkup, new patient, 1 to 4 years'],
  ['99383', 'Preventive checkup, new patient, 5 to 11 years'],
  ['99384', 'Preventive checkup, new patient, 12 to 17 years'],
  ['99385', 'Preventive checkup, new patient, 18 to 39 years'],
  ['99386', 'Preventive checkup, new patient, 40 to 64 years'],
  ['99387', 'Preventive checkup, new patient, 65 years or older'],
  ['99391', 'Preventive checkup, established patient, younger than 1 year'],
  ['99392', 'Preventive checkup, established patient, 1 to 4 years'],
  ['99393', 'Preventive checkup, established patient, 5 to 11 years'],
  ['99394', 'Preventive checkup, established patient, 12 to 17 years'],
  ['99395', 'Preventive checkup, established patient, 18 to 39 years'],
  ['99396', 'Preventive checkup, established patient, 40 to 64 years'],
  ['99397', 'Preventive checkup, established patient, 65 years or older'],
  ['99401', 'Preventive counseling for one patient, about 15 minutes'],
  ['99406', 'Quit-smoking counseling, 3 to 10 minutes'],
  // care management
  ['99490', 'Chronic care management by clinical staff, first 20 minutes in a month'],
  ['99495', 'Care after a hospital discharge, moderate complexity'],
  ['99496', 'Care after a hospital discharge, high complexity'],
  ['99497', 'Advance care planning conversation, first 30 minutes'],
  ['96127', 'Short scored screening for emotional or behavioral problems'],
  // lab and tests
  ['36415', 'Blood draw from a vein'],
  ['81002', 'Urine dipstick test read by hand, no microscope'],
  ['81003', 'Urine dipstick test read by machine, no microscope'],
  ['81025', 'Urine pregnancy test'],
  ['85025', 'Complete blood count with automated white-cell differential'],
  ['80048', 'Basic metabolic blood panel'],
  ['80053', 'Comprehensive metabolic blood panel'],
  ['80061', 'Cholesterol (lipid) blood panel'],
  ['83036', 'Hemoglobin A1c blood test'],
  ['84443', 'Thyroid stimulating hormone (TSH) blood test'],
  ['87880', 'Rapid strep throat test'],
  ['87804', 'Rapid flu test'],
  ['87426', 'Rapid COVID-19 antigen test'],
  ['93000', 'Heart tracing (ECG) with reading and report'],
  ['94640', 'Breathing treatment with a nebulizer or inhaler'],
  ['94760', 'Blood oxygen reading with a finger sensor'],
  // vaccines and injections
  ['90471', 'Giving one injected vaccine'],
  ['90472', 'Giving each further injected vaccine'],
  ['90686', 'Flu vaccine, four strains, no preservative, injected'],
  ['90677', 'Pneumococcal vaccine covering 20 strains, injected'],
  ['90715', 'Tetanus, diphtheria and whooping cough booster (Tdap)'],
  ['90750', 'Shingles vaccine, injected'],
  ['96372', 'Giving a drug by injection under the skin or into a muscle'],
  // procedures
  ['10060', 'Draining a simple skin abscess'],
  ['11102', 'Skin biopsy by shaving, first lesion'],
  ['11200', 'Removing skin tags, up to 15'],
  ['12001', 'Stitching a small superficial wound, up to 2.5 cm'],
  ['17000', 'Destroying a precancerous skin spot, first one'],
  ['17110', 'Destroying warts or similar benign growths, up to 14'],
  ['20610', 'Injecting or draining a large joint such as knee or shoulder'],
  ['69210', 'Removing impacted earwax with instruments, one ear'],
  ['97110', 'Therapeutic exercise, each 15 minutes'],
  ['97140', 'Hands-on manual therapy, each 15 minutes'],
];
