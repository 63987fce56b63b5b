/**
 * CPT modifiers, with short descriptions WE wrote (the AMA texts are licensed and not shipped). They include
 * the NCCI-associated ones (24, 25, 57, 58, 59, 78, 79, 91) that let a column-2 code through a PTP edit with
 * modifier indicator 1. No start dates: null means "no known start".
 * Row: [modifier, our description]
 */
export type CptModifierStarterRow = readonly [code: string, description: string];

export const CPT_MODIFIER_STARTER: readonly CptModifierStarterRow[] = [
  ['22', 'Procedure that took substantially more work than usual'],
  ['23', 'Anesthesia given for a procedure that usually needs none or local only'],
  ['24', 'Unrelated visit by the same clinician during a postoperative period'],
  ['25', 'Significant, separate visit on the same day as a procedure'],
  ['26', 'Professional component only'],
  ['27', 'Several outpatient hospital visits on the same day'],
  ['32', 'Service required by a third party such as an insurer or court'],
  ['33', 'Preventive service (no patient cost sharing)'],
  ['47', 'Anesthesia given by the surgeon'],
  ['50', 'Procedure done on both sides of the body'],
  ['51', 'More than one procedure in the same session'],
  ['52', "Service reduced or partly done at the clinician's choice"],
  ['53', 'Procedure stopped because of a risk to the patient'],
  ['54', 'Surgical care only (no pre- or postoperative care)'],
  ['55', 'Postoperative care only'],
  ['56', 'Preoperative care only'],
  ['57', 'Visit at which the decision for surgery was made'],
  ['58', 'Planned or related follow-on procedure during the postoperative period'],
  ['59', 'Distinct procedure, separate from others done that day'],
  ['62', 'Two surgeons, each doing a distinct part of one procedure'],
  ['63', 'Procedure on an infant weighing under 4 kg'],
  ['66', 'Surgical team of several specialists'],
  ['73', 'Outpatient procedure stopped before anesthesia'],
  ['74', 'Outpatient procedure stopped after anesthesia started'],
  ['76', 'Same procedure repeated by the same clinician'],
  ['77', 'Same procedure repeated by another clinician'],
  ['78', 'Unplanned return to the operating room during the postoperative period'],
  ['79', 'Unrelated procedure during the postoperative period'],
  ['80', 'Assistant surgeon'],
  ['81', 'Minimal assistant surgeon'],
  ['82', 'Assistant surgeon when no qualified resident was available'],
  ['90', 'Lab test sent to an outside laboratory'],
  ['91', 'Lab test repeated on the same day for a new result'],
  ['92', 'Lab test run on a single-use kit or portable device'],
  ['93', 'Telemedicine visit with real-time audio only'],
  ['95', 'Telemedicine visit with real-time audio and video'],
  ['96', 'Habilitative service'],
  ['97', 'Rehabilitative service'],
  ['99', 'Several modifiers apply (listed elsewhere)'],
];
