import { type ParamRefs, sqlText } from '../../db/sql.js';

type PrimaryParams = 'orgId' | 'patientId' | 'dateOfService';

/**
 * The rule for which coverage a visit bills: the patient's active primary coverage in force on the date of
 * service (the latest-starting one, when several overlap), with its payer, as columns `coverage` and `payer`.
 * A query for a caller's statement (intake reads it with everything else in one round trip).
 */
export const primaryCoverageOn = (p: Pick<ParamRefs<Record<PrimaryParams, unknown>>, PrimaryParams>) => sqlText`
  select c as coverage, y as payer
  from coverages c join payers y on y.org_id = c.org_id and y.id = c.payer_id
  where c.org_id = ${p.orgId} and c.patient_id = ${p.patientId} and c.priority = 'primary' and c.active
    and c.effective_from <= ${p.dateOfService} and (c.effective_to is null or c.effective_to >= ${p.dateOfService})
  order by c.effective_from desc, c.created_at desc
  limit 1`;
