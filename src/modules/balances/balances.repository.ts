import type { DbOrTx } from '../../db/client.js';
import type { AddressValue } from '../../db/schema/parties.js';
import { run } from '../../db/sql.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { RequestContext } from '../../lib/context.js';
import { balanceRead, statementRead } from './balances.sql.js';

type Rows = Record<string, unknown>[];

/** A patient without entries comes back as one row of nulls (the left join): no groups. */
const groupsOf = (rows: Rows) => rows.filter((r) => r.account_kind !== null);

/** The read models' statements; null when the organization has no such patient (nothing was audited then). */
export const balancesRepository = {
  async balance(db: DbOrTx, ctx: RequestContext, patientId: string): Promise<Rows | null> {
    const rows = await run(db, balanceRead, { ...audited(ctx), patientId });
    return rows.length === 0 ? null : groupsOf(rows);
  },

  /** The patient, the visits a statement may list (oldest service first) and the receivable sums, in one read. */
  async statement(db: DbOrTx, ctx: RequestContext, patientId: string) {
    const rows = await run(db, statementRead, { ...audited(ctx), patientId });
    const at = rows.findIndex((r) => r.first_name !== null);
    if (at < 0) return null;
    const head = rows[at] as unknown as PatientRow;
    const address = head.address_json === null ? null : addressView(JSON.parse(head.address_json) as AddressValue);
    const visits: StatementVisit[] = [];
    for (const [claimId, dateOfService, payerId, status, lineNumber, code, lineDate] of JSON.parse(
      head.visits_json,
    ) as VisitRow[]) {
      let visit = visits.at(-1);
      if (visit?.claimId !== claimId) {
        visit = { claimId, dateOfService, payerId, status, lines: new Map() };
        visits.push(visit);
      }
      if (lineNumber !== null) visit.lines.set(lineNumber, { code: code!, dateOfService: lineDate! });
    }
    return {
      patient: { firstName: head.first_name, lastName: head.last_name, address },
      visits,
      sums: rows.filter((_, i) => i !== at),
    };
  },
};

interface PatientRow {
  first_name: string;
  last_name: string;
  address_json: string | null;
  visits_json: string;
}

/** One line of a visit, as the statement's JSON gives it (a claim without lines: one row, its line fields null). */
type VisitRow = [
  claimId: string,
  dateOfService: string,
  payerId: string,
  status: ClaimStatus,
  lineNumber: number | null,
  code: string | null,
  lineDateOfService: string | null,
];

export interface StatementVisit {
  claimId: string;
  dateOfService: string;
  payerId: string;
  status: ClaimStatus;
  /** By line number. */
  lines: Map<number, { code: string; dateOfService: string }>;
}

/** The stored address field by field (the view is sent as built: nothing stored passes through unmapped). */
const addressView = (a: AddressValue): AddressValue => ({
  line1: a.line1,
  ...(a.line2 === undefined ? {} : { line2: a.line2 }),
  city: a.city,
  state: a.state,
  postalCode: a.postalCode,
  country: a.country ?? 'US', // stored before the field had its default: the schema's default
});

const audited = (ctx: RequestContext) => ({ orgId: ctx.orgId, actor: ctx.actor, requestId: ctx.requestId });
