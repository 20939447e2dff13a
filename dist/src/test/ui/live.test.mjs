// Live: a running invocation's journal grows on the page by server push (one stream), with no polling while idle.
import assert from 'node:assert/strict';
import { admin, call, query, send, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('live');

/** Requests of the page to /ui/api/, as they are sent. */
function apiRequests(page) {
  const seen = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/ui/api/')) seen.push(new URL(r.url()).pathname); });
  return seen;
}

uiTest('a running invocation shows new journal entries within a second, without reload', async (page) => {
  const id = await send('Watch/grow', 15);
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`${admin}/ui/invocations/${id}`);
  const journal = page.getByRole('list', { name: 'Journal' });
  await journal.locator('[role=listitem]').first().waitFor();
  // follow the tail: scrolled to the end, the view stays there as entries arrive
  await journal.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  // the page notes when each entry index first shows up; the server says when it committed it
  const watching = await journal.evaluate((box) => {
    window.seenAt = {};
    const note = () => box.querySelectorAll('[data-index]').forEach((row) => { window.seenAt[row.dataset.index] ??= Date.now(); });
    note();
    new MutationObserver(note).observe(box, { childList: true, subtree: true });
    return Date.now();
  });
  await page.locator('header .status', { hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
  assert.equal(loads, 1, 'the page was not reloaded');
  const seenAt = await page.evaluate(() => window.seenAt);
  const entries = await query(`SELECT "index", appended_at FROM sys_journal WHERE id = '${id}' ORDER BY "index"`);
  const late = entries.filter((e) => Date.parse(e.appended_at) > watching).map((e) => ({ index: e.index, ms: seenAt[e.index] - Date.parse(e.appended_at) }));
  assert.ok(late.length >= 20, `${late.length} entries appended while the page watched`);
  const missing = late.filter((e) => Number.isNaN(e.ms)).map((e) => e.index);
  assert.deepEqual(missing, [], 'every new entry showed');
  const slowest = Math.max(...late.map((e) => e.ms));
  console.log(`# ${late.length} new entries showed ${Math.min(...late.map((e) => e.ms))}–${slowest} ms after their commit`);
  assert.ok(slowest < 1_000, `the slowest entry showed ${slowest} ms after its commit`);
});

uiTest('an idle invocation page sends nothing but its one stream', async (page) => {
  const id = await send('Watch/sleep', 120_000);
  const requests = apiRequests(page);
  await page.goto(`${admin}/ui/invocations/${id}`);
  await page.getByRole('list', { name: 'Journal' }).locator('[role=listitem]').first().waitFor();
  await until(() => requests.includes('/ui/api/stream'), 'the live stream to open');
  await page.waitForTimeout(1_000); // the first reads after the stream opened
  const before = requests.length;
  await page.waitForTimeout(4_000);
  assert.deepEqual(requests.slice(before), [], 'no requests while idle');
  assert.equal(requests.filter((p) => p === '/ui/api/stream').length, 1, 'one stream');
  await call(`${admin}/invocations/${id}/kill`, { method: 'PATCH', expect: null });
});
