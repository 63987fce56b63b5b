/**
 * 45 claim adjustment reason codes (CARC) that primary-care remittances carry most (deductible, coinsurance,
 * copay, bundling, medical necessity, authorization, timely filing, coordination of benefits, sequestration)
 * and the 5 claim adjustment group codes. Texts are the CMS CCW wording (public domain), which can be older or
 * shorter than the current X12 text: an import of the X12 list replaces them.
 * CARC row: [code, description]. Group row: [code, name, description].
 */
export type CarcStarterRow = readonly [code: string, description: string];
export type GroupStarterRow = readonly [code: string, name: string, description: string];

export const CARC_STARTER: readonly CarcStarterRow[] = [
  ['1', 'Deductible Amount'],
  ['2', 'Coinsurance Amount'],
  ['3', 'Co-pay Amount'],
  ['4', 'The procedure code is inconsistent with the modifier used or a required modifier is missing.'],
  ['5', 'The procedure code/bill type is inconsistent with the place of service.'],
  ['6', "The procedure code is inconsistent with the patient's age."],
  ['7', "The procedure code is inconsistent with the patient's gender."],
  ['9', "The diagnosis is inconsistent with the patient's age."],
  ['11', 'The diagnosis is inconsistent with the procedure.'],
  [
    '15',
    'Claim/service adjusted because the submitted authorization number is missing, invalid, or does not apply to the billed services or provider.',
  ],
  ['16', 'Claim/service lacks information which is needed for adjudication.'],
  ['18', 'Duplicate claim/service.'],
  ['22', 'Claim adjusted because this care may be covered by another payer per coordination of benefits.'],
  ['23', 'Claim adjusted because charges have been paid by another payer.'],
  ['26', 'Expenses incurred prior to coverage.'],
  ['27', 'Expenses incurred after coverage terminated.'],
  ['29', 'The time limit for filing has expired.'],
  ['31', 'Claim denied as patient cannot be identified as our insured.'],
  ['40', 'Charges do not meet qualifications for emergency/urgent care.'],
  ['45', 'Charges exceed your contracted/legislated fee arrangement.'],
  [
    '49',
    'These are non-covered services because this is a routine exam or screening procedure done in conjunction with a routine exam.',
  ],
  ['50', "These are non-covered services because this is not deemed a 'medical necessity' by the payer."],
  ['59', 'Charges are adjusted based on multiple surgery rules or concurrent anesthesia rules.'],
  ['96', 'Non-covered charges.'],
  ['97', 'Payment is included in allowance for another service/procedure.'],
  ['109', 'Claim not covered by this payer/contractor. You must send the claim to the correct payer/contractor.'],
  ['119', 'Benefit maximum for this time period has been reached.'],
  ['125', 'Claim/service adjusted due to a submission/billing error(s).'],
  ['129', 'Claim denied - prior processing information appears incorrect.'],
  ['146', 'Diagnosis was invalid for the date(s) of service reported.'],
  [
    '151',
    'Payment adjusted because the payer deems the information submitted does not support this many/frequency of services.',
  ],
  [
    '167',
    'This (these) diagnosis(es) is (are) not covered. Usage: Refer to the 835 Healthcare Policy Identification Segment (loop 2110 Service Payment Information REF), if present.',
  ],
  ['181', 'Procedure code was invalid on the date of service.'],
  [
    '185',
    'The rendering provider is not eligible to perform the service billed. Usage: Refer to the 835 Healthcare Policy Identification Segment (loop 2110 Service Payment Information REF), if present.',
  ],
  ['197', 'Precertification/authorization/notification/pre-treatment absent.'],
  ['198', 'Precertification/notification/authorization/pre-treatment exceeded.'],
  ['204', "This service/equipment/drug is not covered under the patient's current benefit plan"],
  [
    '226',
    'Information requested from the Billing/Rendering Provider was not provided or not provided timely or was insufficient/incomplete. At least one Remark Code must be provided (may be comprised of either the NCPDP Reject Reason Code, or Remittance Advice Remark Code that is not an ALERT.)',
  ],
  [
    '234',
    'This procedure is not paid separately. At least one Remark Code must be provided (may be comprised of either the NCPDP Reject Reason Code, or Remittance Advice Remark Code that is not an ALERT.)',
  ],
  [
    '236',
    'This procedure or procedure/modifier combination is not compatible with another procedure or procedure/modifier combination provided on the same day according to the National Correct Coding Initiative or workers compensation state regulations/ fee schedule requirements.',
  ],
  ['242', 'Services not provided by network/primary care providers.'],
  [
    '252',
    'An attachment/other documentation is required to adjudicate this claim/service. At least one Remark Code must be provided (may be comprised of either the NCPDP Reject Reason Code, or Remittance Advice Remark Code that is not an ALERT.)',
  ],
  ['253', 'Sequestration - reduction in federal payment'],
  ['B7', 'This provider was not certified/eligible to be paid for this procedure/service on this date of service.'],
  ['B9', 'Services not covered because the patient is enrolled in a Hospice.'],
];

export const ADJUSTMENT_GROUP_STARTER: readonly GroupStarterRow[] = [
  [
    'CO',
    'Contractual Obligations',
    'Contractual Obligations -- this group code should be used when a contractual agreement between the payer and payee, or a regulatory requirement, resulted in an adjustment. Generally, these adjustments are considered a write-off for the provider and are not billed to the patient.',
  ],
  [
    'CR',
    'Corrections and Reversals',
    'Corrections and Reversals -- this group code should be used for correcting a prior claim. It applies when there is a change to a previously adjudicated claim.',
  ],
  [
    'OA',
    'Other Adjustments',
    'Other Adjustments -- this group code should be used when no other group code applies to the adjustment.',
  ],
  [
    'PI',
    'Payer Initiated Reductions',
    'Payer Initiated Reductions -- this group code should be used when, in the opinion of the payer, the adjustment is not the responsibility of the patient, but there is no supporting contract between the provider and the payer (i.e., medical review or professional review organization adjustments).',
  ],
  [
    'PR',
    'Patient Responsibility',
    'Patient Responsibility -- this group should be used when the adjustment represents an amount that should be billed to the patient or insured. This group would typically be used for deductible and copay adjustments.',
  ],
];
