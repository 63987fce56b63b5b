/**
 * CPT modifiers, with short descriptions WE wrote (the AMA texts are licensed and not shipped). They include
 * the NCCI-associated ones (24, 25, 57, 58, 59, 78, 79, 91) that let a column-2 code through a PTP edit with
 * modifier indicator 1. No start dates: null means "no known start".
 * Row: [modifier, our description]
 */
export type CptModifierStarterRow = readonly [code: string, description: string];

export const CPT_MODIFIER_STARTER: readonly CptModifierStarterRow[] = [
  ['24', 'Unrelated visit by the same clinician during a postoperative period'],
  ['25', 'Significant, separate visit on the same day as a procedure'],
  ['26', 'Professional component only'],
  ['50', 'Procedure done on both sides of the body'],
  ['51', 'More than one procedure in the same session'],
  ['57', 'Visit at which the decision for surgery was made'],
  ['58', 'Planned or related follow-on procedure during the postoperative period'],
  ['59', 'Distinct procedure, separate from others done that day'],
  ['76', 'Same procedure repeated by the same clinician'],
  ['77', 'Same procedure repeated by another clinician'],
  ['78', 'Unplanned return to the operating room during the postoperative period'],
  ['79', 'Unrelated procedure during the postoperative period'],
  ['91', 'Lab test repeated on the same day for a new result'],
  ['95', 'Telemedicine visit with real-time audio and video'],
];
