import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { codePrefixOf } from '../../domain/code-search.js';
import { checkValidity, versionOn } from '../../domain/code-validity.js';
import { normalizeCode, type CodeSystem } from '../../domain/codesets/index.js';
import { NCCI_BYPASS_MODIFIERS } from '../../domain/scrub/index.js';
import { localDate } from '../../domain/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import type { RequestContext } from '../../lib/context.js';
import { invalidCursor } from '../../lib/platform.errors.js';
import type { CodeCoverageCache } from './code-coverage.js';
import { type ImportFileOptions, importCodeFile } from './code-files.js';
import { flushSearchIndexes, refreshSearchAids, searchAidsSystemOf } from './code-search.importer.js';
import { searchWords } from './code-search.js';
import { noMue, notEffective, unknownCode } from './codes.errors.js';
import { loadStarterCodes } from './starter.js';
import { codesRepository as repo, type CodeRow } from './codes.repository.js';
import type { Code, CodeSearchQuery, CodeSystemName, ValidateRequest } from './codes.schemas.js';

type CodeApi = z.infer<typeof Code>;

export function toCode(row: CodeRow): CodeApi {
  return {
    object: 'code',
    system: row.system as CodeApi['system'],
    code: row.code,
    shortDescription: row.shortDescription,
    longDescription: row.longDescription,
    billable: row.billable,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    release: row.release,
    attributes: row.attributes ?? {},
  };
}

function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
  if (!Number.isInteger(n) || n < 0 || n > 10_000) {
    throw invalidCursor('The cursor is not one this API returned.', {
      path: 'cursor',
      code: 'invalid_cursor',
      message: 'pass nextCursor unchanged',
    });
  }
  return n;
}

export function createCodesService({ db, clock, coverage }: { db: Db; clock: Clock; coverage: CodeCoverageCache }) {
  const today = (ctx: RequestContext) => localDate(clock.now(), ctx.timeZone);
  async function loadStarter(): Promise<CodeSystem[]> {
    try {
      const loaded = await loadStarterCodes(db);
      for (const system of loaded) await refreshSearchAids(db, system);
      if (loaded.length > 0) await flushSearchIndexes(db);
      return loaded;
    } finally {
      coverage.forget();
    }
  }

  return {
    /** Imports an official file (the CLI's codes:import); scrubs see the new coverage at once. */
    async importFile(options: ImportFileOptions) {
      try {
        const summary = await importCodeFile(db, options);
        const searched = searchAidsSystemOf(options.target);
        if (searched) await refreshSearchAids(db, searched);
        await flushSearchIndexes(db);
        return summary;
      } finally {
        coverage.forget(); // after commit, so no request re-caches the old answer in between
      }
    },

    /** Our starter set into every code system that holds no code yet (`npm run setup`); the systems loaded. */
    loadStarter,

    /** The same, answering whether anything was loaded (the demo start). */
    async loadStarterIfEmpty() {
      return (await loadStarter()).length > 0;
    },

    async listSystems(ctx: RequestContext) {
      const [summary, releases] = await Promise.all([repo.systemsSummary(db, today(ctx)), repo.releases(db)]);
      return {
        object: 'list' as const,
        data: summary.map((s) => ({
          object: 'code_system' as const,
          system: s.system as z.infer<typeof CodeSystemName>,
          codes: s.codes,
          activeCodes: s.active,
          billableCodes: s.billable,
          releases: releases
            .filter((r) => r.system === s.system)
            .map((r) => ({
              label: r.label,
              source: r.source,
              effectiveFrom: r.effectiveFrom,
              fileName: r.fileName,
              records: r.records,
              importedAt: r.importedAt.toISOString(),
            })),
        })),
      };
    },

    /** Prefix search for code-like queries, ranked full-text search for words, trigram fallback for typos. */
    async search(ctx: RequestContext, system: CodeSystem, query: z.infer<typeof CodeSearchQuery>) {
      const offset = offsetOf(query.cursor);
      const args = {
        system,
        validOn: query.validOn ?? today(ctx),
        billable: query.billable,
        limit: query.limit + 1,
        offset,
      };
      const prefix = query.q ? codePrefixOf(query.q) : '';
      const rows =
        prefix !== null
          ? await repo.searchPrefix(db, { ...args, prefix: prefix ?? '' })
          : await searchWords(db, args, query.q!);
      const more = rows.length > query.limit;
      return {
        object: 'list' as const,
        data: rows.slice(0, query.limit).map(toCode),
        nextCursor: more ? Buffer.from(`o:${offset + query.limit}`).toString('base64url') : null,
      };
    },

    async retrieve(system: CodeSystem, code: string, validOn: string | undefined) {
      const versions = await repo.versionsOf(db, system, [normalizeCode(system, code)]);
      if (versions.length === 0) throw unknownCode(system, code);
      const chosen = validOn ? versionOn(versions, validOn) : versions[versions.length - 1];
      if (!chosen) throw notEffective(system, code, validOn!);
      return {
        ...toCode(chosen),
        versions: versions.map((v) => ({
          effectiveFrom: v.effectiveFrom,
          effectiveTo: v.effectiveTo,
          release: v.release,
          shortDescription: v.shortDescription,
          billable: v.billable,
        })),
      };
    },

    async validate(input: z.infer<typeof ValidateRequest>) {
      const keyed = input.items.map((i) => ({ ...i, key: normalizeCode(i.system, i.code) }));
      const unique = [
        ...new Map(keyed.map((k) => [`${k.system}|${k.key}`, { system: k.system, key: k.key }])).values(),
      ];
      const rows = await repo.versionsOfMany(db, unique);
      const bySystemKey = new Map<string, CodeRow[]>();
      for (const r of rows) {
        const k = `${r.system}|${r.codeKey}`;
        bySystemKey.set(k, [...(bySystemKey.get(k) ?? []), r]);
      }
      return {
        object: 'list' as const,
        data: keyed.map((item) => {
          const versions = bySystemKey.get(`${item.system}|${item.key}`) ?? [];
          const result = checkValidity(versions, item.dateOfService);
          const shown = result.version ?? versions[versions.length - 1] ?? null;
          return {
            system: item.system,
            code: item.code,
            dateOfService: item.dateOfService,
            valid: result.valid,
            billable: result.billable,
            reason: result.reason,
            displayCode: shown?.code ?? null,
            description: shown?.longDescription ?? null,
          };
        }),
      };
    },

    async ptp(codes: string[], dateOfService: string) {
      const rows = await repo.ptpAmong(db, codes, dateOfService);
      return {
        object: 'list' as const,
        data: rows.map((r) => ({
          column1: r.column1,
          column2: r.column2,
          effectiveFrom: r.effectiveFrom,
          deletedOn: r.deletedOn,
          modifierIndicator: r.modifierIndicator as '0' | '1' | '9',
          bypassModifiers: r.modifierIndicator === '1' ? [...NCCI_BYPASS_MODIFIERS] : [],
          rationale: r.rationale,
        })),
      };
    },

    async mue(code: string, dateOfService: string) {
      const row = await repo.mueOn(db, code.toUpperCase(), dateOfService);
      if (!row) throw noMue(code.toUpperCase(), dateOfService);
      return {
        object: 'mue' as const,
        code: row.code,
        maxUnits: row.maxUnits,
        adjudicationIndicator: row.adjudicationIndicator,
        adjudicationText: row.adjudicationText,
        rationale: row.rationale,
        effectiveFrom: row.effectiveFrom,
        effectiveTo: row.effectiveTo,
      };
    },
  };
}
export type CodesService = ReturnType<typeof createCodesService>;
