// The journal timeline: runs of repeated entries collapse and expand, rows are virtualised, and "jump to first
// failure" loads windows until it finds the failed entry.
import assert from 'node:assert/strict';
import { admin, call, ingress, query, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('inv-journal');

async function invocationOf(key) {
  const rows = await until(async () => {
    const found = await query(`SELECT id FROM sys_invocation WHERE target_service_key = '${key}'`);
    return found.length ? found : null;
  }, `an invocation for ${key}`);
  return rows[0].id;
}

uiTest('a run of repeated entries collapses into one row and expands', async (page) => {
  await call(`${ingress}/Big/collapse/journal`, { body: 3000 });
  const id = await invocationOf('collapse');
  await page.goto(`${admin}/ui/invocations/${id}`);
  const run = page.getByRole('listitem').filter({ hasText: '×3 000' });
  await run.waitFor();
  assert.match(await run.textContent(), /SetState\s*n\s*×3 000/);
  assert.ok(await page.locator('.jrow').count() < 20, 'one row for the run');

  await run.getByRole('button').click();
  const journal = page.getByRole('list', { name: 'Journal' });
  await journal.evaluate((el) => { el.scrollTop = 1500 * 28; });
  await journal.locator('[data-index="1500"]').waitFor();
  const rendered = await page.locator('.jrow').count();
  assert.ok(rendered < 150, `only the visible rows are in the page: ${rendered}`);
});

uiTest('jump to first failure finds a failed entry beyond the first window', async (page) => {
  await call(`${ingress}/Big/failing/failAfter`, { body: 2500 });
  const id = await invocationOf('failing');
  await page.goto(`${admin}/ui/invocations/${id}`);
  await page.getByRole('listitem').filter({ hasText: '×2 500' }).waitFor();
  await page.getByRole('button', { name: 'Jump to first failure' }).click();
  const detail = page.getByRole('region', { name: /^Entry \d+$/ });
  await detail.getByRole('heading', { name: /Notification: Run/ }).waitFor();
  const index = Number((await detail.getAttribute('aria-label')).split(' ')[1]);
  assert.ok(index > 2500, `the failure follows the state writes: entry ${index}`);
  assert.match(await detail.textContent(), /check failed after 2500/);
  const row = page.locator(`[data-index="${index}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Failure/);
  assert.match(page.url(), new RegExp(`entry=${index}`));
});
