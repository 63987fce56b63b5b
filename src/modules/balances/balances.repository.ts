import type { DbOrTx } from '../../db/client.js';
import { run } from '../../db/sql.js';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { RequestContext } from '../../lib/context.js';
import { balanceRead, statementRead, statementVisits } from './balances.sql.js';

type Rows = Record<string, unknown>[];

/** A patient without entries comes back as one row of nulls (the left join): no groups. */
const groupsOf = (rows: Rows) => rows.filter((r) => r.account_kind !== null);

/** The read models' statements; null when the organization has no such patient (nothing was audited then). */
export const balancesRepository = {
  async balance(db: DbOrTx, ctx: RequestContext, patientId: string): Promise<Rows | null> {
    const rows = await run(db, balanceRead, { ...audited(ctx), patientId });
    return rows.length === 0 ? null : groupsOf(rows);
  },

  async statement(db: DbOrTx, ctx: RequestContext, patientId: string) {
    const rows = await run(db, statementRead, { ...audited(ctx), patientId });
    const first = rows[0] as { first_name: string; last_name: string; address_json: string | null } | undefined;
    if (!first) return null;
    const address: unknown = first.address_json === null ? null : JSON.parse(first.address_json);
    return { patient: { firstName: first.first_name, lastName: first.last_name, address }, sums: groupsOf(rows) };
  },

  /** The visits a statement lists (claims by id, oldest service first), each with its lines' codes and dates. */
  async visits(db: DbOrTx, orgId: string, claimIds: readonly string[]): Promise<StatementVisit[]> {
    if (claimIds.length === 0) return [];
    const visits: StatementVisit[] = [];
    for (const raw of await run(db, statementVisits, { orgId, claimIds })) {
      const row = raw as unknown as VisitRow;
      let visit = visits.at(-1);
      if (visit?.claimId !== row.id) {
        visit = {
          claimId: row.id,
          dateOfService: row.date_of_service,
          payerId: row.payer_id,
          status: row.status,
          lines: new Map(),
        };
        visits.push(visit);
      }
      if (row.line_number !== null) {
        visit.lines.set(row.line_number, { code: row.code!, dateOfService: row.line_date_of_service! });
      }
    }
    return visits;
  },
};

interface VisitRow {
  id: string;
  date_of_service: string;
  payer_id: string;
  status: ClaimStatus;
  line_number: number | null;
  code: string | null;
  line_date_of_service: string | null;
}

export interface StatementVisit {
  claimId: string;
  dateOfService: string;
  payerId: string;
  status: ClaimStatus;
  /** By line number. */
  lines: Map<number, { code: string; dateOfService: string }>;
}

const audited = (ctx: RequestContext) => ({ orgId: ctx.orgId, actor: ctx.actor, requestId: ctx.requestId });
