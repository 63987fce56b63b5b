import type { Db, DbOrTx } from '../../db/client.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage, type PageQuery } from '../../lib/pagination.js';
import { notFound } from '../../lib/platform.errors.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { payersRepository as repo, type PayerRow } from './payers.repository.js';
import type { Payer, PayerCreate, PayerUpdate, X12Receiver } from './payers.schemas.js';
import type { X12ReceiverValue } from '../../db/schema/index.js';

export function toPayer(row: PayerRow): Payer {
  return {
    id: row.id,
    object: 'payer',
    name: row.name,
    ediPayerId: row.ediPayerId,
    claimFilingIndicator: row.claimFilingIndicator as Payer['claimFilingIndicator'],
    timelyFilingDays: row.timelyFilingDays,
    address: row.address ?? null,
    x12Receiver: row.x12Receiver ?? null,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** GS03 and 1000B NM109 default to the ISA08 receiver id. */
const completeReceiver = (r: X12Receiver): X12ReceiverValue => ({
  ...r,
  applicationReceiverCode: r.applicationReceiverCode ?? r.receiverId,
  etin: r.etin ?? r.receiverId,
});

const withEtag = (row: PayerRow) => ({ body: toPayer(row), headers: { etag: etagOf(row.version) } });

export function createPayersService({ db, ids }: { db: Db; ids: Ids }) {
  async function mustFind(ctx: RequestContext, id: string) {
    const row = await repo.find(db, ctx.orgId, id);
    if (!row) throw notFound('payer', id);
    return row;
  }

  return {
    /** A payer row for another module's use. */
    lookup: (tx: DbOrTx, orgId: string, id: string) => repo.find(tx, orgId, id),

    create: (ctx: RequestContext, input: PayerCreate) =>
      writeTx(db, ctx, async (tx) => {
        const row = await repo.insert(tx, {
          ...input,
          x12Receiver: input.x12Receiver && completeReceiver(input.x12Receiver),
          orgId: ctx.orgId,
          id: ids.next('payer'),
        });
        return { status: 201, ...withEtag(row) };
      }),

    retrieve: async (ctx: RequestContext, id: string) => withEtag(await mustFind(ctx, id)),

    list: async (ctx: RequestContext, page: PageQuery) =>
      toPage(await repo.list(db, ctx.orgId, page), page.limit, toPayer),

    update: (ctx: RequestContext, id: string, ifMatch: string | undefined, patch: PayerUpdate) =>
      writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        const { x12Receiver, ...rest } = patch;
        const result = await repo.updateVersioned(tx, ctx.orgId, id, expected, {
          ...rest,
          ...(x12Receiver === undefined ? {} : { x12Receiver: x12Receiver && completeReceiver(x12Receiver) }),
        });
        if (!result.row) throw result.reason === 'stale' ? preconditionFailed() : notFound('payer', id);
        return { status: 200, ...withEtag(result.row) };
      }),

    deactivate: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const result = await repo.updateVersioned(tx, ctx.orgId, id, null, { active: false });
        if (!result.row) throw notFound('payer', id);
        return { status: 200, ...withEtag(result.row) };
      }),
  };
}
export type PayersService = ReturnType<typeof createPayersService>;
