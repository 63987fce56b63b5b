import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import { coverages, payers } from '../../db/schema/index.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import type { CodeSetCoverage } from '../codes/code-coverage.js';
import { copiedContent } from './claim-corrections.js';
import type { PartyLookups } from './claim-dry-run.js';
import { type Billed, planNewClaim } from './claim-planner.js';
import { claimsRepository as repo } from './claims.repository.js';

/**
 * Coordination of benefits (issue 10): when a payer's decision leaves patient responsibility and the patient has
 * a next coverage (secondary after primary, tertiary after secondary) active on the date of service, that
 * responsibility is billed to the next payer on a claim of its own, built from the adjudicated claim's services,
 * scrubbed and made ready; it posts no charges (its balance is what the prior payer moved to it).
 */

const coverageCodec = rowCodec(coverages);
const payerCodec = rowCodec(payers);

/** Where the patient responsibility of a claim's adjudication goes next: a COB claim (made now if need be). */
export interface NextPayer {
  claimId: string;
  coverageId: string;
  payerId: string;
}

const RANK = sql.raw(`case priority when 'primary' then 1 when 'secondary' then 2 else 3 end`);

/**
 * For each claim, the patient's next coverage in force on its date of service, and the COB claim already built
 * for it (not void or replaced), in one query; claims without a next coverage are absent.
 */
async function nextCoverages(tx: DbOrTx, orgId: string, claimIds: readonly string[]) {
  if (claimIds.length === 0) return [];
  const rows = await queryRows<{ claim_id: string; coverage: unknown; payer: unknown; secondary_id: string | null }>(
    tx,
    sql`select c.id as claim_id, row_to_json(n) as coverage, row_to_json(y) as payer,
      (select s.id from claims s where s.org_id = c.org_id and s.prior_claim_id = c.id
        and s.status not in ('void', 'replaced') order by s.created_at desc, s.id desc limit 1) as secondary_id
    from claims c
    join coverages cur on cur.org_id = c.org_id and cur.id = c.coverage_id
    join lateral (select * from coverages n where n.org_id = c.org_id and n.patient_id = c.patient_id and n.active
        and n.effective_from <= c.date_of_service and (n.effective_to is null or n.effective_to >= c.date_of_service)
        and (select ${RANK} from coverages x where x.org_id = n.org_id and x.id = n.id)
          > (select ${RANK} from coverages x where x.org_id = cur.org_id and x.id = cur.id)
        order by (select ${RANK} from coverages x where x.org_id = n.org_id and x.id = n.id), n.effective_from desc
        limit 1) n on true
    join payers y on y.org_id = n.org_id and y.id = n.payer_id
    where c.org_id = ${orgId} and c.id in ${[...claimIds]}`,
  );
  return rows.map((r) => ({
    claimId: r.claim_id,
    billed: { coverage: coverageCodec.decode(r.coverage), payer: payerCodec.decode(r.payer) } as Billed,
    secondaryId: r.secondary_id,
  }));
}

export interface CobDeps {
  ids: Ids;
  lookups: PartyLookups;
  coverage: () => Promise<CodeSetCoverage>;
  today: (ctx: RequestContext) => string;
}

/**
 * The next payer of each claim whose adjudication leaves patient responsibility (`claimIds`, held locked by the
 * caller): the COB claim already built for it, or one built now. Claims with no next coverage are absent.
 */
export async function nextPayers(
  tx: DbOrTx,
  ctx: RequestContext,
  deps: CobDeps,
  claimIds: readonly string[],
): Promise<Map<string, NextPayer>> {
  const out = new Map<string, NextPayer>();
  for (const next of await nextCoverages(tx, ctx.orgId, claimIds)) {
    const { coverage, payer } = next.billed;
    if (next.secondaryId) {
      out.set(next.claimId, { claimId: next.secondaryId, coverageId: coverage.id, payerId: payer.id });
      continue;
    }
    const prior = await repo.find(tx, ctx.orgId, next.claimId);
    if (!prior) continue;
    const content = await copiedContent(tx, deps.lookups, prior);
    const references = await repo.references(tx, ctx.orgId, prior.patientId, null, content.source);
    const plan = planNewClaim(ctx, deps.ids, {
      ...content,
      billed: next.billed,
      references,
      coverage: await deps.coverage(),
      today: deps.today(ctx),
      now: await repo.now(tx),
      priorClaimId: prior.id,
    });
    await repo.insertNew(tx, plan, { journalTransactions: [], journalEntries: [] });
    out.set(next.claimId, { claimId: plan.row.id, coverageId: coverage.id, payerId: payer.id });
  }
  return out;
}
