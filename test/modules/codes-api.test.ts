import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICD10CM_STARTER } from '../../src/domain/codesets/starter/icd10cm.starter.js';
import { starterSummary } from '../../src/domain/codesets/starter/index.js';
import { STARTER_RELEASE } from '../../src/modules/codes/starter.js';
import { createTestApp, type TestApp, type TestOrg } from '../support/app.js';

// Every test database holds the starter code set (ICD-10-CM FY2026 codes dated 2025-10-01); nothing else is imported here.
let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.newOrg();
});
afterAll(() => t.close());

interface ApiCode {
  code: string;
  billable: boolean;
  longDescription: string;
  effectiveFrom: string;
  release: string;
}

/** Searches on a fixed date inside FY2026 unless the query names one (the default, today, moves). */
async function search(system: string, query: Record<string, string | number>) {
  const res = await t.http
    .get(`/v1/codes/${system}`)
    .query({ validOn: '2026-01-15', ...query })
    .set('authorization', org.auth)
    .expect(200);
  return res.body as { object: 'list'; data: ApiCode[]; nextCursor: string | null };
}
const codesOf = async (system: string, query: Record<string, string | number>) =>
  (await search(system, query)).data.map((c) => c.code);

const STARTER_E11 = ['E11', 'E11.8', 'E11.9', 'E11.22', 'E11.40', 'E11.42', 'E11.65', 'E11.69'];

describe('GET /v1/codes/{system}', () => {
  it('lists a code prefix with the category first, then its children by length and code', async () => {
    expect(await codesOf('icd10cm', { q: 'E11' })).toEqual(STARTER_E11);
  });

  it('reads a prefix in any case, with or without the dot', async () => {
    expect(await codesOf('icd10cm', { q: 'e116' })).toEqual(['E11.65', 'E11.69']);
    expect(await codesOf('icd10cm', { q: 'E11.6' })).toEqual(['E11.65', 'E11.69']);
    expect(await codesOf('icd10cm', { q: ' e11.6 ' })).toEqual(['E11.65', 'E11.69']);
  });

  it('searches words in the descriptions, ranking the likely billable code first', async () => {
    const diabetes = await search('icd10cm', { q: 'type 2 diabetes without complications' });
    expect(diabetes.data[0]).toMatchObject({
      code: 'E11.9',
      billable: true,
      longDescription: 'Type 2 diabetes mellitus without complications',
    });
    expect((await codesOf('icd10cm', { q: 'hypertension' }))[0]).toBe('I10');
    // stems: "hypertensive" finds the hypertension codes too
    expect(await codesOf('icd10cm', { q: 'hypertensive' })).toContain('I10');
    // everyday words are widened to the clinical term
    expect((await codesOf('icd10cm', { q: 'high blood pressure' }))[0]).toBe('I10');
  });

  it('falls back to the nearest descriptions for a misspelt word', async () => {
    expect(await codesOf('icd10cm', { q: 'hypothyroidsm' })).toContain('E03.9');
  });

  it('filters billable codes from headers', async () => {
    expect(await codesOf('icd10cm', { q: 'E11', billable: 'true' })).toEqual(STARTER_E11.filter((c) => c !== 'E11'));
    expect(await codesOf('icd10cm', { q: 'E11', billable: 'false' })).toEqual(['E11']);
    const words = await search('icd10cm', { q: 'diabetes', billable: 'true', limit: 100 });
    expect(words.data.length).toBeGreaterThan(0);
    expect(words.data.every((c) => c.billable)).toBe(true);
  });

  it('pages with a cursor through every code without repeats or gaps', async () => {
    // No q: every code of the system, in code order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search('icd10cm', {
        limit: 40,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.data.length).toBeLessThanOrEqual(40);
      seen.push(...page.data.map((c) => c.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(ICD10CM_STARTER.length);
    expect(new Set(seen)).toEqual(new Set(ICD10CM_STARTER.map(([code]) => code)));
    expect(seen.slice(0, 3)).toEqual(await codesOf('icd10cm', { limit: 3 }));

    const bad = await t.http
      .get('/v1/codes/icd10cm')
      .query({ q: 'E11', cursor: 'garbage' })
      .set('authorization', org.auth)
      .expect(400);
    expect(bad.body.code).toBe('invalid_cursor');
  });

  it('pages a word search the same way', async () => {
    const all = await codesOf('icd10cm', { q: 'pain', limit: 100 });
    const first = await search('icd10cm', { q: 'pain', limit: 4 });
    const second = await search('icd10cm', { q: 'pain', limit: 4, cursor: first.nextCursor! });
    expect([...first.data, ...second.data].map((c) => c.code)).toEqual(all.slice(0, 8));
  });

  it('returns only codes valid on validOn', async () => {
    expect(await codesOf('icd10cm', { q: 'E11', validOn: '2025-10-01' })).toEqual(STARTER_E11);
    expect(await codesOf('icd10cm', { q: 'E11', validOn: '2025-09-30' })).toEqual([]);
  });

  it('searches the other systems by prefix', async () => {
    expect(await codesOf('hcpcs', { q: 'G04' })).toContain('G0439');
    expect(await codesOf('pos', { q: '11' })).toEqual(['11']);
  });

  it('refuses an unknown system and a bad query with 400', async () => {
    const system = await t.http.get('/v1/codes/icd9').query({ q: '250' }).set('authorization', org.auth).expect(400);
    expect(system.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(system.body.code).toBe('validation_failed');
    const limit = await t.http
      .get('/v1/codes/icd10cm')
      .query({ q: 'E11', limit: 101 })
      .set('authorization', org.auth)
      .expect(400);
    expect(limit.body.errors[0].path).toBe('limit');
    await t.http
      .get('/v1/codes/icd10cm')
      .query({ q: 'E11', validOn: '2025-02-30' })
      .set('authorization', org.auth)
      .expect(400);
  });
});

describe('GET /v1/codes/{system}/{code}', () => {
  it('retrieves a code with or without its dot, in any case, returned with the dot and its versions', async () => {
    for (const code of ['E11.9', 'E119', 'e119']) {
      const res = await t.http.get(`/v1/codes/icd10cm/${code}`).set('authorization', org.auth).expect(200);
      expect(res.body).toMatchObject({
        object: 'code',
        system: 'icd10cm',
        code: 'E11.9',
        billable: true,
        effectiveFrom: '2025-10-01',
        effectiveTo: null,
        release: STARTER_RELEASE,
        longDescription: 'Type 2 diabetes mellitus without complications',
        versions: [{ effectiveFrom: '2025-10-01', effectiveTo: null, release: STARTER_RELEASE, billable: true }],
      });
    }
  });

  it('answers 404 code_not_found for a code never loaded and code_not_effective for a date before it', async () => {
    const unknown = await t.http.get('/v1/codes/icd10cm/Z99.999').set('authorization', org.auth).expect(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'code_not_found' });
    const early = await t.http
      .get('/v1/codes/icd10cm/E11.9')
      .query({ validOn: '2020-01-01' })
      .set('authorization', org.auth)
      .expect(404);
    expect(early.body.code).toBe('code_not_effective');
  });
});

describe('POST /v1/codes/validate', () => {
  const validate = (items: unknown[], auth = org.auth) =>
    t.http.post('/v1/codes/validate').set('authorization', auth).send({ items });

  it('answers each item in request order with why it is not valid', async () => {
    const res = await validate([
      { system: 'icd10cm', code: 'E11.9', dateOfService: '2026-01-15' },
      { system: 'icd10cm', code: 'E11', dateOfService: '2026-01-15' },
      { system: 'icd10cm', code: 'Z99.999', dateOfService: '2026-01-15' },
      { system: 'icd10cm', code: 'e119', dateOfService: '2020-01-01' },
      { system: 'hcpcs', code: 'G0439', dateOfService: '2026-01-15' },
    ]).expect(200);
    expect(res.body.object).toBe('list');
    expect(res.body.data).toEqual([
      {
        system: 'icd10cm',
        code: 'E11.9',
        dateOfService: '2026-01-15',
        valid: true,
        billable: true,
        reason: null,
        displayCode: 'E11.9',
        description: 'Type 2 diabetes mellitus without complications',
      },
      {
        system: 'icd10cm',
        code: 'E11',
        dateOfService: '2026-01-15',
        valid: false,
        billable: false,
        reason: 'not_billable_header',
        displayCode: 'E11',
        description: 'Type 2 diabetes mellitus',
      },
      {
        system: 'icd10cm',
        code: 'Z99.999',
        dateOfService: '2026-01-15',
        valid: false,
        billable: false,
        reason: 'unknown_code',
        displayCode: null,
        description: null,
      },
      {
        system: 'icd10cm',
        code: 'e119',
        dateOfService: '2020-01-01',
        valid: false,
        billable: false,
        reason: 'not_effective_on_date',
        displayCode: 'E11.9',
        description: 'Type 2 diabetes mellitus without complications',
      },
      expect.objectContaining({ system: 'hcpcs', code: 'G0439', valid: true }),
    ]);
  });

  it('validates 1,000 codes in one request and refuses 1,001', async () => {
    const billable = ICD10CM_STARTER.filter(([, b]) => b).map(([code]) => code);
    const items = Array.from({ length: 1000 }, (_, i) => ({
      system: 'icd10cm',
      code: billable[i % billable.length],
      dateOfService: '2026-02-01',
    }));
    const ok = await validate(items).expect(200);
    expect(ok.body.data).toHaveLength(1000);
    expect(ok.body.data.every((r: { valid: boolean }) => r.valid)).toBe(true);

    const tooMany = await validate([...items, items[0]]).expect(400);
    expect(tooMany.body.code).toBe('validation_failed');
    expect(tooMany.body.errors[0].path).toBe('items');
  });

  it('refuses an unknown system, an impossible date and an empty list with 400', async () => {
    const system = await validate([{ system: 'icd9', code: '250.00', dateOfService: '2026-01-15' }]).expect(400);
    expect(system.body.errors[0].path).toBe('items[0].system');
    const date = await validate([{ system: 'icd10cm', code: 'E11.9', dateOfService: '2026-02-30' }]).expect(400);
    expect(date.body.errors[0].path).toBe('items[0].dateOfService');
    await validate([]).expect(400);
  });
});

describe('access to code sets', () => {
  it('needs a token (401) with the codes:read scope (403)', async () => {
    const none = await t.http.get('/v1/codes/icd10cm').query({ q: 'E11' }).expect(401);
    expect(none.body.code).toBe('invalid_token');
    await t.http
      .post('/v1/codes/validate')
      .send({ items: [{ system: 'icd10cm', code: 'E11.9', dateOfService: '2026-01-15' }] })
      .expect(401);

    const patientsOnly = `Bearer ${await org.tokenWith(['patients:read'])}`;
    const denied = await t.http.get('/v1/code-systems').set('authorization', patientsOnly).expect(403);
    expect(denied.body.code).toBe('insufficient_scope');
    await t.http.get('/v1/codes/icd10cm/E11.9').set('authorization', patientsOnly).expect(403);

    const codesOnly = `Bearer ${await org.tokenWith(['codes:read'])}`;
    await t.http.get('/v1/codes/icd10cm/E11.9').set('authorization', codesOnly).expect(200);
  });
});

describe('GET /v1/code-systems', () => {
  it('lists each loaded system with its code counts and the starter release', async () => {
    const res = await t.http.get('/v1/code-systems').set('authorization', org.auth).expect(200);
    const expected = starterSummary();
    const systems = res.body.data as {
      system: keyof typeof expected;
      codes: number;
      activeCodes: number;
      billableCodes: number;
      releases: { label: string; source: string; records: number }[];
    }[];
    expect(systems.map((s) => s.system)).toEqual(
      Object.keys(expected)
        .filter((s) => expected[s as keyof typeof expected] > 0)
        .sort(),
    );
    for (const s of systems) {
      expect(s.codes, s.system).toBe(expected[s.system]);
      expect(s.releases, s.system).toMatchObject([
        { label: STARTER_RELEASE, source: 'starter', records: expected[s.system] },
      ]);
    }
    const icd = systems.find((s) => s.system === 'icd10cm')!;
    expect(icd).toMatchObject({
      object: 'code_system',
      codes: ICD10CM_STARTER.length,
      activeCodes: ICD10CM_STARTER.length,
    });
    expect(icd.billableCodes).toBe(ICD10CM_STARTER.filter(([, billable]) => billable).length);
  });
});
