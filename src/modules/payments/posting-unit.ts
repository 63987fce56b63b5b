import type { Db, DbOrTx } from '../../db/client.js';
import type { NewEvent } from '../../domain/events.js';
import { isLedgerError, type JournalTransaction } from '../../domain/ledger/index.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import type { Ids } from '../../lib/ids.js';
import { notFound } from '../../lib/platform.errors.js';
import type { ClaimsService } from '../claims/claims.service.js';
import { emitEvent } from '../events/events.service.js';
import type { LedgerService, Posting } from '../ledger/ledger.service.js';
import type { PatientsService } from '../patients/patients.service.js';
import { claimOfAnotherPatient, refused } from './payments.errors.js';

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  ledger: LedgerService;
  claims: ClaimsService;
  patients: Pick<PatientsService, 'lookup' | 'lockForUpdate'>;
}

export type LockedClaim = Awaited<ReturnType<ClaimsService['lockPatientClaims']>>[number];

/** A refusal of the pure posting rules as the 4xx that posts nothing. */
export function rule<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (isLedgerError(err)) throw refused(err);
    throw err;
  }
}

/** The claims a transaction moved money on (its receivable entries' claims). */
export const claimsOf = (t: JournalTransaction): Set<string> =>
  new Set(t.entries.flatMap((e) => (e.account.kind === 'receivable' ? [e.account.claimId] : [])));

/**
 * What every posting on a patient's balance does around its own rule: lock, then post with its source row, events
 * and settlement, all in the caller's transaction.
 */
export function createPostingUnit({ clock, ids, ledger, claims, patients }: PaymentsDeps) {
  return {
    today: (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone),

    /**
     * The patient's claims (every one, in id order, as an 835 locks the claims it names) and then the patient row:
     * parallel postings on one patient serialize, and one racing an 835 on a shared claim waits for it. The patient
     * lock covers a patient without claims (credit only). 404 for a patient of another organization.
     */
    async lockPatient(tx: DbOrTx, ctx: RequestContext, patientId: string): Promise<LockedClaim[]> {
      const locked = await claims.lockPatientClaims(tx, ctx.orgId, patientId);
      const patient = await patients.lockForUpdate(tx, ctx.orgId, patientId);
      if (!patient) throw notFound('patient', patientId);
      return locked;
    },

    /** The patient's claim (locked), or 404 when no claim of the organization has the id, 422 when another patient's. */
    async ownClaim(tx: DbOrTx, ctx: RequestContext, locked: readonly LockedClaim[], claimId: string, path: string) {
      const own = locked.find((c) => c.id === claimId);
      if (own) return own;
      if (await claims.exists(tx, ctx.orgId, claimId)) throw claimOfAnotherPatient(claimId, path);
      throw notFound('claim', claimId, path);
    },

    /**
     * Writes the journal transaction (the source row, written next by the caller, names it), the source's event (if
     * any) and balance.changed, then closes the decided claims it settled and reopens the closed ones it made owe again.
     */
    async post(
      tx: DbOrTx,
      ctx: RequestContext,
      posting: Posting & { id: string; patientId: string },
      locked: readonly LockedClaim[],
      event: NewEvent | null,
    ): Promise<void> {
      await ledger.post(tx, ctx.orgId, [posting]);
      const touched = claimsOf(posting.transaction);
      await claims.settle(
        tx,
        ctx,
        locked.filter((c) => touched.has(c.id)),
      );
      if (event) await emitEvent(tx, ctx.orgId, event);
      for (const e of await ledger.balanceChangedEvents(tx, ctx.orgId, [posting.patientId])) {
        await emitEvent(tx, ctx.orgId, e);
      }
    },
  };
}
export type PostingUnit = ReturnType<typeof createPostingUnit>;
