// State: read an object's entries and edit one; the server's state changes.
import assert from 'node:assert/strict';
import { admin, invoke, uiSuite } from './browser.mjs';

const uiTest = uiSuite('state');

uiTest('read and edit an object\'s state', async (page) => {
  await invoke('Shelf/books/put', { title: 'Dune', year: 1965 });
  await page.goto(`${admin}/ui/state`);
  await page.getByRole('link', { name: 'Shelf', exact: true }).click();
  await page.getByRole('link', { name: 'books', exact: true }).click();
  const row = page.locator('tr', { has: page.locator('td.mono', { hasText: /^title$/ }) });
  assert.equal(await row.locator('pre.value').textContent(), '"Dune"');
  assert.equal(await page.locator('tr', { has: page.locator('td.mono', { hasText: /^year$/ }) }).locator('pre.value').textContent(), '1965');
  await row.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('form', { name: 'Edit title' });
  await editor.getByRole('textbox').fill('"Emma"');
  await editor.getByRole('button', { name: 'Save' }).click();
  await row.locator('pre.value', { hasText: '"Emma"' }).waitFor();
  assert.equal((await invoke('Shelf/books/get', 'title')).text, '"Emma"', 'the server holds the new value');
  assert.equal((await invoke('Shelf/books/get', 'year')).text, '1965', 'the other entry is kept');
});
