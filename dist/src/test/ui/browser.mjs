// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core from test-services/typescript/node_modules:
// no browser is ever downloaded. WebUiIT passes the server's addresses in the environment:
// ADMIN_URL, INGRESS_URL, SERVICES_URL (an endpoint of test services nobody registered yet).
import { after, before, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const { chromium } = await import(join(root, 'test-services/typescript/node_modules/playwright-core/index.mjs'));

export const CHROMIUM = '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(root, 'dist/target/ui-screenshots');
export const admin = process.env.ADMIN_URL;
export const ingress = process.env.INGRESS_URL;
export const servicesUrl = process.env.SERVICES_URL;

/** A fresh browser profile (its own user-data-dir) at 1280×800; close() removes the profile. */
export async function launch({ theme = 'light' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'resolute-ui-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 },
    colorScheme: theme, timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/**
 * One browser for the file; each uiTest gets a new page (tab) and, when it fails, leaves
 * dist/target/ui-screenshots/<file>--<test>.png behind.
 */
export function uiSuite(file) {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });
  return function uiTest(name, fn, options = {}) {
    test(name, options, async (t) => {
      const page = await browser.context.newPage();
      try {
        await fn(page);
      } catch (e) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const shot = join(SCREENSHOTS, `${file}--${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
        await page.screenshot({ path: shot, fullPage: false }).catch(() => {});
        t.diagnostic(`screenshot: ${shot} (page ${page.url()})`);
        throw e;
      } finally {
        await page.close();
      }
    });
  };
}

/** A JSON call to the ingress or the admin API; fails the test on a status other than `expect`. */
export async function call(url, { method = 'POST', body, headers = {}, expect = 200 } = {}) {
  const res = await fetch(url, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (expect !== null && res.status !== expect) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Polls `check` (async, truthy = done) every 100 ms for up to `ms`; fails naming `what`. */
export async function until(check, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows of `/query` for a SQL statement (the admin API's JSON answer). */
export async function query(sql) {
  const res = await call(`${admin}/query`, { body: { query: sql }, headers: { accept: 'application/json' } });
  return res.json().rows;
}
