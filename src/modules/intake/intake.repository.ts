import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowCodec } from '../../db/rows.js';
import {
  type CoverageRow,
  coverages,
  type EncounterRow,
  encounters,
  type PatientRow,
  type PayerRow,
  patients,
  payers,
  type ProviderRow,
  providers,
} from '../../db/schema/index.js';
import { run, type StatementValues } from '../../db/sql.js';
import { decodeReferences, type ScrubReferences } from '../claims/claim-scrub.js';
import { tenantTable } from '../../db/tenant-table.js';
import type { EncounterListQuery } from './intake.schemas.js';
import { encounterCreate, intakeRead } from './intake.sql.js';

export type { EncounterRow };

const base = tenantTable<typeof encounters, EncounterRow>(encounters);
const encounterCodec = rowCodec(encounters);
const patientCodec = rowCodec(patients);
const providerCodec = rowCodec(providers);
const coverageCodec = rowCodec(coverages);
const payerCodec = rowCodec(payers);

/** What `intake_read` returns, decoded: rows as drizzle returns them, the scrub references checked. */
export interface IntakeRows {
  patient: PatientRow | null;
  providers: ProviderRow[];
  primary: { coverage: CoverageRow; payer: PayerRow } | null;
  /** The database clock, to the millisecond the timestamp columns keep. */
  now: Date;
  existing: EncounterRow | null;
  references: ScrubReferences;
}

export const intakeRepository = {
  find: base.find,
  updateVersioned: base.updateVersioned,

  findByExternalId: async (db: DbOrTx, orgId: string, externalId: string) =>
    (
      await db
        .select()
        .from(encounters)
        .where(and(eq(encounters.orgId, orgId), eq(encounters.externalId, externalId)))
        .limit(1)
    )[0],

  list: (db: DbOrTx, orgId: string, q: EncounterListQuery) =>
    base.list(
      db,
      orgId,
      q,
      and(
        q.patientId ? eq(encounters.patientId, q.patientId) : undefined,
        q.externalId ? eq(encounters.externalId, q.externalId) : undefined,
      ),
    ),

  /** Everything intake reads before it writes, in one statement (intake_read). */
  read: async (db: DbOrTx, values: StatementValues<typeof intakeRead.params>): Promise<IntakeRows> => {
    const [row] = await run(db, intakeRead, values);
    const r = row!;
    return {
      patient: r.patient ? patientCodec.decode(r.patient) : null,
      providers: (r.providers as unknown[]).map((p) => providerCodec.decode(p)),
      primary:
        r.coverage && r.payer
          ? { coverage: coverageCodec.decode(r.coverage), payer: payerCodec.decode(r.payer) }
          : null,
      now: new Date(r.now as string),
      existing: r.existing ? encounterCodec.decode(r.existing) : null,
      references: decodeReferences(r),
    };
  },

  /** A new encounter and everything its creation writes, in one statement (encounter_create). */
  create: (
    db: DbOrTx,
    values: Omit<StatementValues<typeof encounterCreate.params>, 'encounter'> & { encounter: EncounterRow },
  ) => run(db, encounterCreate, { ...values, encounter: encounterCodec.encode(values.encounter) }),
};
