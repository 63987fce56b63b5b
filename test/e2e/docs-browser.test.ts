import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../../src/lib/scopes.js';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * /docs in a real headless browser, served on a real port and opened under a host name that is not localhost
 * (browsers treat localhost as secure and forgive what breaks everywhere else, such as upgrade-insecure-requests).
 * Debian's chromium (.ci/run installs it); without it the test is skipped with the reason, except under CI=true.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST = 'claims.test';
const ARTIFACTS = path.join(root, 'test-artifacts');
const haveBrowser = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!haveBrowser && !inCi) console.warn(`docs-browser: skipped, no browser at ${CHROMIUM} (apt-get install chromium)`);

describe('the docs page in a real browser', () => {
  it.runIf(inCi && !haveBrowser)('needs a browser under CI', () => {
    expect.fail(`no browser at ${CHROMIUM}: .ci/run installs Debian's chromium`);
  });
});

describe.runIf(haveBrowser)('the docs page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let client: { clientId: string; clientSecret: string };
  let operations: number;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await t.newOrg('Docs Browser Clinic');
    client = await t.services.auth.createClient({ orgId: org.orgId, name: 'docs page', scopes: ALL_SCOPES });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    base = `http://${HOST}:${port}`;
    const doc = (await t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, object>;
      webhooks?: Record<string, object>;
    };
    // The page lists the API's operations and, under "webhooks", what each event type's receiver gets.
    const count = (items: Record<string, object>) =>
      Object.values(items).reduce((n, methods) => n + Object.keys(methods).length, 0);
    operations = count(doc.paths) + count(doc.webhooks ?? {});
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists every operation over plain HTTP on a non-localhost host, and the token flow works from the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failures: string[] = [];
    page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

    const res = await page.goto(`${base}/docs`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    // An operation with two tags is shown under each: count operationIds (ids are operations-<tag>-<operationId>).
    const shown = await page.$$eval('.opblock[id^="operations-"]', (els) =>
      els.map((e) => e.id.slice(e.id.lastIndexOf('-') + 1)),
    );
    expect(new Set(shown).size).toBe(operations);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs.png') });
    await expect(page.locator('.opblock-summary-path', { hasText: '/v1/payers' }).first().isVisible()).resolves.toBe(
      true,
    );

    // OAuth 2.0 client credentials from the Authorize dialog, then an authorized call from "Try it out".
    await page.click('.auth-wrapper .authorize');
    await page.fill('.auth-container input[data-name="clientId"]', client.clientId);
    await page.fill('.auth-container input[data-name="clientSecret"]', client.clientSecret);
    await page.click('.auth-container .scopes a[data-all="true"]');
    const token = page.waitForResponse((r) => r.url().endsWith('/v1/oauth/token'));
    await page.click('.auth-container .auth-btn-wrapper .authorize');
    expect((await token).status()).toBe(200);
    await page.locator('.dialog-ux').getByText('Authorized', { exact: true }).waitFor({ timeout: 15_000 });
    await page.click('.dialog-ux .close-modal');

    const op = page.locator('#operations-organization-retrieveOrganization');
    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    expect((await status.textContent())?.trim()).toBe('200');

    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-try-it.png') });
    expect(failures).toEqual([]);
    await page.close();
  });
});
