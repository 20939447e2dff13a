// Live: a running invocation's journal grows on the page by server push (one stream), with no polling while idle.
import assert from 'node:assert/strict';
import { admin, call, send, uiSuite, until } from './browser.mjs';

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
  const step = (n) => journal.locator('.detail', { hasText: new RegExp(`^step ${n}(\\s|$)`) });
  await step(2).waitFor();
  // follow the tail: scrolled to the end, the view stays there as entries arrive
  await journal.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  let last = Date.now();
  for (let n = 3; n <= 7; n++) {
    await step(n).waitFor({ timeout: 2_000 });
    const gap = Date.now() - last;
    last = Date.now();
    // the service takes ~0.35 s a step: each new step showing within a second (plus a margin for this busy machine) is push
    assert.ok(gap < 1_500, `step ${n} showed ${gap} ms after step ${n - 1}`);
  }
  assert.equal(loads, 1, 'the page was not reloaded');
  await page.locator('header .status', { hasText: 'succeeded' }).waitFor({ timeout: 15_000 });
  assert.match(await page.locator('.journal .toolbar').textContent(), /entries/);
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
