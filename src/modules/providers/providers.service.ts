import type { Db, DbOrTx } from '../../db/client.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { toPage, type PageQuery } from '../../lib/pagination.js';
import { notFound, validationFailed } from '../../lib/platform.errors.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { npiTaken } from './providers.errors.js';
import { providersRepository as repo, type ProviderRow } from './providers.repository.js';
import { checkNames, type Provider, type ProviderCreate, type ProviderUpdate } from './providers.schemas.js';

export function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    object: 'provider',
    kind: row.kind,
    npi: row.npi,
    firstName: row.firstName,
    lastName: row.lastName,
    organizationName: row.organizationName,
    taxonomyCode: row.taxonomyCode,
    taxId: row.taxId,
    address: row.address ?? null,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withEtag = (row: ProviderRow) => ({ body: toProvider(row), headers: { etag: etagOf(row.version) } });

export function createProvidersService({ db, ids }: { db: Db; ids: Ids }) {
  return {
    /** Provider rows for another module's use (claims read the providers they name). */
    lookupMany: (tx: DbOrTx, orgId: string, providerIds: string[]) => repo.findMany(tx, orgId, providerIds),

    create: (ctx: RequestContext, input: ProviderCreate) =>
      writeTx(db, ctx, async (tx) => {
        const existing = await repo.findByNpi(tx, ctx.orgId, input.npi);
        if (existing) throw npiTaken(input.npi, existing.id);
        const row = await repo.insert(tx, { ...input, orgId: ctx.orgId, id: ids.next('provider') });
        return { status: 201, ...withEtag(row) };
      }),

    retrieve: async (ctx: RequestContext, id: string) => {
      const row = await repo.find(db, ctx.orgId, id);
      if (!row) throw notFound('provider', id);
      return withEtag(row);
    },

    list: async (ctx: RequestContext, page: PageQuery) =>
      toPage(await repo.list(db, ctx.orgId, page), page.limit, toProvider),

    update: (ctx: RequestContext, id: string, ifMatch: string | undefined, patch: ProviderUpdate) =>
      writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        const current = await repo.find(tx, ctx.orgId, id);
        if (!current) throw notFound('provider', id);
        const issues: { path: string; code: string; message: string }[] = [];
        checkNames(
          { ...current, ...patch },
          { addIssue: (i) => issues.push({ path: i.path.join('.'), code: i.code, message: i.message }) },
        );
        if (issues.length) throw validationFailed(issues);
        if (patch.npi && patch.npi !== current.npi) {
          const other = await repo.findByNpi(tx, ctx.orgId, patch.npi);
          if (other) throw npiTaken(patch.npi, other.id);
        }
        const result = await repo.updateVersioned(tx, ctx.orgId, id, expected, patch);
        if (!result.row) throw result.reason === 'stale' ? preconditionFailed() : notFound('provider', id);
        return { status: 200, ...withEtag(result.row) };
      }),

    deactivate: (ctx: RequestContext, id: string) =>
      writeTx(db, ctx, async (tx) => {
        const result = await repo.updateVersioned(tx, ctx.orgId, id, null, { active: false });
        if (!result.row) throw notFound('provider', id);
        return { status: 200, ...withEtag(result.row) };
      }),
  };
}
export type ProvidersService = ReturnType<typeof createProvidersService>;
