import type { Db, DbOrTx } from '../../db/client.js';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { etagOf, expectedVersion, preconditionFailed } from '../../lib/etag.js';
import type { Ids } from '../../lib/ids.js';
import { notFound } from '../../lib/platform.errors.js';
import { createTtlCache } from '../../lib/ttl-cache.js';
import { writeTx } from '../idempotency/unit-of-work.js';
import { type OrganizationRow, organizationsRepository as repo } from './organizations.repository.js';
import type { Organization, OrganizationUpdate, X12Submitter } from './organizations.schemas.js';
import type { X12SubmitterValue } from '../../db/schema/index.js';

/** What every request needs to know about its organization. */
export interface OrganizationSettings {
  timeZone: string;
}

const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  object: 'organization',
  name: row.name,
  timeZone: row.timeZone,
  x12Submitter: row.x12Submitter ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** ISA06 and GS02 default to the ETIN: most clearinghouses use one id for all three. */
const completeSubmitter = (s: X12Submitter): X12SubmitterValue => ({
  ...s,
  senderId: s.senderId ?? s.submitterId.slice(0, 15),
  applicationSenderCode: s.applicationSenderCode ?? s.submitterId.slice(0, 15),
});

const SETTINGS_TTL_MS = 30_000;
const SETTINGS_MAX = 10_000;

export function createOrganizationsService({ db, clock, ids }: { db: Db; clock: Clock; ids: Ids }) {
  // Every authenticated request reads its organization's settings: kept 30 s per process (LRU-bounded), so a
  // change made through another process applies within that; one made here applies at once.
  const cache = createTtlCache<string, OrganizationSettings>({ max: SETTINGS_MAX, ttlMs: SETTINGS_TTL_MS, clock });

  function remember(row: OrganizationRow): OrganizationSettings {
    const settings = { timeZone: row.timeZone };
    cache.set(row.id, settings);
    return settings;
  }

  return {
    /** An operator creates an organization (CLI, demo seed, tests); not an API operation. */
    async create(input: { name: string; id?: string; timeZone?: string }) {
      const row = await repo.insert(db, {
        id: input.id ?? ids.next('organization'),
        name: input.name,
        timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
      });
      return toOrganization(row);
    },

    /** The organization's settings, or null when it does not exist (a token naming an unknown tenant). */
    async settings(orgId: string): Promise<OrganizationSettings | null> {
      const hit = cache.get(orgId);
      if (hit) return hit;
      const row = await repo.find(db, orgId);
      if (!row) {
        cache.delete(orgId);
        return null;
      }
      return remember(row);
    },

    /** The organization's X12 submitter identity (null until set), for the 837P writer. */
    async x12Submitter(tx: DbOrTx, orgId: string): Promise<X12SubmitterValue | null> {
      return (await repo.find(tx, orgId))?.x12Submitter ?? null;
    },

    async retrieve(ctx: RequestContext) {
      const row = await repo.find(db, ctx.orgId);
      if (!row) throw notFound('organization', ctx.orgId);
      return { body: toOrganization(row), headers: { etag: etagOf(row.version) } };
    },

    async update(ctx: RequestContext, ifMatch: string | undefined, patch: OrganizationUpdate) {
      let updated: OrganizationRow | undefined;
      const outcome = await writeTx(db, ctx, async (tx) => {
        const expected = expectedVersion(ifMatch);
        const { x12Submitter, ...rest } = patch;
        updated = await repo.updateVersioned(tx, ctx.orgId, expected, {
          ...rest,
          ...(x12Submitter === undefined ? {} : { x12Submitter: x12Submitter && completeSubmitter(x12Submitter) }),
        });
        if (!updated)
          throw (await repo.find(tx, ctx.orgId)) ? preconditionFailed() : notFound('organization', ctx.orgId);
        return { status: 200, body: toOrganization(updated), headers: { etag: etagOf(updated.version) } };
      });
      // Only once committed: until then other requests must keep seeing the old settings.
      if (updated) remember(updated);
      return outcome;
    },
  };
}
export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
