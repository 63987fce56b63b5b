/**
 * What a 277CA status code means for a claim we sent. STC01-1 is a Health Care Claim Status Category Code (code source
 * 507), STC01-2 a Health Care Claim Status Code (code source 508). We hold no licensed description list, only the code
 * values (codesets/x12_code_lists_pyx12.csv), so the labels below are ours, written to say what the category means
 * for the claim, not the X12 wording.
 */

/** accepted: in the payer's adjudication system; rejected: fix and send again; pending: wait for more. */
export type AckOutcome = 'accepted' | 'rejected' | 'pending' | 'other';

interface Category {
  outcome: AckOutcome;
  label: string;
}

const pending = (label: string): Category => ({ outcome: 'pending', label });
const other = (label: string): Category => ({ outcome: 'other', label });

/** Category codes of code source 507 (the values listed in the pyx12 code file, ≈ 2015). */
const CATEGORY_LIST: Record<string, Category> = {
  // A codes acknowledge a claim. A1 is receipt only: the TR3 stresses it does not mean accepted for adjudication.
  A0: pending('forwarded to another entity'),
  A1: pending('received, not yet accepted for adjudication'),
  A2: { outcome: 'accepted', label: 'accepted into adjudication' },
  A3: { outcome: 'rejected', label: 'returned as unprocessable' },
  // Not found: the responder has no such claim, which is neither its acceptance nor a verdict on our data.
  A4: other('not found'),
  // A5: split into several claims on acceptance into adjudication; each part goes on.
  A5: { outcome: 'accepted', label: 'split on acceptance into adjudication' },
  A6: { outcome: 'rejected', label: 'rejected for missing information' },
  A7: { outcome: 'rejected', label: 'rejected for invalid information' },
  A8: { outcome: 'rejected', label: 'rejected for relational field errors' },
  D0: other('data search unsuccessful'),
  // E codes: no answer is possible; E3 and E4 name data the sender must correct, so the claim cannot go on as sent.
  E0: other('response not possible: error in the request'),
  E1: other('response not possible: system status'),
  E2: other('information holder not responding, resend later'),
  E3: { outcome: 'rejected', label: 'correction required: relational fields in error' },
  E4: { outcome: 'rejected', label: 'correction required: trading partner requirement not met' },
  // F codes report adjudication (paid, denied…). A denial is not a rejection of the submission: it comes with the 835.
  F0: other('finalized'),
  F1: other('finalized: payment'),
  F2: other('finalized: denial'),
  F3: other('finalized: revised'),
  F3F: other('finalized: forwarded'),
  F3N: other('finalized: not forwarded'),
  F4: other('finalized: adjudication complete, no payment forthcoming'),
  F5: other('finalized: cannot process'),
  P0: pending('pending: adjudication details'),
  P1: pending('pending: in process'),
  P2: pending('pending: payer review'),
  P3: pending('pending: information requested from the provider'),
  P4: pending('pending: information requested from the patient'),
  P5: pending('pending: payer administrative or system hold'),
  RQ: other('general question'),
};
// R0–R17 (there is no R2): the payer asks for more information and holds the claim meanwhile.
const CATEGORIES = new Map(Object.entries(CATEGORY_LIST));
for (const n of [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]) {
  CATEGORIES.set(`R${n}`, pending('request for additional information'));
}

/**
 * A few status codes (code source 508) common at claim level, in our words. Kept tiny on purpose: an unknown code is
 * shown as the code.
 */
const STATUSES = new Map<string, string>(
  Object.entries({
    '0': 'no further status available electronically',
    '3': 'adjudicated, waiting for the payment cycle',
    '19': 'the entity acknowledges receipt',
    '20': 'accepted for processing',
    '21': 'missing or invalid information',
    '24': 'entity not approved as an electronic submitter',
    '116': 'sent to the wrong payer',
    '187': 'date(s) of service',
    '562': "entity's NPI",
  }),
);

/** What a category code means for the claim; a code outside code source 507 (or a masked "X9") is 'other'. */
export function stcOutcome(category: string): AckOutcome {
  return CATEGORIES.get(category)?.outcome ?? 'other';
}

export function isKnownCategory(category: string): boolean {
  return CATEGORIES.has(category);
}

/**
 * STC03 action code (X214: WQ accept, U reject) as an outcome. Used only when no category of the STC is one we know
 * (a newer code, or a masked "X9" in de-identified samples): the action code still says which way the claim went.
 */
export function actionOutcome(actionCode: string | null): AckOutcome {
  return actionCode === 'U' ? 'rejected' : actionCode === 'WQ' ? 'accepted' : 'other';
}

/** "returned as unprocessable: missing or invalid information", or the codes themselves where we have no label. */
export function describeStatus(category: string, status: string): string {
  const what = CATEGORIES.get(category)?.label ?? `category ${category}`;
  return `${what}: ${STATUSES.get(status) ?? `status ${status}`}`;
}

/**
 * One outcome for several codes (the composites of an STC, the STCs of a claim). A rejection anywhere wins: a claim
 * the payer calls accepted and rejected at once must not be treated as accepted. Acceptance then wins over receipt
 * (A1 from a clearinghouse next to A2 from the payer).
 */
export function combineOutcomes(outcomes: Iterable<AckOutcome>): AckOutcome {
  let result: AckOutcome = 'other';
  for (const outcome of outcomes) {
    if (outcome === 'rejected') return outcome;
    if (outcome === 'accepted' || (outcome === 'pending' && result === 'other')) result = outcome;
  }
  return result;
}
