import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClaimsClient,
  ClaimsApiError,
  createClaimsClient,
  etagOf,
  ifMatch,
  isClaimsApiError,
  type ProblemCode,
  type Schema,
  wasReplayed,
} from '../../sdk/typescript/src/index.js';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * The main flows as an integrator runs them: through the TypeScript SDK only (no supertest, no inject), against
 * the real application listening on a port of 127.0.0.1, with client credentials exchanged for a token by the SDK.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/x12');
const fixture = (name: string, values: Record<string, string>) =>
  Object.entries(values).reduce(
    (text, [key, value]) => text.replaceAll(`{${key}}`, value),
    readFileSync(path.join(FIXTURES, name), 'utf8'),
  );
const X12 = { 'content-type': 'application/edi-x12' };
const DOS = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);

// Bodies typed by the SDK, as an integrator writes them (synthetic data only).
const payerBody = (over: Partial<Schema<'PayerCreate'>> = {}): Schema<'PayerCreate'> => ({
  name: 'Acme Health Plan',
  ediPayerId: '60054',
  claimFilingIndicator: 'CI',
  timelyFilingDays: 365,
  ...over,
});
const ADDRESS = { line1: '1 Clinic Way', city: 'Springfield', state: 'IL', postalCode: '627011234' };
const clinician: Schema<'ProviderCreate'> = {
  kind: 'individual',
  npi: '1234567893',
  firstName: 'Ada',
  lastName: 'Testdoctor',
  taxonomyCode: '207Q00000X',
  taxId: '123456789',
  address: ADDRESS,
};
const practice: Schema<'ProviderCreate'> = {
  kind: 'organization',
  npi: '1245319599',
  organizationName: 'Springfield Family Medicine',
  taxonomyCode: '207Q00000X',
  taxId: '123456789',
  address: ADDRESS,
};
const patientBody = (externalId: string): Schema<'PatientCreate'> => ({
  externalId,
  firstName: 'Jane',
  lastName: 'Testpatient',
  birthDate: '1980-02-29',
  sex: 'female',
  address: { line1: '42 Elm St', city: 'Springfield', state: 'IL', postalCode: '62704' },
});

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => t?.close());

interface Integrator {
  claims: ClaimsClient;
  /** Every request that left the SDK, in order: method, path, and the headers the tests look at. */
  sent: { method: string; path: string; idempotencyKey: string | null; ifMatch: string | null }[];
}

/** A new organization, an API client for it, and an SDK client using those credentials. */
async function integrator(options: { fetch?: (request: Request) => Promise<Response> } = {}): Promise<Integrator> {
  const org = await t.newOrg('SDK Clinic');
  const credentials = await t.services.auth.createClient({ orgId: org.orgId, name: 'sdk e2e' });
  const sent: Integrator['sent'] = [];
  const claims = createClaimsClient({
    baseUrl,
    credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    fetch: async (request) => {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        idempotencyKey: request.headers.get('idempotency-key'),
        ifMatch: request.headers.get('if-match'),
      });
      return (options.fetch ?? fetch)(request);
    },
  });
  return { claims, sent };
}

/** The error a call throws, so a test can look at it. */
async function failure(call: Promise<unknown>): Promise<ClaimsApiError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ClaimsApiError)) throw new Error(`expected a ClaimsApiError, got ${String(err)}`);
  return err;
}

describe('the TypeScript SDK against a live server', () => {
  it('runs the whole cycle: settings, master data, encounter → ready claim → 837P → 999 → 277CA → 835 → paid → balance → payment', async () => {
    const { claims, sent } = await integrator();

    // Organization settings: read with its ETag, change with If-Match.
    const org = await claims.GET('/v1/organization');
    await claims.PATCH('/v1/organization', {
      params: { header: ifMatch(org.response) },
      body: {
        x12Submitter: {
          submitterId: 'ETIN12345',
          name: 'SPRINGFIELD FAMILY MEDICINE',
          contactName: 'BILLING OFFICE',
          contactPhone: '2175550100',
        },
      },
    });

    const { data: payer } = await claims.POST('/v1/payers', { body: payerBody() });
    const payerRead = await claims.GET('/v1/payers/{id}', { params: { path: { id: payer.id } } });
    await claims.PATCH('/v1/payers/{id}', {
      params: { path: { id: payer.id }, header: ifMatch(payerRead.response) },
      body: { x12Receiver: { receiverId: 'CLEARHOUSE01', name: 'DEMO CLEARINGHOUSE', usage: 'T' } },
    });
    const { data: billing } = await claims.POST('/v1/providers', { body: practice });
    const { data: rendering } = await claims.POST('/v1/providers', { body: clinician });
    const { data: patient } = await claims.POST('/v1/patients', { body: patientBody('ehr-sdk-1') });
    await claims.POST('/v1/coverages', {
      body: {
        patientId: patient.id,
        payerId: payer.id,
        memberId: 'XJH123456789',
        priority: 'primary',
        relationship: 'self',
        effectiveFrom: '2025-01-01',
      },
    });

    // The encounter builds a claim that scrubs clean.
    const { data: encounter, response: created } = await claims.POST('/v1/encounters', {
      params: { header: { 'idempotency-key': 'visit-sdk-1' } },
      body: {
        externalId: 'visit-sdk-1',
        patientId: patient.id,
        billingProviderId: billing.id,
        renderingProviderId: rendering.id,
        dateOfService: DOS,
        placeOfService: '11',
        diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
        lines: [{ code: '99213', modifiers: [], units: 1, chargeCents: 15000, diagnosisPointers: [1, 2] }],
      },
    });
    expect(created.status).toBe(201);
    const claimId = encounter.claims[0]!.id;
    const { data: ready } = await claims.GET('/v1/claims/{id}', { params: { path: { id: claimId } } });
    expect(ready).toMatchObject({ status: 'ready', totalChargeCents: 15000 });

    // 837P, then the clearinghouse's 999 and the payer's 277CA, posted as the raw files.
    const { data: submissions } = await claims.POST('/v1/submissions', { body: { claimIds: [claimId] } });
    const submission = submissions.data[0]!;
    const { data: file } = await claims.GET('/v1/submissions/{id}/x12', {
      params: { path: { id: submission.id } },
      parseAs: 'text',
    });
    expect(file).toContain(`CLM*${ready.patientControlNumber}*150*`);
    await claims.POST('/v1/acknowledgments', {
      headers: X12,
      body: fixture('walkthrough-999.x12', {
        GROUP: submission.groupControlNumber,
        SET: submission.transactionControlNumbers[0]!,
      }),
    });
    const dos = DOS.replaceAll('-', '');
    await claims.POST('/v1/acknowledgments', {
      headers: X12,
      body: fixture('walkthrough-277ca.x12', {
        BATCH: submission.id.slice(4).toUpperCase(),
        PCN: ready.patientControlNumber,
        DOS: dos,
      }),
    });
    expect((await claims.GET('/v1/claims/{id}', { params: { path: { id: claimId } } })).data).toMatchObject({
      status: 'accepted',
      payerClaimNumber: 'PAYERCLAIM0001',
    });

    // 835: $150 billed, CO-45 $30, PR-3 $20 to the patient, $100 paid.
    const { data: remittances } = await claims.POST('/v1/remittances', {
      headers: X12,
      body: fixture('walkthrough-835.x12', {
        PCN: ready.patientControlNumber,
        DOS: dos,
        LINE: ready.lines[0]!.controlNumber,
      }),
    });
    expect(remittances.data[0]).toMatchObject({ paymentCents: 10000, claimCount: 1, unmatchedCount: 0 });
    expect((await claims.GET('/v1/claims/{id}', { params: { path: { id: claimId } } })).data.status).toBe('paid');
    const [adjudication] = (await claims.GET('/v1/claims/{id}/adjudications', { params: { path: { id: claimId } } }))
      .data.data;
    expect(adjudication).toMatchObject({ paidCents: 10000, patientResponsibilityCents: 2000, allowedCents: 12000 });

    // The patient owes the copay, pays it, and the claim closes.
    const balance = await claims.GET('/v1/patients/{id}/balance', { params: { path: { id: patient.id } } });
    expect(balance.data).toMatchObject({ patientBalanceCents: 2000, insuranceBalanceCents: 0 });
    const payment = await claims.POST('/v1/patients/{id}/payments', {
      params: { path: { id: patient.id } },
      body: { amountCents: 2000, method: 'card', reference: 'front desk' },
    });
    expect(payment.response.status).toBe(201);
    expect((await claims.GET('/v1/claims/{id}', { params: { path: { id: claimId } } })).data.status).toBe('closed');
    const after = await claims.GET('/v1/patients/{id}/balance', { params: { path: { id: patient.id } } });
    expect(after.data.patientBalanceCents).toBe(0);

    // The event feed, three at a time (it continues with `after`), is the whole feed.
    const events: { id: string; type: string }[] = [];
    for await (const event of claims.paginate('/v1/events', { params: { query: { limit: 3 } } })) events.push(event);
    const { data: feed } = await claims.GET('/v1/events', { params: { query: { limit: 500 } } });
    expect(events.map((e) => e.id)).toEqual(feed.data.map((e) => e.id));
    for (const type of ['claim.submitted', 'claim.accepted', 'claim.adjudicated', 'remittance.posted']) {
      expect(events.map((e) => e.type)).toContain(type);
    }

    // One token for the whole flow; every POST but the token request carried a key, the encounter the one given.
    expect(sent.filter((r) => r.path === '/v1/oauth/token')).toHaveLength(1);
    const posts = sent.filter((r) => r.method === 'POST' && r.path !== '/v1/oauth/token');
    expect(posts.every((r) => r.idempotencyKey)).toBe(true);
    expect(posts.find((r) => r.path === '/v1/encounters')?.idempotencyKey).toBe('visit-sdk-1');
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(posts.length);
  });

  it('replays a create sent twice with the same Idempotency-Key, and refuses the key with another body', async () => {
    const { claims } = await integrator();
    const header = { 'idempotency-key': 'payer-acme-1' };
    const first = await claims.POST('/v1/payers', { params: { header }, body: payerBody() });
    const again = await claims.POST('/v1/payers', { params: { header }, body: payerBody() });
    expect(first.response.status).toBe(201);
    expect(wasReplayed(first.response)).toBe(false);
    expect(wasReplayed(again.response)).toBe(true);
    expect(again.data.id).toBe(first.data.id);

    const reused = await failure(
      claims.POST('/v1/payers', { params: { header }, body: payerBody({ name: 'Other Plan' }) }),
    );
    expect(reused).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    const { data: payers } = await claims.GET('/v1/payers');
    expect(payers.data).toHaveLength(1);
  });

  it('retries a create whose answer was lost with the same key: the payer is created once', async () => {
    let dropped = 0;
    const { claims, sent } = await integrator({
      // The server gets the first POST and applies it; the client never sees the answer (a timeout, a reset).
      fetch: async (request) => {
        const response = await fetch(request);
        if (request.method === 'POST' && new URL(request.url).pathname === '/v1/payers' && dropped++ === 0) {
          await response.body?.cancel();
          throw new TypeError('fetch failed');
        }
        return response;
      },
    });
    const { data: payer, response } = await claims.POST('/v1/payers', { body: payerBody() });
    expect(wasReplayed(response)).toBe(true);
    const attempts = sent.filter((r) => r.path === '/v1/payers');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
    const { data: payers } = await claims.GET('/v1/payers');
    expect(payers.data.map((p) => p.id)).toEqual([payer.id]);
  });

  it('updates with If-Match from the ETag: 428 without it, 412 when stale', async () => {
    const { claims, sent } = await integrator();
    const { data: patient, response } = await claims.POST('/v1/patients', { body: patientBody('ehr-etag') });
    const id = patient.id;
    const etag = etagOf(response);

    // The SDK's types require If-Match on a PATCH; a caller that gets around them meets the API's 428.
    const withoutIfMatch = { path: { id } } as { path: { id: string }; header: { 'if-match': string } };
    const missing = await failure(
      claims.PATCH('/v1/patients/{id}', { params: withoutIfMatch, body: { phone: '2175550100' } }),
    );
    expect(missing).toMatchObject({ status: 428, code: 'precondition_required' });

    const changed = await claims.PATCH('/v1/patients/{id}', {
      params: { path: { id }, header: ifMatch(etag) },
      body: { phone: '2175550100' },
    });
    expect(changed.data.phone).toBe('2175550100');
    expect(etagOf(changed.response)).not.toBe(etag);
    expect(sent.at(-1)?.ifMatch).toBe(etag);

    const stale = await failure(
      claims.PATCH('/v1/patients/{id}', {
        params: { path: { id }, header: ifMatch(etag) },
        body: { phone: '2175550199' },
      }),
    );
    expect(stale).toMatchObject({ status: 412, code: 'precondition_failed' });
    const { data: now } = await claims.GET('/v1/patients/{id}', { params: { path: { id } } });
    expect(now.phone).toBe('2175550100');
  });

  it('pages through a list with the async iterator, following nextCursor to the end', async () => {
    const { claims, sent } = await integrator();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await claims.POST('/v1/patients', { body: patientBody(`ehr-page-${i}`) })).data.id);
    }
    const seen: string[] = [];
    for await (const patient of claims.paginate('/v1/patients', { params: { query: { limit: 2 } } }))
      seen.push(patient.id);
    expect(seen.sort()).toEqual([...created].sort());
    const listCalls = sent.filter((r) => r.method === 'GET' && r.path === '/v1/patients');
    expect(listCalls).toHaveLength(3);

    const sizes: number[] = [];
    for await (const page of claims.pages('/v1/patients', { params: { query: { limit: 4 } } }))
      sizes.push(page.data.length);
    expect(sizes).toEqual([4, 1]);

    // Breaking out of the loop stops fetching.
    let taken = 0;
    const before = sent.length;
    for await (const _ of claims.paginate('/v1/patients', { params: { query: { limit: 1 } } }))
      if (++taken === 2) break;
    expect(sent.length - before).toBe(2);
  });

  it('throws problems typed by code: a validation error with its fields, a 404, bad credentials', async () => {
    const { claims } = await integrator();
    const invalid = await failure(claims.POST('/v1/payers', { body: { ...payerBody(), timelyFilingDays: -1 } }));
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.fieldErrors.map((e) => e.path)).toContain('timelyFilingDays');
    expect(invalid.requestId).toBeTruthy();

    const missing = await failure(
      claims.GET('/v1/patients/{id}', { params: { path: { id: 'pat_0000000000000000' } } }),
    );
    const describe = (code: ProblemCode | 'unexpected_response') => {
      switch (code) {
        case 'resource_not_found':
          return 'gone';
        case 'validation_failed':
          return 'fix the fields';
        default:
          return 'other';
      }
    };
    expect(describe(missing.code)).toBe('gone');
    expect(isClaimsApiError(missing, 'resource_not_found')).toBe(true);
    expect(isClaimsApiError(missing, 'validation_failed')).toBe(false);

    const wrong = createClaimsClient({ baseUrl, credentials: { clientId: 'cli_nobody', clientSecret: 'wrong' } });
    const refused = await failure(wrong.GET('/v1/organization'));
    expect(refused).toMatchObject({ status: 401, code: 'invalid_client' });
  });

  it('gets a new token once when the API refuses the one it holds', async () => {
    let spoil = true;
    const { claims, sent } = await integrator({
      fetch: async (request) => {
        if (spoil && request.headers.get('authorization')) {
          spoil = false;
          request.headers.set('authorization', 'Bearer not-a-token');
        }
        return fetch(request);
      },
    });
    const { data } = await claims.GET('/v1/organization');
    expect(data.object).toBe('organization');
    expect(sent.map((r) => r.path)).toEqual([
      '/v1/oauth/token',
      '/v1/organization',
      '/v1/oauth/token',
      '/v1/organization',
    ]);
  });
});
