// Any size: a journal of 50 000 entries collapses its repeated run, scrolls to its end loading only the windows it
// shows and keeps few rows in the DOM;
// a 10 MiB value shows its first 64 KiB and downloads whole.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { admin, invoke, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('any-size');

uiTest('a journal of 50 000 entries scrolls to its end with virtualised rows', async (page) => {
  const { id } = await invoke('Big/j50k/journal', 50_000);
  const windows = []; // the journal window requests, by their start
  page.on('request', (request) => {
    const from = /\/journal\?from=(\d+)/.exec(request.url());
    if (from) windows.push(Number(from[1]));
  });
  await page.goto(`${admin}/ui/invocations/${id}`);
  const journal = page.getByRole('list', { name: 'Journal' });
  const rows = journal.locator('[role=listitem]');
  const run = journal.locator('.jrow.run');
  await run.first().waitFor();
  // the collapsed run grows as a few windows load, then offers the rest instead of reading the whole journal
  await journal.getByRole('button', { name: /^Load entries/ }).waitFor();
  assert.match(await run.first().textContent(), /×\s*\d[\d,. ]*\+/, 'the repeated state writes collapse into one row');
  assert.ok(windows.length <= 6, `the collapsed view read ${windows.length} windows: ${windows}`);
  assert.match(await page.locator('.journal .toolbar').textContent(), /50[,. ]?00[0-9] entries/);

  // expanded, the run is 50 000 rows long; scroll to the very end
  await run.first().getByRole('button').click();
  await run.first().getByRole('button', { expanded: true }).waitFor();
  const height = await journal.evaluate((box) => box.scrollHeight);
  assert.ok(height > 50_000 * 20, `the expanded run makes the journal ${height} px tall`);
  const started = Date.now();
  const before = windows.length;
  await journal.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  const lastIndex = Number((await page.locator('.journal .toolbar').textContent()).match(/([\d,. ]+) entries/)[1].replace(/\D/g, '')) - 1;
  const last = journal.locator(`[data-index="${lastIndex}"]`);
  // the windows before the end load as the view settles there: the view fills with entry rows, the last at the bottom
  await until(async () => (await last.count()) === 1 && (await rows.count()) >= 15, 'the end of the journal filling the view', 20_000);
  const reached = Date.now() - started;
  const after = windows.slice(before);
  assert.ok(after.length <= 3, `${after.length} windows loaded for the end: ${after}`);
  assert.ok(reached < 5_000, `the end showed ${reached} ms after scrolling`); // one window: well under a second unloaded
  assert.equal(await run.count(), 0, 'the entries loaded at the end stay expanded (no new collapsed run there)');
  assert.match(await last.locator('.kind').textContent(), /Output/);
  const inDom = await rows.count();
  assert.ok(inDom < 150, `${inDom} rows in the DOM for 50 000 entries`);
  assert.ok(await last.isVisible(), 'the last entry is in view');
  console.log(`# end of a 50 000-entry journal shown ${reached} ms after scrolling (${after.length} windows); ${inDom} rows in the DOM`);
});

uiTest('a 10 MiB output shows its start and downloads whole', async (page) => {
  const { id } = await invoke('Big/big/output', 10);
  await page.goto(`${admin}/ui/invocations/${id}`);
  const output = page.getByRole('list', { name: 'Journal' }).locator('[role=listitem]', { has: page.locator('.kind', { hasText: /^Output$/ }) });
  assert.match(await output.locator('.detail').textContent(), /"x{100}/, 'the row previews the start of its 10 MiB value');
  const started = Date.now();
  await output.click();
  const detail = page.getByRole('region', { name: /^Entry \d+$/ });
  await detail.getByRole('heading', { name: 'Value (first 64 KiB)' }).waitFor();
  const shown = Date.now() - started;
  assert.ok(shown < 3_000, `the entry opened in ${shown} ms`);
  assert.match(await detail.textContent(), /Value: 10(\.0)? MiB/);
  const preview = await detail.locator('pre.value').textContent();
  assert.ok(preview.startsWith('"xxxx') && preview.length <= 64 * 1024, `a preview of ${preview.length} characters`);
  const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Download value' }).click()]);
  const file = await download.path();
  assert.equal(statSync(file).size, 10 * 1024 * 1024 + 2, 'the whole JSON string');
});
