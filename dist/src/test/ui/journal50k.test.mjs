// Any size: a journal of 50 000 entries collapses its repeated run, scrolls to its end, and keeps few rows in the DOM.
import assert from 'node:assert/strict';
import { admin, invoke, uiSuite, until } from './browser.mjs';

const uiTest = uiSuite('journal50k');

uiTest('a journal of 50 000 entries scrolls to its end with virtualised rows', async (page) => {
  const { id } = await invoke('Big/j50k/journal', 50_000);
  await page.goto(`${admin}/ui/invocations/${id}`);
  const journal = page.getByRole('list', { name: 'Journal' });
  const rows = journal.locator('[role=listitem]');
  const run = journal.locator('.jrow.run');
  await run.first().waitFor();
  assert.match(await run.first().textContent(), /×\s*\d[\d,. ]*\+?/, 'the repeated state writes collapse into one row');
  assert.match(await page.locator('.journal .toolbar').textContent(), /50[,. ]?00[0-9] entries/);

  // expanded, the run is 50 000 rows long; scroll to the very end
  await run.first().getByRole('button').click();
  await run.first().getByRole('button', { expanded: true }).waitFor();
  const height = await journal.evaluate((box) => box.scrollHeight);
  assert.ok(height > 50_000 * 20, `the expanded run makes the journal ${height} px tall`);
  const started = Date.now();
  await journal.evaluate((box) => { box.scrollTop = box.scrollHeight; });
  const lastIndex = Number((await page.locator('.journal .toolbar').textContent()).match(/([\d,. ]+) entries/)[1].replace(/\D/g, '')) - 1;
  const last = journal.locator(`[data-index="${lastIndex}"]`);
  // the windows before the end load as the view settles there: the view fills with entry rows, the last at the bottom
  await until(async () => (await last.count()) === 1 && (await rows.count()) >= 15, 'the end of the journal filling the view', 10_000);
  const reached = Date.now() - started;
  assert.ok(reached < 8_000, `the end showed ${reached} ms after scrolling`);
  assert.match(await last.locator('.kind').textContent(), /Output/);
  const inDom = await rows.count();
  assert.ok(inDom < 150, `${inDom} rows in the DOM for 50 000 entries`);
  assert.ok(await last.isVisible(), 'the last entry is in view');
  console.log(`# end of a 50 000-entry journal shown ${reached} ms after scrolling; ${inDom} rows in the DOM`);
});
