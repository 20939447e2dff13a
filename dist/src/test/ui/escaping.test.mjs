// Escaping: a <script> in an object key, a state key and a value is user data: shown as text on every page, never run.
import assert from 'node:assert/strict';
import { admin, invoke, uiSuite } from './browser.mjs';

const uiTest = uiSuite('escaping');
const EVIL = '<script>alert(1)</script>';

uiTest('a <script> in a key and a value is shown as text and never runs', async (page) => {
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const { id } = await invoke(`Shelf/${encodeURIComponent(EVIL)}/put`, { [EVIL]: EVIL });
  await page.goto(`${admin}/ui/state/Shelf`);
  await page.getByRole('link', { name: EVIL, exact: true }).click();
  const row = page.locator('tr', { has: page.locator('td.mono', { hasText: EVIL }) });
  assert.equal(await row.locator('td.mono').first().textContent(), EVIL);
  assert.equal(await row.locator('pre.value').textContent(), JSON.stringify(EVIL));
  // the invocation page shows the key in its target and the state preview
  await page.goto(`${admin}/ui/invocations/${id}`);
  assert.equal(await page.locator('header h1').textContent(), `Shelf/${EVIL}/put`);
  await page.getByRole('region', { name: 'State' }).locator('td', { hasText: EVIL }).first().waitFor();
  assert.equal(await page.locator('#app script').count(), 0, 'no script element was created from the data');
  assert.deepEqual(dialogs, [], 'no alert fired');
});
